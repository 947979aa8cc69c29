"""Articles and claims: marking, editing, taking, triage; and the
check-worthy sentences suggested as claims."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, suggestions
from ..models import (
    Article,
    Claim,
    ClaimStatus,
    DismissReason,
    IndependentState,
    Project,
    Sentence,
    SentenceStatus,
    Verb,
    VerdictStatus,
)
from .adjudication import check_may_mark
from .base import (
    EDITABLE_CLAIM_FIELDS,
    Conflict,
    _expect_revision,
    _expect_state,
    _locked,
    _save,
    _set_fields,
    activity_log,
)


@transaction.atomic
def article_create(*, project: Project, user, **fields) -> Article:
    """Add one article; its text is normalised here, once."""
    permissions.check(user, "article.import", project)
    article = Article(project=project, language=fields.pop("language", "") or project.language, **fields)
    article.set_text(article.text)
    if Article.objects.filter(project=project, text_hash=article.text_hash).exists():
        raise Conflict(_("This project already has an article with exactly this text."))
    article.full_clean()
    article.save()
    activity_log(project=project, actor=user, verb=Verb.ARTICLE_CREATED, obj=article)
    transaction.on_commit(_score_sentences)
    return article


def _score_sentences():
    from ..tasks import score_sentences

    score_sentences.delay()


def _embed_texts():
    from ..tasks import embed_texts

    embed_texts.delay()


@transaction.atomic
def claim_mark(*, article, user, start: int, end: int, quote: str = "", **fields) -> Claim:
    """Mark the span ``article.text[start:end]`` as a claim.

    ``quote``, when given, must equal the text at those offsets; the stored
    quote is always taken from the article text itself.
    """
    permissions.check(user, "claim.mark", article.project)
    status = check_may_mark(article, user)
    claim = Claim(
        project=article.project, article=article, start=start, end=end, quote=quote, created_by=user, status=status
    )
    _set_fields(claim, fields, EDITABLE_CLAIM_FIELDS)
    _check_states_something(claim)
    claim = _save(claim, user=user, verb=Verb.CLAIM_MARKED)
    if claim.status != ClaimStatus.INDEPENDENT:
        # The sentences it covers: what the project's model learns from. A claim
        # marked independently labels them once adjudication keeps it: before,
        # the other annotators would see those suggestions vanish.
        suggestions.label_claim(claim, user)
    transaction.on_commit(_embed_texts)  # "checked before?" needs its vector
    return claim


def _check_states_something(claim):
    """A claim states something to check: its statement, which is its quote
    (white space collapsed) when none is given. A span of white space alone
    is no claim. (The offsets themselves are checked by ``Claim.clean``.)"""
    text = claim.article.text
    if claim.start is None or claim.end is None or not 0 <= claim.start < claim.end <= len(text):
        return
    quote = " ".join(text[claim.start : claim.end].split())
    if not quote:
        raise ValidationError({"quote": _("A claim quotes some words of the text, not only white space.")})
    claim.statement = (claim.statement or "").strip() or quote


@transaction.atomic
def sentence_dismiss(*, sentence: Sentence, user, reason: str = "") -> Sentence:
    """Dismiss a suggested sentence (an opinion, not checkable, not
    newsworthy): a negative for the project's model."""
    sentence = _locked(sentence)
    permissions.check(user, "claim.mark", sentence.project)
    _expect_state(sentence, [SentenceStatus.OPEN], _("dismiss"))
    if Article.objects.filter(pk=sentence.article_id, independent=IndependentState.AWAITING).exists():
        raise Conflict(_("The article is being annotated independently: its suggestions wait for adjudication."))
    if reason not in DismissReason.values:
        raise ValidationError(
            {
                "reason": _("Unknown reason %(reason)s: use one of %(reasons)s.")
                % {"reason": repr(reason), "reasons": ", ".join(DismissReason.values)}
            }
        )
    sentence.status, sentence.dismiss_reason = SentenceStatus.DISMISSED, reason
    sentence.decided_by, sentence.decided_at = user, timezone.now()
    sentence.save(update_fields=["status", "dismiss_reason", "decided_by", "decided_at"])
    activity_log(project=sentence.project, actor=user, verb=Verb.SENTENCE_DISMISSED, obj=sentence,
                 from_state=SentenceStatus.OPEN, to_state=sentence.status, comment=reason)  # fmt: skip
    suggestions.retrain_when_due(sentence.project)
    return sentence


@transaction.atomic
def claim_update(*, claim: Claim, user, revision=None, **fields) -> Claim:
    """Edit a claim: its author while it is open, an editor until it is published."""
    claim = _locked(claim)
    permissions.check_edit_claim(user, claim)
    _expect_revision(claim, revision)
    _expect_state(claim, permissions.claim_edit_states(user, claim), _("edit"))
    if {"start", "end"} & set(fields):
        claim.start, claim.end = fields.pop("start", claim.start), fields.pop("end", claim.end)
        claim.quote = fields.pop("quote", "")
    fields.pop("quote", None)
    _set_fields(claim, fields, EDITABLE_CLAIM_FIELDS)
    _check_states_something(claim)
    claim = _save(claim, user=user, verb=Verb.CLAIM_EDITED, from_state=claim.status)
    transaction.on_commit(_embed_texts)  # a new statement needs a new vector
    return claim


@transaction.atomic
def claim_delete(*, claim: Claim, user):
    """Delete an open claim that has no verdict yet."""
    claim = _locked(claim)
    permissions.check_edit_claim(user, claim)
    _expect_state(claim, ClaimStatus.EDITABLE_BY_AUTHOR, _("delete"))
    if claim.verdicts.exists() or claim.duplicates.exists():
        raise Conflict(_("This claim has a verdict or duplicates pointing at it."), state=claim.status)
    activity_log(project=claim.project, actor=user, verb=Verb.CLAIM_DELETED, obj=claim, from_state=claim.status)
    claim.delete()


@transaction.atomic
def claim_take(*, claim: Claim, user) -> Claim:
    """A reviewer takes an open claim. Of two reviewers taking it at once,
    exactly one wins: the row lock makes the second see it taken."""
    claim = _locked(claim)
    permissions.check(user, "claim.take", claim.project)
    _expect_state(claim, [ClaimStatus.OPEN], _("take"))
    from_state = claim.status
    claim.status, claim.assignee = ClaimStatus.IN_PROGRESS, user
    return _save(claim, user=user, verb=Verb.CLAIM_TAKEN, from_state=from_state)


@transaction.atomic
def claim_release(*, claim: Claim, user) -> Claim:
    """Give a claim back to the queue (its assignee, or an editor)."""
    claim = _locked(claim)
    permissions.check_owner_or(user, claim.assignee, "verdict.review", claim.project)
    _expect_state(claim, [ClaimStatus.IN_PROGRESS], _("release"))
    if claim.verdicts.current().exclude(status=VerdictStatus.DRAFT).exists():
        raise Conflict(_("The claim's verdict has been submitted; an editor decides on it now."), state=claim.status)
    claim.verdicts.current().filter(status=VerdictStatus.DRAFT).delete()
    from_state = claim.status
    claim.status, claim.assignee = ClaimStatus.OPEN, None
    return _save(claim, user=user, verb=Verb.CLAIM_RELEASED, from_state=from_state)


@transaction.atomic
def claim_mark_not_checkable(*, claim: Claim, user, comment: str = "") -> Claim:
    """Set a claim aside as not checkable, saying why (the reason is the
    activity's comment). A draft verdict is kept, for a reopening."""
    claim = _locked(claim)
    permissions.check(user, "claim.triage", claim.project)
    _expect_state(claim, ClaimStatus.TRIAGEABLE, _("mark as not checkable"))
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the claim cannot be checked.")})
    from_state = claim.status
    claim.status = ClaimStatus.NOT_CHECKABLE
    return _save(claim, user=user, verb=Verb.CLAIM_NOT_CHECKABLE, from_state=from_state, comment=comment.strip())


@transaction.atomic
def claim_reopen(*, claim: Claim, user, comment: str = "") -> Claim:
    """An editor puts a claim set aside (not checkable, duplicate) back
    among the open claims, for any reviewer to take; a draft verdict it
    had stays, to be taken up again."""
    claim = _locked(claim)
    permissions.check_reopen_claim(user, claim)
    _expect_state(claim, ClaimStatus.REOPENABLE, _("reopen"))
    from_state = claim.status
    claim.status, claim.assignee, claim.duplicate_of = ClaimStatus.OPEN, None, None
    return _save(claim, user=user, verb=Verb.CLAIM_REOPENED_TRIAGE, from_state=from_state, comment=comment)


@transaction.atomic
def claim_mark_duplicate(*, claim: Claim, user, original: Claim, comment: str = "", automatic: bool = False) -> Claim:
    """Link a claim to the claim it repeats (followed to the first original).

    ``automatic``: the app links it, without a person (``user`` is None), where
    the project allows it (``checked_before.auto_link``, which decides whether
    the match is close enough); the activity has no actor then."""
    claim = _locked(claim)
    if automatic:
        permissions.check_link_automatically(claim.project)
    else:
        permissions.check(user, "claim.triage", claim.project)
    _expect_state(claim, ClaimStatus.TRIAGEABLE, _("mark as duplicate"))
    original = Claim.objects.get(pk=original.pk)  # the stored chain, not the caller's copy
    while original.duplicate_of_id:
        original = original.duplicate_of
    if original.project_id != claim.project_id:
        raise ValidationError({"original": _("The original must be a claim of the same project.")})
    if original.pk == claim.pk:
        raise ValidationError({"original": _("A claim cannot duplicate itself.")})
    from_state = claim.status
    claim.status, claim.duplicate_of = ClaimStatus.DUPLICATE, original
    return _save(claim, user=user, verb=Verb.CLAIM_DUPLICATE, from_state=from_state, comment=comment)
