"""Verdicts, evidence and comments: drafting, review, publication, corrections."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications, permissions
from ..models import (
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Verb,
    Verdict,
    VerdictStatus,
    VerdictSubmission,
)
from .base import (
    EDITABLE_EVIDENCE_FIELDS,
    EDITABLE_VERDICT_FIELDS,
    Conflict,
    _expect_revision,
    _expect_state,
    _locked,
    _save,
    _set_fields,
    activity_log,
)

# What a round of review keeps of each source (``order`` is their position).
EVIDENCE_SNAPSHOT_FIELDS = ["url", "title", "quote", "archived_url", "accessed_at", "kind"]


def _check_rating(verdict, previous_rating_id=None):
    rating = verdict.rating
    if rating is None:
        return
    if rating.project_id != verdict.claim.project_id:
        raise ValidationError({"rating": _("This rating belongs to another project.")})
    if not rating.active and rating.pk != previous_rating_id:
        raise ValidationError({"rating": _("This rating is retired.")})


@transaction.atomic
def verdict_create(*, claim: Claim, user, **fields) -> Verdict:
    """Start the verdict of a claim being checked, as a draft."""
    claim = _locked(claim)
    permissions.check_write_verdict(user, claim)
    _expect_state(claim, [ClaimStatus.IN_PROGRESS], _("write a verdict for"))
    if claim.verdicts.current().exists():
        raise Conflict(_("This claim already has a verdict; edit that one."), state=claim.status)
    verdict = Verdict(claim=claim, author=user, status=VerdictStatus.DRAFT)
    _set_fields(verdict, fields, EDITABLE_VERDICT_FIELDS)
    _check_rating(verdict)
    return _save(verdict, user=user, verb=Verb.VERDICT_DRAFTED)


@transaction.atomic
def verdict_update(*, verdict: Verdict, user, revision=None, **fields) -> Verdict:
    verdict = _locked(verdict)
    permissions.check_write_verdict(user, verdict.claim)
    _expect_revision(verdict, revision)
    _expect_state(verdict, VerdictStatus.EDITABLE, _("edit"))
    previous_rating_id = verdict.rating_id
    _set_fields(verdict, fields, EDITABLE_VERDICT_FIELDS)
    _check_rating(verdict, previous_rating_id)
    return _save(verdict, user=user, verb=Verb.VERDICT_EDITED, from_state=verdict.status)


def _editable_verdict(user, verdict):
    verdict = _locked(verdict)
    permissions.check_write_verdict(user, verdict.claim)
    _expect_state(verdict, VerdictStatus.EDITABLE, _("change the evidence of"))
    return verdict


@transaction.atomic
def evidence_add(*, verdict: Verdict, user, **fields) -> Evidence:
    verdict = _editable_verdict(user, verdict)
    evidence = Evidence(verdict=verdict, order=verdict.evidence.count())
    _set_fields(evidence, fields, EDITABLE_EVIDENCE_FIELDS)
    return _save(evidence, user=user, verb=Verb.EVIDENCE_ADDED, subject=verdict.claim)


@transaction.atomic
def evidence_update(*, evidence: Evidence, user, **fields) -> Evidence:
    _editable_verdict(user, evidence.verdict)
    evidence = _locked(evidence)
    _set_fields(evidence, fields, EDITABLE_EVIDENCE_FIELDS)
    return _save(evidence, user=user, verb=Verb.EVIDENCE_EDITED, subject=evidence.verdict.claim)


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user):
    _editable_verdict(user, evidence.verdict)
    activity_log(project=evidence.project, actor=user, verb=Verb.EVIDENCE_REMOVED, obj=evidence.verdict.claim)
    evidence.delete()


def _move_claim(claim, user, to_state, verb):
    claim = _locked(claim)
    from_state, claim.status = claim.status, to_state
    _save(claim, user=user, verb=verb, from_state=from_state)


@transaction.atomic
def verdict_submit(*, verdict: Verdict, user, revision=None, **fields) -> Verdict:
    """Send a verdict to the editors; its claim goes into review. ``fields``
    (rating, summary, analysis), when given, are saved with it in the same
    transaction: the page's "save and submit"."""
    verdict = _locked(verdict)
    permissions.check_write_verdict(user, verdict.claim)
    _expect_revision(verdict, revision)
    _expect_state(verdict, VerdictStatus.EDITABLE, _("submit"))
    if fields:
        previous_rating_id = verdict.rating_id
        _set_fields(verdict, fields, EDITABLE_VERDICT_FIELDS)
        _check_rating(verdict, previous_rating_id)
    if verdict.rating_id is None:
        raise ValidationError({"rating": _("Choose a rating before submitting.")})
    if not verdict.summary.strip():
        raise ValidationError({"summary": _("Write a summary before submitting.")})
    from_state, verdict.status = verdict.status, VerdictStatus.SUBMITTED
    _move_claim(verdict.claim, user, ClaimStatus.IN_REVIEW, Verb.CLAIM_SUBMITTED)
    verdict = _save(verdict, user=user, verb=Verb.VERDICT_SUBMITTED, from_state=from_state)
    _record_round(verdict, user)
    return verdict


def _record_round(verdict, user):
    """Keep what was submitted, for the editor's comparison of rounds; the
    editors' notes asking for changes count as addressed by this round."""
    VerdictSubmission.objects.create(
        verdict=verdict, number=verdict.submissions.count() + 1, rating=verdict.rating, summary=verdict.summary,
        analysis=verdict.analysis, submitted_by=user,
        evidence=[{name: str(value) if name == "accessed_at" and value else value
                   for name, value in item.items()}
                  for item in verdict.evidence.values(*EVIDENCE_SNAPSHOT_FIELDS)],
    )  # fmt: skip
    verdict.comments.filter(resolved=False).update(resolved=True, resolved_by=user)


@transaction.atomic
def verdict_request_changes(*, verdict: Verdict, user, comment: str) -> Verdict:
    """Send a verdict back to its reviewer with a comment saying what to change."""
    verdict = _locked(verdict)
    permissions.check(user, "verdict.review", verdict.project)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    _expect_state(verdict, VerdictStatus.AWAITING_DECISION, _("request changes to"))
    from_state, verdict.status = verdict.status, VerdictStatus.CHANGES_REQUESTED
    Comment.objects.create(project=verdict.project, verdict=verdict, author=user, body=comment)
    _move_claim(verdict.claim, user, ClaimStatus.IN_PROGRESS, Verb.CLAIM_REOPENED)
    notifications.notify_changes_requested(verdict, user, comment)
    return _save(verdict, user=user, verb=Verb.VERDICT_CHANGES_REQUESTED, from_state=from_state, comment=comment)


@transaction.atomic
def verdict_approve(*, verdict: Verdict, user) -> Verdict:
    verdict = _locked(verdict)
    permissions.check_decide(user, verdict)
    _expect_state(verdict, [VerdictStatus.SUBMITTED], _("approve"))
    from_state, verdict.status, verdict.reviewed_by = verdict.status, VerdictStatus.APPROVED, user
    notifications.notify_approved(verdict, user)
    return _save(verdict, user=user, verb=Verb.VERDICT_APPROVED, from_state=from_state)


@transaction.atomic
def verdict_publish(*, verdict: Verdict, user, approve: bool = False) -> Verdict:
    """Publish an approved verdict; it is locked from now on. With
    ``approve``, a submitted verdict is approved first, in the same
    transaction."""
    verdict = _locked(verdict)
    permissions.check_decide(user, verdict)
    if approve and verdict.status == VerdictStatus.SUBMITTED:
        verdict = verdict_approve(verdict=verdict, user=user)
    _expect_state(verdict, [VerdictStatus.APPROVED], _("publish"))
    from_state, verdict.status = verdict.status, VerdictStatus.PUBLISHED
    verdict.published_at = timezone.now()
    _move_claim(verdict.claim, user, ClaimStatus.PUBLISHED, Verb.CLAIM_PUBLISHED)
    notifications.notify_published(verdict, user)
    return _save(verdict, user=user, verb=Verb.VERDICT_PUBLISHED, from_state=from_state)


@transaction.atomic
def verdict_correct(*, verdict: Verdict, user, correction_note: str, **fields) -> Verdict:
    """Publish a correction: a new version with a public note. The corrected
    version stays in the history, marked ``corrected``. The four-eyes rule
    of publishing holds for corrections too."""
    old = _locked(verdict)
    permissions.check_decide(user, old)
    if not correction_note.strip():
        raise ValidationError({"correction_note": _("A correction needs a public note saying what changed.")})
    _expect_state(old, [VerdictStatus.PUBLISHED], _("correct"))
    old.status, old.is_current = VerdictStatus.CORRECTED, False
    _save(old, user=user, verb=Verb.VERDICT_CORRECTED, from_state=VerdictStatus.PUBLISHED, comment=correction_note)

    new = Verdict(
        claim=old.claim, author=old.author, rating=old.rating, summary=old.summary, analysis=old.analysis,
        status=VerdictStatus.PUBLISHED, version=old.version + 1, corrects=old, correction_note=correction_note,
        reviewed_by=user, published_at=timezone.now(),
    )  # fmt: skip
    _set_fields(new, fields, EDITABLE_VERDICT_FIELDS)
    _check_rating(new, old.rating_id)
    _save(new, user=user, verb=Verb.VERDICT_CORRECTION_PUBLISHED, comment=correction_note)
    Evidence.objects.bulk_create(
        Evidence(verdict=new, **{name: getattr(item, name) for name in EDITABLE_EVIDENCE_FIELDS})
        for item in old.evidence.all()
    )
    return new


@transaction.atomic
def verdict_retract(*, verdict: Verdict, user, comment: str) -> Verdict:
    """Withdraw a published verdict; the public page says so and why."""
    verdict = _locked(verdict)
    permissions.check(user, "verdict.review", verdict.project)
    if not comment.strip():
        raise ValidationError({"comment": _("A retraction needs a public note saying why.")})
    _expect_state(verdict, [VerdictStatus.PUBLISHED], _("retract"))
    from_state, verdict.status, verdict.correction_note = verdict.status, VerdictStatus.RETRACTED, comment
    return _save(verdict, user=user, verb=Verb.VERDICT_RETRACTED, from_state=from_state, comment=comment)


@transaction.atomic
def comment_add(*, user, body: str, claim: Claim | None = None, verdict: Verdict | None = None) -> Comment:
    target = claim or verdict
    target_claim = claim or verdict.claim
    permissions.check(user, "comment", target.project)
    comment = Comment(project=target.project, claim=claim, verdict=verdict, author=user, body=body)
    notifications.notify_comment(comment, user)
    return _save(comment, user=user, verb=Verb.COMMENT_ADDED, subject=target_claim)


@transaction.atomic
def comment_resolve(*, comment: Comment, user) -> Comment:
    comment = _locked(comment)
    permissions.check_owner_or(user, comment.author, "comment.resolve_any", comment.project)
    if comment.resolved:
        raise Conflict(_("This comment is already resolved."))
    comment.resolved, comment.resolved_by = True, user
    return _save(comment, user=user, verb=Verb.COMMENT_RESOLVED, subject=comment.claim or comment.verdict.claim)
