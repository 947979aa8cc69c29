"""Projects, their members and their rating scales."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

User = settings.AUTH_USER_MODEL


class Role(models.TextChoices):
    ANNOTATOR = "annotator", _("Annotator")
    REVIEWER = "reviewer", _("Reviewer")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Admin")


# Each role can do everything the roles before it can.
ROLE_RANK = {Role.ANNOTATOR: 1, Role.REVIEWER: 2, Role.EDITOR: 3, Role.ADMIN: 4}

RATING_PRESETS = {
    "en": [
        ("False", 1, "The claim is inaccurate."),
        ("Mostly false", 2, "The claim has an element of truth but ignores facts that change the picture."),
        ("Misleading", 3, "The claim uses accurate facts in a way that gives a false impression."),
        ("Half true", 4, "The claim is partially accurate but leaves out important details."),
        ("Mostly true", 5, "The claim is accurate but needs clarification."),
        ("True", 6, "The claim is accurate."),
    ],
    "id": [
        ("Salah", 1, "Klaim tidak sesuai dengan fakta."),
        ("Menyesatkan", 2, "Klaim memakai fakta dengan cara yang memberi kesan keliru."),
        ("Sebagian benar", 3, "Klaim sebagian akurat tetapi menghilangkan rincian penting."),
        ("Sebagian besar benar", 4, "Klaim akurat tetapi perlu penjelasan."),
        ("Benar", 5, "Klaim sesuai dengan fakta."),
    ],
}


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        """The projects a user is a member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Project(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    language = models.CharField(
        max_length=16, default="en", help_text="Default language of the project's articles (BCP 47)."
    )
    publisher_name = models.CharField(
        max_length=200, blank=True, help_text="The organisation that publishes the fact-checks (ClaimReview author)."
    )
    publisher_url = models.URLField(blank=True)
    rating_labels = models.JSONField(
        default=dict, blank=True,
        help_text="The project's own entries for reading other publishers' ratings: {label: class}, e.g. "
        '{"Hoaks berat": "false"}; they come before the built-in table.',
    )  # fmt: skip
    allow_self_approval = models.BooleanField(
        default=False, help_text="Whether an editor may approve a verdict they wrote themselves."
    )
    retracted_verdict_public = models.BooleanField(
        default=False,
        help_text="Whether the public report of a retracted fact-check still shows its rating, summary, analysis "
        "and evidence below the retraction note. Off, readers see the claim and the note only.",
    )
    auto_link_matches = models.BooleanField(
        default=False,
        help_text="Whether a new claim that repeats a claim of the desk almost word for word (above the "
        '"confirm" threshold, 8 words or more) is linked as its duplicate without a person.',
    )
    matching_revision = models.PositiveBigIntegerField(
        default=0, editable=False, help_text="Raised with every write of the project's stored vectors (checked_before)."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def role_of(self, user):
        """The user's role in this project, or None for a non-member."""
        if not user.is_authenticated:
            return None
        membership = self.memberships.filter(user=user).first()
        return membership.role if membership else None

    def install_rating_preset(self, preset):
        """Add a preset rating scale ("en" or "id"); ratings already there stay."""
        for order, (label, value, description) in enumerate(RATING_PRESETS[preset]):
            self.ratings.get_or_create(
                label=label, defaults={"value": value, "description": description, "order": order}
            )


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ANNOTATOR)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="membership_unique_user"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_valid_role"),
        ]

    def __str__(self):
        return f"{self.user} as {self.role} in {self.project}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations not yet accepted and not expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def from_token(self, token):
        """The pending invitation a link's token names, or None for any
        other token (tampered, used, revoked or expired alike)."""
        try:
            pk, created = signing.Signer(salt=Invitation.TOKEN_SALT).unsign_object(token)
            invitation = self.pending().filter(pk=int(pk)).first()
        except (signing.BadSignature, TypeError, ValueError, OverflowError):
            return None
        if invitation is None or invitation.created_stamp != created:
            return None
        return invitation


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)


class Invitation(models.Model):
    """A project admin's invitation to join with a role. Its link carries a
    token signed with the site's secret key (nothing secret is stored), works
    until it expires and only once; revoking deletes the invitation."""

    TOKEN_SALT = "annotations.invitation"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(blank=True, help_text="Where the link is sent; empty, the admin passes the link on.")
    name = models.CharField(max_length=150, blank=True, help_text="Who the invitation is for, as the desk knows them.")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ANNOTATOR)
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="", name=""),
                name="invitation_names_someone",
                violation_error_message=_("Give the email address or the name of the person you invite."),
            ),  # fmt: skip
            models.CheckConstraint(condition=Q(role__in=Role.values), name="invitation_valid_role"),
        ]

    def __str__(self):
        return f"{self.email or self.name} as {self.role} in {self.project}"

    def get_absolute_url(self):
        return reverse("annotations:invitation", args=[self.token])

    @property
    def created_stamp(self):
        # In the token, so that a link names this invitation and no later one.
        return (self.created_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)

    @property
    def token(self):
        # One link per invitation: the same in the mail, on the page and in the API.
        return signing.Signer(salt=self.TOKEN_SALT).sign_object([self.pk, self.created_stamp])


class FeverLabel(models.TextChoices):
    SUPPORTS = "SUPPORTS", "SUPPORTS"
    REFUTES = "REFUTES", "REFUTES"
    NOT_ENOUGH_INFO = "NOT ENOUGH INFO", "NOT ENOUGH INFO"


class RatingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def active(self):
        return self.filter(active=True)


class RatingColour(models.TextChoices):
    """A rating's colour on the pages and in the report: a named colour of
    the stylesheet (``rating-colour-<name>``), as the CSP allows no inline style."""

    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")
    BLUE = "blue", _("Blue")
    GREY = "grey", _("Grey")


class Rating(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(_("label"), max_length=100)
    value = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True,
        help_text=_("ClaimReview ratingValue (1 = worst). Empty for a text-only rating."),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower comes first."))
    active = models.BooleanField(_("active"), default=True, help_text=_("Retired ratings stay valid on old verdicts."))
    fever_label = models.CharField(
        _("FEVER label"),
        max_length=16,
        choices=FeverLabel.choices,
        blank=True,
        help_text=_("Label in FEVER-style exports; empty: from the value (low third REFUTES, high third SUPPORTS)."),
    )
    colour = models.CharField(_("colour"), max_length=10, choices=RatingColour.choices, blank=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "value"]
        constraints = [
            models.UniqueConstraint(fields=["project", "label"], name="rating_unique_label"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=1), name="rating_value_positive"),
            models.CheckConstraint(condition=Q(colour__in=["", *RatingColour.values]), name="rating_valid_colour"),
        ]

    def __str__(self):
        return self.label
