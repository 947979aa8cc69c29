"""Verdicts, their evidence, comments, and the activity log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Claim, ClaimStatus
from .projects import Project, Rating, Role

User = settings.AUTH_USER_MODEL


class VerdictStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Corrected")
    RETRACTED = "retracted", _("Retracted")


# The states in which a verdict's text, rating and evidence may change.
VerdictStatus.EDITABLE = frozenset({VerdictStatus.DRAFT, VerdictStatus.CHANGES_REQUESTED})
# The states in which the public report of a claim shows its verdict.
VerdictStatus.PUBLIC = frozenset({VerdictStatus.PUBLISHED, VerdictStatus.RETRACTED})
# The states an editor decides on (the editor queue).
VerdictStatus.AWAITING_DECISION = frozenset({VerdictStatus.SUBMITTED, VerdictStatus.APPROVED})


class VerdictQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(claim__project__in=Project.objects.for_user(user))

    def current(self):
        return self.filter(is_current=True)

    def published(self):
        return self.filter(status=VerdictStatus.PUBLISHED)

    def awaiting_decision(self):
        return self.filter(status__in=VerdictStatus.AWAITING_DECISION)


class Verdict(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts")
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
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
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
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="verdict_status_updated"),
            # The editor queue's two lists and the dashboard's count of what waits.
            models.Index(
                fields=["updated_at", "claim"], name="verdict_current_awaiting",
                condition=Q(is_current=True, status__in=["approved", "submitted"]),
            ),
            models.Index(
                fields=["-published_at"], name="verdict_current_published",
                condition=Q(is_current=True, status="published"),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"Verdict v{self.version} on claim {self.claim_id}"

    @property
    def project(self):
        return self.claim.project

    Status = VerdictStatus  # for templates: verdict.Status.PUBLISHED

    @property
    def is_editable(self):
        return self.status in VerdictStatus.EDITABLE

    @property
    def is_awaiting_decision(self):
        return self.status in VerdictStatus.AWAITING_DECISION


class VerdictSubmission(models.Model):
    """What a verdict said when it was sent to the editors, one row per
    round of review: the editor compares a resubmission with the round
    before it. Internal; the public page knows only published versions."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(help_text="1 for the first submission, then one more per round.")
    rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True, help_text="The sources as they were: url, title, …")
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["verdict", "number"]
        constraints = [models.UniqueConstraint(fields=["verdict", "number"], name="verdict_submission_unique_number")]

    def __str__(self):
        return f"Round {self.number} of verdict {self.verdict_id}"


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
        verbose_name = _("source")
        verbose_name_plural = _("sources")
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
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    body = models.TextField()
    resolved = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolved_comments"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, verdict__isnull=True) | Q(claim__isnull=True, verdict__isnull=False),
                name="comment_on_claim_or_verdict",
            )
        ]

    def __str__(self):
        return self.body[:60]


class Verb(models.TextChoices):
    """What an Activity records: a stable code ``<object>.<what happened>``,
    and as its label the sentence the activity feed shows after the actor's
    name (``%(id)s`` is the object's id, ``%(to)s`` the state or role it
    moved to, ``%(whom)s`` the username an assignment names, kept in its comment)."""

    ARTICLE_CREATED = "article.created", _("added article %(id)s")
    ARTICLE_ASSIGNED = "article.assigned", _("assigned article %(id)s for independent annotation")
    ARTICLE_ANNOTATION_DONE = "article.annotation_done", _("finished annotating article %(id)s")
    ARTICLE_ADJUDICATED = "article.adjudicated", _("adjudicated article %(id)s")
    ARTICLE_ANNOTATOR_ASSIGNED = "article.annotator_assigned", _("assigned article %(id)s to %(whom)s")
    ARTICLE_ANNOTATOR_UNASSIGNED = "article.annotator_unassigned", _("unassigned article %(id)s from %(whom)s")
    CLAIM_MARKED = "claim.marked", _("marked claim %(id)s")
    CLAIM_ACCEPTED = "claim.accepted", _("accepted claim %(id)s in adjudication")
    CLAIM_REJECTED = "claim.rejected", _("rejected claim %(id)s in adjudication")
    CLAIM_IMPORTED = "claim.imported", _("imported claim %(id)s")
    SENTENCE_DISMISSED = "sentence.dismissed", _("dismissed the suggested sentence %(id)s")
    CLAIM_EDITED = "claim.edited", _("edited claim %(id)s")
    CLAIM_DELETED = "claim.deleted", _("deleted claim %(id)s")
    CLAIM_TAKEN = "claim.taken", _("took claim %(id)s to check it")
    CLAIM_RELEASED = "claim.released", _("gave claim %(id)s back to the queue")
    CLAIM_ASSIGNED = "claim.assigned", _("assigned claim %(id)s to %(whom)s")
    CLAIM_UNASSIGNED = "claim.unassigned", _("unassigned claim %(id)s from %(whom)s")
    CLAIM_NOT_CHECKABLE = "claim.marked_not_checkable", _("marked claim %(id)s as not checkable")
    CLAIM_DUPLICATE = "claim.marked_duplicate", _("marked claim %(id)s as a duplicate")
    CLAIM_SUBMITTED = "claim.submitted", _("sent claim %(id)s into review")
    CLAIM_REOPENED = "claim.changes_requested", _("sent claim %(id)s back to its reviewer")
    CLAIM_REOPENED_TRIAGE = "claim.reopened", _("reopened claim %(id)s")
    CLAIM_PUBLISHED = "claim.published", _("published the fact-check of claim %(id)s")
    CLAIM_SENT_FOR_RATING = "claim.sent_for_rating", _("sent claim %(id)s to reviewers to rate independently")
    CLAIM_RATED = "claim.rated_independently", _("rated claim %(id)s independently")
    CLAIM_RATINGS_ADJUDICATED = "claim.ratings_adjudicated", _("adjudicated the independent ratings of claim %(id)s")
    VERDICT_DRAFTED = "verdict.drafted", _("started verdict %(id)s")
    VERDICT_EDITED = "verdict.edited", _("edited verdict %(id)s")
    VERDICT_SUBMITTED = "verdict.submitted", _("submitted verdict %(id)s to the editors")
    VERDICT_CHANGES_REQUESTED = "verdict.changes_requested", _("asked for changes to verdict %(id)s")
    VERDICT_APPROVED = "verdict.approved", _("approved verdict %(id)s")
    VERDICT_PUBLISHED = "verdict.published", _("published verdict %(id)s")
    VERDICT_CORRECTED = "verdict.corrected", _("replaced verdict %(id)s by a correction")
    VERDICT_CORRECTION_PUBLISHED = "verdict.correction_published", _("published correction %(id)s")
    VERDICT_RETRACTED = "verdict.retracted", _("retracted verdict %(id)s")
    EVIDENCE_ADDED = "evidence.added", _("added evidence to claim %(id)s")
    EVIDENCE_EDITED = "evidence.edited", _("edited evidence of claim %(id)s")
    EVIDENCE_REMOVED = "evidence.removed", _("removed evidence from claim %(id)s")
    COMMENT_ADDED = "comment.added", _("commented on claim %(id)s")
    COMMENT_RESOLVED = "comment.resolved", _("resolved a comment on claim %(id)s")
    FACT_CHECK_IMPORTED = "fact_check.imported", _("imported fact-check %(id)s of another publisher")
    PROJECT_CREATED = "project.created", _("created the project")
    PROJECT_UPDATED = "project.updated", _("changed the project's settings")
    MEMBERSHIP_ADDED = "membership.added", _("added a member as %(to)s")
    MEMBERSHIP_ROLE_CHANGED = "membership.role_changed", _("changed a member's role to %(to)s")
    MEMBERSHIP_REMOVED = "membership.removed", _("removed a member")
    INVITATION_SENT = "invitation.sent", _("invited someone as %(to)s")
    INVITATION_ACCEPTED = "invitation.accepted", _("joined by invitation as %(to)s")
    INVITATION_REVOKED = "invitation.revoked", _("revoked an invitation")
    RATING_CREATED = "rating.created", _("added rating %(id)s")
    RATING_UPDATED = "rating.updated", _("changed rating %(id)s")
    JOB_QUEUED = "job.queued", _("queued %(object)s %(id)s")
    JOB_FINISHED = "job.finished", _("finished %(object)s %(id)s")
    JOB_REQUEUED = "job.requeued", _("requeued %(object)s %(id)s")
    JOB_EXPIRED = "job.expired", _("deleted the file of %(object)s %(id)s")


# What the public report of a claim may show of its history (corrections
# and a retraction have sections of their own).
Verb.PUBLIC = frozenset({Verb.CLAIM_PUBLISHED})


class Activity(models.Model):
    """Who did what to which object, when, and from which state to which.

    Evidence and comments are logged on the claim they belong to, so that a
    claim's history holds everything that happened to its fact-check.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities")
    verb = models.CharField(max_length=50, choices=Verb.choices)
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
        constraints = [models.CheckConstraint(condition=Q(verb__in=Verb.values), name="activity_valid_verb")]

    def __str__(self):
        return f"{self.actor or 'system'}: {self.sentence()}"

    def sentence(self):
        """What happened, as the feed says it after the actor's name."""
        names = {"importjob": _("import job"), "exportjob": _("export job")}
        to = self.to_state
        for choices in (Role, ClaimStatus, VerdictStatus):
            if to in choices.values:
                to = choices(to).label
                break
        return Verb(self.verb).label % {
            "id": self.object_id, "to": to, "object": names.get(self.object_type, ""), "whom": self.comment,
        }  # fmt: skip
