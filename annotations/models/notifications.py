"""Notifications: what concerns a member, for their inbox (and their e-mail
if they asked for it). ``annotations.notifications`` writes them, from the
workflow; ``permissions.notifications_for`` says which a user may see."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article, Claim
from .projects import Project
from .verdicts import Verdict

User = settings.AUTH_USER_MODEL


class NotificationKind(models.TextChoices):
    """What happened, as the inbox says it after the actor's name."""

    CLAIM_ASSIGNED = "claim_assigned", _("assigned you a claim to check")
    ARTICLE_ASSIGNED = "article_assigned", _("assigned you an article to annotate")
    CHANGES_REQUESTED = "changes_requested", _("asked for changes to your verdict")
    VERDICT_APPROVED = "verdict_approved", _("approved your verdict")
    VERDICT_PUBLISHED = "verdict_published", _("published your verdict")
    CLAIM_COMMENT = "claim_comment", _("commented on your claim")
    VERDICT_COMMENT = "verdict_comment", _("commented on your verdict")
    MENTION = "mention", _("mentioned you in a comment")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        """Mark these notifications read now (those read already keep their time)."""
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """One thing that concerns ``recipient``: what ``actor`` did (``kind``)
    to an object of ``project``, a claim (with its verdict, for a verdict's
    news) or an article. Read once ``read_at`` is set."""

    # No index of its own: the two indexes below start with it.
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications", db_index=False)
    # Read through the notification only (a removed user or project is rare):
    # not worth an index each.
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False)
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+", db_index=False)
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    excerpt = models.CharField(
        max_length=300, blank=True, help_text="The start of the comment or the change request it is about."
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            # The header's unread count and the inbox's unread first page.
            models.Index(fields=["recipient", "read_at", "-id"], name="notification_recipient_unread"),
            # The inbox, newest first, a page after another (keyset on id).
            models.Index(fields=["recipient", "-id"], name="notification_recipient"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_valid_kind"),
            models.CheckConstraint(
                condition=Q(claim__isnull=False) | Q(article__isnull=False), name="notification_has_object"
            ),
        ]

    def __str__(self):
        return f"{self.actor or _('Someone')} {self.sentence()} ({self.recipient})"

    def sentence(self):
        return NotificationKind(self.kind).label

    @property
    def is_read(self):
        return self.read_at is not None

    def mark_read(self):
        if self.read_at is None:
            self.read_at = timezone.now()
            Notification.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=self.read_at)


class NotificationPreference(models.Model):
    """A user's choice to get their notifications by e-mail too (off by default)."""

    user = models.OneToOneField(
        User, primary_key=True, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("Also send me my notifications by e-mail"), default=False)

    def __str__(self):
        return f"{self.user}: e-mail {'on' if self.email else 'off'}"
