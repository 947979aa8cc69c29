from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import text as article_text

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


# PostgreSQL's text-search configurations by language code; others use "simple".
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip


def search_filter(q, fields, language=None):
    """A filter for the words of ``q``.

    On PostgreSQL: full-text search on the ``search_vector`` column, which a
    trigger fills using the text-search configuration of the article's
    language (migration 0003). The query is parsed with the configurations a
    desk most often meets, so that stemmed and unstemmed words both match.
    Elsewhere: a case-insensitive substring match on ``fields``.
    """
    if connection.vendor == "postgresql":
        configs = ["simple", "english", "indonesian", TEXT_SEARCH_CONFIGS.get(language or "", "simple")]
        query = SearchQuery(q, config=configs[0], search_type="websearch")
        for config in dict.fromkeys(configs[1:]):
            query |= SearchQuery(q, config=config, search_type="websearch")
        return Q(search_vector=query)
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": q})
    return condition


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
    allow_self_approval = models.BooleanField(
        default=False, help_text="Whether an editor may approve a verdict they wrote themselves."
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

    def has_role(self, role):
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


class FeverLabel(models.TextChoices):
    SUPPORTS = "SUPPORTS", "SUPPORTS"
    REFUTES = "REFUTES", "REFUTES"
    NOT_ENOUGH_INFO = "NOT ENOUGH INFO", "NOT ENOUGH INFO"


class RatingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def active(self):
        return self.filter(active=True)


class Rating(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=100)
    value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="ClaimReview ratingValue (1 = worst). Empty for a text-only rating."
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Retired ratings stay valid on old verdicts.")
    fever_label = models.CharField(
        max_length=16,
        choices=FeverLabel.choices,
        blank=True,
        help_text="Label in FEVER-style exports; empty: from the value (low third REFUTES, high third SUPPORTS).",
    )

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "value"]
        constraints = [
            models.UniqueConstraint(fields=["project", "label"], name="rating_unique_label"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=1), name="rating_value_positive"),
        ]

    def __str__(self):
        return self.label


class ArticleQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def search(self, q, language=None):
        return self.filter(search_filter(q, ["title", "text"], language))


class Article(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(help_text="Normalised once at creation; immutable once a claim points into it.")
    text_hash = models.CharField(max_length=64, editable=False)
    external_id = models.CharField(max_length=200, blank=True)
    import_job = models.ForeignKey(
        "ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False, help_text="Filled by a PostgreSQL trigger.")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "text_hash"], name="article_unique_text"),
            models.UniqueConstraint(
                fields=["project", "external_id"], condition=~Q(external_id=""), name="article_unique_external_id"
            ),
            models.CheckConstraint(condition=Exact(Length("text_hash"), 64), name="article_text_hash_set"),
        ]
        indexes = [
            models.Index(fields=["project", "-created_at"], name="article_project_created"),
            GinIndex(fields=["search_vector"], name="article_search"),
        ]

    def __str__(self):
        return self.title or self.text[:60]

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.set_text(self.text)
        elif self.text_hash != article_text.text_hash(self.text):
            # The text changed after creation. A database trigger refuses it
            # as well once claims point into the text (see migration 0002).
            if self.claims.exists():
                raise ValidationError({"text": "The text of an annotated article cannot change."})
            self.set_text(self.text)
        super().save(*args, **kwargs)

    def set_text(self, raw):
        """Normalise the text and set its hash (bulk inserts skip save())."""
        self.text = article_text.normalise(raw)
        self.text_hash = article_text.text_hash(self.text)


class ClaimantType(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organization")


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    NOT_CHECKABLE = "not_checkable", _("Not checkable")
    DUPLICATE = "duplicate", _("Duplicate")


class ClaimQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def search(self, q, language=None):
        return self.filter(search_filter(q, ["statement", "quote", "claimant"], language))

    def open(self):
        return self.filter(status=ClaimStatus.OPEN)

    def awaiting_review(self):
        return self.filter(status=ClaimStatus.IN_REVIEW)

    def assigned_to(self, user):
        return self.filter(assignee=user)


class Claim(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="claims")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claims")
    start = models.PositiveIntegerField(help_text="Index of the first code point of the quote in the article text.")
    end = models.PositiveIntegerField(help_text="Index one past the last code point of the quote.")
    quote = models.TextField(
        blank=True, help_text="Always equal to article.text[start:end]; filled in from the text when left empty."
    )
    statement = models.TextField(blank=True, help_text="The claim, normalised into a checkable sentence.")
    claimant = models.CharField(max_length=300, blank=True)
    claimant_url = models.URLField(max_length=2000, blank=True, help_text="A sameAs URL identifying the claimant.")
    claimant_type = models.CharField(
        max_length=12, choices=ClaimantType.choices, default=ClaimantType.PERSON, help_text="For ClaimReview."
    )
    claim_date = models.DateField(null=True, blank=True)
    appearance_urls = models.JSONField(default=list, blank=True)
    check_worthiness = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 (low) to 5 (high).")
    tags = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.OPEN)
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="created_claims")
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates")
    revision = models.PositiveIntegerField(default=1, help_text="Raised on every change; guards against lost updates.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False, help_text="Filled by a PostgreSQL trigger.")

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")), name="claim_quote_length_matches_offsets"
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_valid_status"),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.DUPLICATE, duplicate_of__isnull=False)
                | (~Q(status=ClaimStatus.DUPLICATE) & Q(duplicate_of__isnull=True)),
                name="claim_duplicate_has_original",
            ),
            models.CheckConstraint(condition=~Q(duplicate_of=F("id")), name="claim_not_duplicate_of_itself"),
            models.CheckConstraint(
                condition=Q(check_worthiness__isnull=True) | Q(check_worthiness__range=(1, 5)),
                name="claim_check_worthiness_range",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status"], name="claim_project_status"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status"),
            models.Index(fields=["project", "-created_at"], name="claim_project_created"),
            GinIndex(fields=["search_vector"], name="claim_search"),
        ]

    def __str__(self):
        return self.statement or self.quote[:80]

    def clean(self):
        text = self.article.text
        if self.start is None or self.end is None:
            return
        if not 0 <= self.start < self.end <= len(text):
            raise ValidationError(f"Offsets {self.start}–{self.end} are outside the article text (0–{len(text)}).")
        found = text[self.start : self.end]
        if self.quote and self.quote != found:
            raise ValidationError({"quote": f"The text at {self.start}–{self.end} is {found!r}, not {self.quote!r}."})
        self.quote = found

    @property
    def current_verdict(self):
        return self.verdicts.filter(is_current=True).first()


class VerdictStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Corrected")
    RETRACTED = "retracted", _("Retracted")


class VerdictQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(claim__project__in=Project.objects.for_user(user))

    def current(self):
        return self.filter(is_current=True)

    def published(self):
        return self.filter(status=VerdictStatus.PUBLISHED)


class Verdict(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="verdicts")
    rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts")
    summary = models.TextField(blank=True)
    analysis = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(max_length=20, choices=VerdictStatus.choices, default=VerdictStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="1 for the first verdict, then one more per correction.")
    is_current = models.BooleanField(default=True)
    corrects = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="correction")
    correction_note = models.TextField(blank=True, help_text="Public note explaining what a correction changed.")
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewed_verdicts"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, help_text="Raised on every change; guards against lost updates.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_current=True), name="verdict_one_current_per_claim"
            ),
            models.UniqueConstraint(fields=["claim", "version"], name="verdict_unique_version"),
            models.CheckConstraint(condition=Q(status__in=VerdictStatus.values), name="verdict_valid_status"),
            models.CheckConstraint(condition=Q(version__gte=1), name="verdict_version_positive"),
            models.CheckConstraint(
                condition=~Q(status=VerdictStatus.PUBLISHED) | Q(published_at__isnull=False, rating__isnull=False),
                name="verdict_published_has_date_and_rating",
            ),
        ]
        indexes = [models.Index(fields=["status", "-updated_at"], name="verdict_status_updated")]

    def __str__(self):
        return f"Verdict v{self.version} on claim {self.claim_id}"

    @property
    def project(self):
        return self.claim.project

    @property
    def is_editable(self):
        return self.status in (VerdictStatus.DRAFT, VerdictStatus.CHANGES_REQUESTED)


class EvidenceKind(models.TextChoices):
    PRIMARY = "primary", _("Primary source")
    SECONDARY = "secondary", _("Secondary source")


class Evidence(models.Model):
    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    quote = models.TextField(blank=True)
    archived_url = models.URLField(max_length=2000, blank=True)
    accessed_at = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices, default=EvidenceKind.PRIMARY)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["verdict", "order", "id"]
        verbose_name_plural = "evidence"
        constraints = [models.CheckConstraint(condition=Q(kind__in=EvidenceKind.values), name="evidence_valid_kind")]

    def __str__(self):
        return self.title or self.url

    @property
    def project(self):
        return self.verdict.claim.project


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="comments")
    body = models.TextField()
    resolved = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolved_comments"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, verdict__isnull=True) | Q(claim__isnull=True, verdict__isnull=False),
                name="comment_on_claim_or_verdict",
            )
        ]

    def __str__(self):
        return self.body[:60]


class Activity(models.Model):
    """Who did what to which object, when, and from which state to which."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="activities")
    verb = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField()
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["project", "-created_at"], name="activity_project_created"),
            models.Index(fields=["object_type", "object_id"], name="activity_object"),
        ]

    def __str__(self):
        return f"{self.actor} {self.verb} {self.object_type} {self.object_id}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    COMPLETED_WITH_ERRORS = "completed_with_errors", _("Completed with errors")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")  # an export whose file was deleted after its retention time


UNFINISHED = [JobStatus.QUEUED, JobStatus.RUNNING]


class JobQuerySet(models.QuerySet):
    def stale(self):
        """Unfinished jobs whose worker has stopped writing its heartbeat."""
        cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)
        return self.filter(status__in=UNFINISHED, heartbeat_at__lt=cutoff)


class Job(models.Model):
    """A background job: a row that a Celery task takes by id.

    The row is the truth about the job, not the broker: progress, the
    heartbeat and the checkpoint are written on it, so that a job whose
    worker died can be queued again and resume where it stopped.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="%(class)ss")
    owner = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="%(class)ss")
    format = models.CharField(max_length=20)
    status = models.CharField(max_length=24, choices=JobStatus.choices, default=JobStatus.QUEUED)
    processed = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    checkpoint = models.PositiveBigIntegerField(default=0, help_text="Records done, committed with their rows.")
    attempts = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_finished(self):
        return self.status not in UNFINISHED

    def beat(self, **fields):
        """Write the heartbeat (and any progress fields) without touching the rest of the row."""
        fields["heartbeat_at"] = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**fields)

    def start(self):
        """Claim the queued job for this worker.

        False when another worker holds it or it is finished: a message the
        broker delivers twice then does nothing the second time.
        """
        now = timezone.now()
        claimed = (
            type(self)
            .objects.filter(pk=self.pk, status=JobStatus.QUEUED)
            .update(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1)
        )
        self.refresh_from_db()
        return bool(claimed)

    def finish(self, status, message=""):
        self.beat(status=status, message=message, finished_at=timezone.now())


class ImportJob(Job):
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=300, blank=True)
    encoding = models.CharField(max_length=40, blank=True, help_text="Text encoding; empty: UTF-8 or detected.")
    created = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="Record errors: [{where, reason}], the first 1,000.")

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="importjob_status_heartbeat")]

    def __str__(self):
        return f"Import {self.pk} ({self.filename or self.format})"


class ExportJobQuerySet(JobQuerySet):
    def expired(self):
        return self.filter(expires_at__lt=timezone.now()).exclude(status=JobStatus.EXPIRED)


class ExportJob(Job):
    filters = models.JSONField(default=dict, blank=True)
    result = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="exportjob_status_heartbeat")]

    def __str__(self):
        return f"Export {self.pk} ({self.format})"
