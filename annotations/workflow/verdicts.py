"""Verdicts, evidence and comments: drafting, review, publication, corrections."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .. import permissions
from ..models import (
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Verdict,
    VerdictStatus,
)
from .base import (
    EVIDENCE_FIELDS,
    VERDICT_FIELDS,
    Conflict,
    _expect_revision,
    _expect_state,
    _locked,
    _save,
    _set_fields,
    activity_log,
)


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
def verdict_publish(*, verdict: Verdict, user, approve: bool = False) -> Verdict:
    """Publish an approved verdict; it is locked from now on. With
    ``approve``, a submitted verdict is approved first, in the same
    transaction."""
    _check_reviewer(user, verdict)
    verdict = _locked(verdict)
    if approve and verdict.status == VerdictStatus.SUBMITTED:
        verdict = verdict_approve(verdict=verdict, user=user)
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
