"""Verdicts, their evidence, comments, and the activity log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Claim
from .projects import Project, Rating

User = settings.AUTH_USER_MODEL


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
