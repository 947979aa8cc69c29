"""Every state transition and cross-model write.

Views, serializers, tasks and management commands call these functions;
none of them changes a state by itself. Each function checks permission
(``permissions.check``) and state, is atomic, locks the rows it moves
(``select_for_update``) so that concurrent requests queue instead of
overwriting each other, validates what it writes and leaves an Activity row.

Errors: ``Conflict`` (an illegal move, or a stale revision: HTTP 409),
``PermissionDenied`` (403), ``Http404`` (not a member), ``ValidationError``
(400).
"""

import codecs
import logging
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import permissions
from .models import (
    Activity,
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    ExportJob,
    ImportJob,
    JobStatus,
    Membership,
    Project,
    Rating,
    Role,
    Verdict,
    VerdictStatus,
)

logger = logging.getLogger(__name__)


class Conflict(Exception):
    """The object is not in a state that allows the request; nothing changed."""

    def __init__(self, message, *, state=None, revision=None):
        super().__init__(message)
        self.message = message
        self.state = state
        self.revision = revision


class FileTooLarge(Exception):
    """An upload above ``IMPORT_MAX_UPLOAD_BYTES``."""

    def __init__(self, size):
        super().__init__(
            f"The file ({size} bytes) is larger than the limit of {settings.IMPORT_MAX_UPLOAD_BYTES} bytes."
        )


CLAIM_FIELDS = {
    "statement", "claimant", "claimant_url", "claimant_type", "claim_date", "appearance_urls", "check_worthiness",
    "tags",
}  # fmt: skip
VERDICT_FIELDS = {"rating", "summary", "analysis"}
EVIDENCE_FIELDS = {"url", "title", "quote", "archived_url", "accessed_at", "kind", "order"}


def activity_log(*, project, actor, verb, obj, from_state="", to_state="", comment=""):
    """Record who did what to which object, and the states it moved between."""
    return Activity.objects.create(
        project=project,
        actor=actor if actor and actor.is_authenticated else None,
        verb=verb,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )


def _locked(obj):
    """The object's row, locked for this transaction and read afresh."""
    # of=self: lock this row only, not the rows of tables a query may join.
    return type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)


def _expect_state(obj, allowed, action):
    if obj.status not in allowed:
        noun = obj._meta.verbose_name
        raise Conflict(
            f"Cannot {action} a {noun} that is {obj.get_status_display().lower()}.",
            state=obj.status,
            revision=getattr(obj, "revision", None),
        )


def _expect_revision(obj, revision):
    """Refuse an edit made on a copy older than the stored row."""
    if revision is not None and int(revision) != obj.revision:
        raise Conflict(
            f"This {obj._meta.verbose_name} was changed by someone else (revision {obj.revision}, "
            f"yours is {revision}). Reload it; your text was not saved.",
            state=getattr(obj, "status", None),
            revision=obj.revision,
        )


def _set_fields(obj, fields, allowed):
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown or read-only fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(obj, name, value)


def _save(obj, *, user, verb, from_state="", comment=""):
    if hasattr(obj, "revision") and not obj._state.adding:
        obj.revision += 1
    if hasattr(obj, "updated_at"):
        obj.updated_at = timezone.now()
    obj.full_clean()
    obj.save()
    activity_log(
        project=obj if isinstance(obj, Project) else obj.project, actor=user, verb=verb, obj=obj,
        from_state=from_state, to_state=getattr(obj, "status", ""), comment=comment,
    )  # fmt: skip
    return obj


# Projects, members and ratings ------------------------------------------


@transaction.atomic
def project_create(*, user, rating_preset: str | None = None, **fields) -> Project:
    """Create a project; its creator becomes its admin."""
    project = Project(**fields)
    project.full_clean()
    project.save()
    Membership.objects.create(project=project, user=user, role=Role.ADMIN)
    project.install_rating_preset(rating_preset or ("id" if project.language == "id" else "en"))
    activity_log(project=project, actor=user, verb="created", obj=project)
    return project


@transaction.atomic
def project_update(*, project: Project, user, **fields) -> Project:
    permissions.check(user, "project.manage", project)
    project = _locked(project)
    _set_fields(project, fields, {"name", "language", "publisher_name", "publisher_url", "allow_self_approval"})
    return _save(project, user=user, verb="updated")


def _admins_left(project, excluding):
    return project.memberships.filter(role=Role.ADMIN).exclude(pk=excluding.pk).exists()


@transaction.atomic
def membership_add(*, project: Project, user, member, role: str) -> Membership:
    permissions.check(user, "member.manage", project)
    if project.memberships.filter(user=member).exists():
        raise Conflict(f"{member} is already a member of this project.")
    membership = Membership(project=project, user=member, role=role)
    return _save(membership, user=user, verb=f"added as {role}")


@transaction.atomic
def membership_update(*, membership: Membership, user, role: str) -> Membership:
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if membership.role == Role.ADMIN and role != Role.ADMIN and not _admins_left(membership.project, membership):
        raise Conflict("A project keeps at least one admin.")
    from_role, membership.role = membership.role, role
    return _save(membership, user=user, verb=f"role changed to {role}", from_state=from_role)


@transaction.atomic
def membership_remove(*, membership: Membership, user):
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if membership.role == Role.ADMIN and not _admins_left(membership.project, membership):
        raise Conflict("A project keeps at least one admin.")
    activity_log(project=membership.project, actor=user, verb="removed", obj=membership, from_state=membership.role)
    membership.delete()


@transaction.atomic
def rating_create(*, project: Project, user, **fields) -> Rating:
    permissions.check(user, "rating.manage", project)
    rating = Rating(project=project, **fields)
    return _save(rating, user=user, verb="created")


@transaction.atomic
def rating_update(*, rating: Rating, user, **fields) -> Rating:
    """Change a rating. Ratings are retired (``active=False``), never deleted,
    so that verdicts given with them stay valid."""
    permissions.check(user, "rating.manage", rating.project)
    rating = _locked(rating)
    _set_fields(rating, fields, {"label", "value", "description", "order", "active", "fever_label"})
    return _save(rating, user=user, verb="updated")


# Articles and claims ------------------------------------------------------


@transaction.atomic
def article_create(*, project: Project, user, **fields) -> Article:
    """Add one article; its text is normalised here, once."""
    permissions.check(user, "article.import", project)
    article = Article(project=project, language=fields.pop("language", "") or project.language, **fields)
    article.set_text(article.text)
    if Article.objects.filter(project=project, text_hash=article.text_hash).exists():
        raise Conflict("This project already has an article with exactly this text.")
    article.full_clean()
    article.save()
    activity_log(project=project, actor=user, verb="created", obj=article)
    return article


@transaction.atomic
def claim_mark(*, article, user, start: int, end: int, quote: str = "", **fields) -> Claim:
    """Mark the span ``article.text[start:end]`` as a claim.

    ``quote``, when given, must equal the text at those offsets; the stored
    quote is always taken from the article text itself.
    """
    permissions.check(user, "claim.mark", article.project)
    claim = Claim(project=article.project, article=article, start=start, end=end, quote=quote, created_by=user)
    _set_fields(claim, fields, CLAIM_FIELDS)
    return _save(claim, user=user, verb="marked")


@transaction.atomic
def claim_update(*, claim: Claim, user, revision=None, **fields) -> Claim:
    """Edit a claim: its author while it is open, an editor until it is published."""
    permissions.check_owner_or(user, claim.created_by, "claim.edit_any", claim.project)
    claim = _locked(claim)
    _expect_revision(claim, revision)
    if permissions.can(user, "claim.edit_any", claim.project):
        _expect_state(claim, [ClaimStatus.OPEN, ClaimStatus.IN_PROGRESS, ClaimStatus.IN_REVIEW], "edit")
    else:
        _expect_state(claim, [ClaimStatus.OPEN], "edit")
    if {"start", "end"} & set(fields):
        claim.start, claim.end = fields.pop("start", claim.start), fields.pop("end", claim.end)
        claim.quote = fields.pop("quote", "")
    fields.pop("quote", None)
    _set_fields(claim, fields, CLAIM_FIELDS)
    return _save(claim, user=user, verb="edited", from_state=claim.status)


@transaction.atomic
def claim_delete(*, claim: Claim, user):
    """Delete an open claim that has no verdict yet."""
    permissions.check_owner_or(user, claim.created_by, "claim.edit_any", claim.project)
    claim = _locked(claim)
    _expect_state(claim, [ClaimStatus.OPEN], "delete")
    if claim.verdicts.exists() or claim.duplicates.exists():
        raise Conflict("This claim has a verdict or duplicates pointing at it.", state=claim.status)
    activity_log(project=claim.project, actor=user, verb="deleted", obj=claim, from_state=claim.status)
    claim.delete()


@transaction.atomic
def claim_take(*, claim: Claim, user) -> Claim:
    """A reviewer takes an open claim. Of two reviewers taking it at once,
    exactly one wins: the row lock makes the second see it taken."""
    permissions.check(user, "claim.take", claim.project)
    claim = _locked(claim)
    _expect_state(claim, [ClaimStatus.OPEN], "take")
    from_state = claim.status
    claim.status, claim.assignee = ClaimStatus.IN_PROGRESS, user
    return _save(claim, user=user, verb="took", from_state=from_state)


@transaction.atomic
def claim_release(*, claim: Claim, user) -> Claim:
    """Give a claim back to the queue (its assignee, or an editor)."""
    permissions.check_owner_or(user, claim.assignee, "verdict.review", claim.project)
    claim = _locked(claim)
    _expect_state(claim, [ClaimStatus.IN_PROGRESS], "release")
    if claim.verdicts.current().exclude(status=VerdictStatus.DRAFT).exists():
        raise Conflict("The claim's verdict has been submitted; an editor decides on it now.", state=claim.status)
    claim.verdicts.current().filter(status=VerdictStatus.DRAFT).delete()
    from_state = claim.status
    claim.status, claim.assignee = ClaimStatus.OPEN, None
    return _save(claim, user=user, verb="released", from_state=from_state)


@transaction.atomic
def claim_mark_not_checkable(*, claim: Claim, user, comment: str = "") -> Claim:
    permissions.check(user, "claim.triage", claim.project)
    claim = _locked(claim)
    _expect_state(claim, [ClaimStatus.OPEN, ClaimStatus.IN_PROGRESS], "mark as not checkable")
    from_state = claim.status
    claim.status = ClaimStatus.NOT_CHECKABLE
    return _save(claim, user=user, verb="marked not checkable", from_state=from_state, comment=comment)


@transaction.atomic
def claim_mark_duplicate(*, claim: Claim, user, original: Claim, comment: str = "") -> Claim:
    """Link a claim to the claim it repeats (followed to the first original)."""
    permissions.check(user, "claim.triage", claim.project)
    claim = _locked(claim)
    _expect_state(claim, [ClaimStatus.OPEN, ClaimStatus.IN_PROGRESS], "mark as duplicate")
    while original.duplicate_of_id:
        original = original.duplicate_of
    if original.project_id != claim.project_id:
        raise ValidationError({"original": "The original must be a claim of the same project."})
    if original.pk == claim.pk:
        raise ValidationError({"original": "A claim cannot duplicate itself."})
    from_state = claim.status
    claim.status, claim.duplicate_of = ClaimStatus.DUPLICATE, original
    return _save(claim, user=user, verb="marked duplicate", from_state=from_state, comment=comment)


# Verdicts and evidence ----------------------------------------------------


def _check_rating(verdict, previous_rating_id=None):
    rating = verdict.rating
    if rating is None:
        return
    if rating.project_id != verdict.claim.project_id:
        raise ValidationError({"rating": "This rating belongs to another project."})
    if not rating.active and rating.pk != previous_rating_id:
        raise ValidationError({"rating": "This rating is retired."})


def _check_verdict_writer(user, verdict_or_claim):
    claim = getattr(verdict_or_claim, "claim", verdict_or_claim)
    permissions.check(user, "verdict.write", claim.project)
    if claim.assignee_id != user.pk and not permissions.can(user, "verdict.review", claim.project):
        raise PermissionDenied("Only the claim's assignee or an editor may write its verdict.")


@transaction.atomic
def verdict_create(*, claim: Claim, user, **fields) -> Verdict:
    """Start the verdict of a claim being checked, as a draft."""
    _check_verdict_writer(user, claim)
    claim = _locked(claim)
    _expect_state(claim, [ClaimStatus.IN_PROGRESS], "write a verdict for")
    if claim.verdicts.current().exists():
        raise Conflict("This claim already has a verdict; edit that one.", state=claim.status)
    verdict = Verdict(claim=claim, author=user, status=VerdictStatus.DRAFT)
    _set_fields(verdict, fields, VERDICT_FIELDS)
    _check_rating(verdict)
    return _save(verdict, user=user, verb="drafted")


@transaction.atomic
def verdict_update(*, verdict: Verdict, user, revision=None, **fields) -> Verdict:
    _check_verdict_writer(user, verdict)
    verdict = _locked(verdict)
    _expect_revision(verdict, revision)
    _expect_state(verdict, [VerdictStatus.DRAFT, VerdictStatus.CHANGES_REQUESTED], "edit")
    previous_rating_id = verdict.rating_id
    _set_fields(verdict, fields, VERDICT_FIELDS)
    _check_rating(verdict, previous_rating_id)
    return _save(verdict, user=user, verb="edited", from_state=verdict.status)


def _editable_verdict(user, verdict):
    _check_verdict_writer(user, verdict)
    verdict = _locked(verdict)
    _expect_state(verdict, [VerdictStatus.DRAFT, VerdictStatus.CHANGES_REQUESTED], "change the evidence of")
    return verdict


@transaction.atomic
def evidence_add(*, verdict: Verdict, user, **fields) -> Evidence:
    verdict = _editable_verdict(user, verdict)
    evidence = Evidence(verdict=verdict, order=verdict.evidence.count())
    _set_fields(evidence, fields, EVIDENCE_FIELDS)
    return _save(evidence, user=user, verb="added evidence")


@transaction.atomic
def evidence_update(*, evidence: Evidence, user, **fields) -> Evidence:
    _editable_verdict(user, evidence.verdict)
    evidence = _locked(evidence)
    _set_fields(evidence, fields, EVIDENCE_FIELDS)
    return _save(evidence, user=user, verb="edited evidence")


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user):
    _editable_verdict(user, evidence.verdict)
    activity_log(project=evidence.project, actor=user, verb="removed evidence", obj=evidence)
    evidence.delete()


def _move_claim(claim, user, to_state, verb):
    claim = _locked(claim)
    from_state, claim.status = claim.status, to_state
    _save(claim, user=user, verb=verb, from_state=from_state)


@transaction.atomic
def verdict_submit(*, verdict: Verdict, user, revision=None) -> Verdict:
    """Send a verdict to the editors; its claim goes into review."""
    _check_verdict_writer(user, verdict)
    verdict = _locked(verdict)
    _expect_revision(verdict, revision)
    _expect_state(verdict, [VerdictStatus.DRAFT, VerdictStatus.CHANGES_REQUESTED], "submit")
    if verdict.rating_id is None:
        raise ValidationError({"rating": "Choose a rating before submitting."})
    if not verdict.summary.strip():
        raise ValidationError({"summary": "Write a summary before submitting."})
    from_state, verdict.status = verdict.status, VerdictStatus.SUBMITTED
    _move_claim(verdict.claim, user, ClaimStatus.IN_REVIEW, "submitted for review")
    return _save(verdict, user=user, verb="submitted", from_state=from_state)


def _check_reviewer(user, verdict):
    permissions.check(user, "verdict.review", verdict.project)
    if verdict.author_id == user.pk and not verdict.project.allow_self_approval:
        raise PermissionDenied("Editors may not approve or publish their own verdicts in this project.")


@transaction.atomic
def verdict_request_changes(*, verdict: Verdict, user, comment: str) -> Verdict:
    """Send a verdict back to its reviewer with a comment saying what to change."""
    permissions.check(user, "verdict.review", verdict.project)
    if not comment.strip():
        raise ValidationError({"comment": "Say what should change."})
    verdict = _locked(verdict)
    _expect_state(verdict, [VerdictStatus.SUBMITTED, VerdictStatus.APPROVED], "request changes to")
    from_state, verdict.status = verdict.status, VerdictStatus.CHANGES_REQUESTED
    Comment.objects.create(project=verdict.project, verdict=verdict, author=user, body=comment)
    _move_claim(verdict.claim, user, ClaimStatus.IN_PROGRESS, "changes requested")
    return _save(verdict, user=user, verb="requested changes", from_state=from_state, comment=comment)


@transaction.atomic
def verdict_approve(*, verdict: Verdict, user) -> Verdict:
    _check_reviewer(user, verdict)
    verdict = _locked(verdict)
    _expect_state(verdict, [VerdictStatus.SUBMITTED], "approve")
    from_state, verdict.status, verdict.reviewed_by = verdict.status, VerdictStatus.APPROVED, user
    return _save(verdict, user=user, verb="approved", from_state=from_state)


@transaction.atomic
def verdict_publish(*, verdict: Verdict, user) -> Verdict:
    """Publish an approved verdict; it is locked from now on."""
    _check_reviewer(user, verdict)
    verdict = _locked(verdict)
    _expect_state(verdict, [VerdictStatus.APPROVED], "publish")
    from_state, verdict.status = verdict.status, VerdictStatus.PUBLISHED
    verdict.published_at = timezone.now()
    _move_claim(verdict.claim, user, ClaimStatus.PUBLISHED, "published")
    return _save(verdict, user=user, verb="published", from_state=from_state)


@transaction.atomic
def verdict_correct(*, verdict: Verdict, user, correction_note: str, **fields) -> Verdict:
    """Publish a correction: a new version with a public note. The corrected
    version stays in the history, marked ``corrected``."""
    permissions.check(user, "verdict.review", verdict.project)
    if not correction_note.strip():
        raise ValidationError({"correction_note": "A correction needs a public note saying what changed."})
    old = _locked(verdict)
    _expect_state(old, [VerdictStatus.PUBLISHED], "correct")
    old.status, old.is_current = VerdictStatus.CORRECTED, False
    _save(old, user=user, verb="corrected", from_state=VerdictStatus.PUBLISHED, comment=correction_note)

    new = Verdict(
        claim=old.claim, author=old.author, rating=old.rating, summary=old.summary, analysis=old.analysis,
        status=VerdictStatus.PUBLISHED, version=old.version + 1, corrects=old, correction_note=correction_note,
        reviewed_by=user, published_at=timezone.now(),
    )  # fmt: skip
    _set_fields(new, fields, VERDICT_FIELDS)
    _check_rating(new, old.rating_id)
    _save(new, user=user, verb="published correction", comment=correction_note)
    Evidence.objects.bulk_create(
        Evidence(verdict=new, **{name: getattr(item, name) for name in EVIDENCE_FIELDS}) for item in old.evidence.all()
    )
    return new


@transaction.atomic
def verdict_retract(*, verdict: Verdict, user, comment: str) -> Verdict:
    """Withdraw a published verdict; the public page says so and why."""
    permissions.check(user, "verdict.review", verdict.project)
    if not comment.strip():
        raise ValidationError({"comment": "A retraction needs a public note saying why."})
    verdict = _locked(verdict)
    _expect_state(verdict, [VerdictStatus.PUBLISHED], "retract")
    from_state, verdict.status, verdict.correction_note = verdict.status, VerdictStatus.RETRACTED, comment
    return _save(verdict, user=user, verb="retracted", from_state=from_state, comment=comment)


# Comments -----------------------------------------------------------------


@transaction.atomic
def comment_add(*, user, body: str, claim: Claim | None = None, verdict: Verdict | None = None) -> Comment:
    target = claim or verdict
    permissions.check(user, "comment", target.project)
    comment = Comment(project=target.project, claim=claim, verdict=verdict, author=user, body=body)
    return _save(comment, user=user, verb="commented")


@transaction.atomic
def comment_resolve(*, comment: Comment, user) -> Comment:
    permissions.check_owner_or(user, comment.author, "comment.resolve_any", comment.project)
    comment = _locked(comment)
    if comment.resolved:
        raise Conflict("This comment is already resolved.")
    comment.resolved, comment.resolved_by = True, user
    return _save(comment, user=user, verb="resolved comment")


# Background jobs ----------------------------------------------------------


def import_queue(*, project: Project, user, upload, format: str = "", encoding: str = "") -> ImportJob:
    """Store an uploaded file as an import job and queue it once the row is committed.

    The format defaults to the one the file's name says; an empty file or an
    unknown type is refused here, before any job exists.
    """
    from .importers import READERS, format_for
    from .tasks import run_import

    permissions.check(user, "article.import", project)
    format = format or format_for(upload.name) or ""
    if format == "json" and b"ClaimReview" in upload.read(64 * 1024):
        format = "claimreview"
    upload.seek(0)
    if format not in READERS:
        raise ValidationError(
            {"file": f"Unsupported file type {upload.name!r}: use one of {', '.join(sorted(READERS))}."}
        )
    if not upload.size:
        raise ValidationError({"file": "The file is empty."})
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise FileTooLarge(upload.size)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValidationError({"encoding": f"Unknown encoding {encoding!r}."}) from None
    with transaction.atomic():
        job = ImportJob(
            project=project, owner=user, format=format, encoding=encoding, filename=PurePath(upload.name).name[:300]
        )
        job.file.save(upload.name, upload, save=False)
        job.full_clean()
        job.save()
        activity_log(project=project, actor=user, verb="queued", obj=job, to_state=job.status)
        transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


def export_queue(*, project: Project, user, format: str, filters: dict | None = None) -> ExportJob:
    """Create an export job and queue it once the row is committed."""
    from .exporters import EXPORTERS
    from .tasks import run_export

    permissions.check(user, "article.export", project)
    if format not in EXPORTERS:
        raise ValidationError({"format": f"Unknown format {format!r}: use one of {', '.join(EXPORTERS)}."})
    with transaction.atomic():
        job = ExportJob(project=project, owner=user, format=format, filters=filters or {})
        job.full_clean()
        job.save()
        activity_log(project=project, actor=user, verb="queued", obj=job, to_state=job.status)
        transaction.on_commit(lambda: run_export.delay(job.pk))
    return job


def exports_expire() -> int:
    """Delete the files of exports past their retention time."""
    expired = 0
    for job in ExportJob.objects.expired().select_related("project"):
        with transaction.atomic():
            if (
                not ExportJob.objects.filter(pk=job.pk)
                .exclude(status=JobStatus.EXPIRED)
                .update(status=JobStatus.EXPIRED, result="")
            ):
                continue
            activity_log(project=job.project, actor=None, verb="expired", obj=job, from_state=job.status,
                         to_state=JobStatus.EXPIRED)  # fmt: skip
        if job.result:
            job.result.delete(save=False)
        expired += 1
    return expired


def jobs_requeue_stale() -> int:
    """Queue again every unfinished job whose heartbeat has gone silent.

    Brokers do not reliably re-deliver the task of a worker that died, so
    the job rows are the record of what still has to run. The conditional
    update lets only one of several workers requeue a given job, and a job
    resumes from its committed checkpoint.
    """
    from .tasks import run_export, run_import

    requeued = 0
    for model, task in ((ImportJob, run_import), (ExportJob, run_export)):
        for job in model.objects.stale().select_related("project"):
            with transaction.atomic():
                taken = model.objects.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at).update(
                    status=JobStatus.QUEUED, heartbeat_at=timezone.now()
                )
                if taken:
                    activity_log(
                        project=job.project, actor=None, verb="requeued", obj=job,
                        from_state=job.status, to_state=JobStatus.QUEUED, comment="heartbeat went silent",
                    )  # fmt: skip
                    transaction.on_commit(lambda pk=job.pk, task=task: task.delay(pk))
            if taken:
                logger.warning("Requeued stale %s %s (was %s)", model.__name__, job.pk, job.status)
                requeued += 1
    return requeued
