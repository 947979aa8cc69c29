"""Verdicts rated independently: an editor sends claims to k reviewers,
each rates the claim's verdict (a rating of the project's scale and a short
rationale) without seeing the others' ratings, and once all have rated an
editor adjudicates: the rating kept becomes the claim's draft verdict, which
a reviewer the editor chose writes and submits as usual (a rating alone is
not a fact-check: the verdict still needs its summary, analysis and
evidence, and the editors' approval). The k ratings stay, in the history
and in the JSON Lines export."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import Claim, ClaimStatus, IndependentRating, Rating, Verb, Verdict, VerdictStatus
from .adjudication import _queue_agreement
from .base import Conflict, _locked, _save, activity_log

RATIONALE_MAX = 2000


def _members_who_may(project, users, action, field):
    """The users, each a member whose role allows ``action``, else a ValidationError naming the others."""
    allowed = set(
        get_user_model()
        .objects.filter(
            pk__in=[u.pk for u in users],
            memberships__project=project,
            memberships__role__in=permissions.roles_allowed(action),
        )
        .values_list("pk", flat=True)
    )
    refused = [u.username for u in users if u.pk not in allowed]
    if refused:
        raise ValidationError({field: _("Not reviewers of this project: %s.") % ", ".join(refused)})
    return users


@transaction.atomic
def claims_send_for_rating(*, claims, user, reviewers) -> list[Claim]:
    """Send open claims to ``reviewers`` (two or more reviewers of their
    project) to rate independently. All or none: a claim that is not open,
    or was rated independently before, refuses the whole batch."""
    claims = list(claims)
    if not claims:
        raise ValidationError({"claims": _("Choose the claims to send first.")})
    project = claims[0].project
    if any(c.project_id != project.pk for c in claims):
        raise ValidationError({"claims": _("The claims belong to different projects.")})
    permissions.check(user, "claim.send_for_rating", project)
    reviewers = list(dict.fromkeys(reviewers))
    if len(reviewers) < 2:
        raise ValidationError({"reviewers": _("Independent rating needs two reviewers or more.")})
    _members_who_may(project, reviewers, "claim.rate", "reviewers")
    locked = [_locked(c) for c in sorted(claims, key=lambda c: c.pk)]
    rated_before = set(IndependentRating.objects.filter(claim__in=locked).values_list("claim_id", flat=True).distinct())
    for claim in locked:
        if claim.pk in rated_before:
            raise Conflict(
                _("Claim %(id)d has been rated independently already.") % {"id": claim.pk}, state=claim.status
            )
        if claim.status != ClaimStatus.OPEN:
            raise Conflict(
                _("Only open claims can be sent to rate independently; claim %(id)d is %(state)s.")
                % {"id": claim.pk, "state": claim.get_status_display().lower()},
                state=claim.status,
            )
    now = timezone.now()
    IndependentRating.objects.bulk_create(
        IndependentRating(claim=claim, reviewer=r, sent_by=user, sent_at=now) for claim in locked for r in reviewers
    )
    names = ", ".join(r.username for r in reviewers)
    for claim in locked:
        claim.status = ClaimStatus.RATING
        _save(claim, user=user, verb=Verb.CLAIM_SENT_FOR_RATING, from_state=ClaimStatus.OPEN, comment=names)
    return locked


def _check_rating(project, rating, allowed_retired=()):
    if rating is None:
        raise ValidationError({"rating": _("Choose a rating.")})
    if rating.project_id != project.pk:
        raise ValidationError({"rating": _("This rating belongs to another project.")})
    if not rating.active and rating.pk not in allowed_retired:
        raise ValidationError({"rating": _("This rating is retired.")})


@transaction.atomic
def claim_rate(*, claim: Claim, user, rating: Rating, rationale: str) -> IndependentRating:
    """The reviewer's independent rating of the claim, once. When the last
    of its reviewers has rated, the claim awaits adjudication."""
    claim = _locked(claim)
    sent = IndependentRating.objects.select_for_update().filter(claim=claim, reviewer=user).first()
    permissions.check_rate(user, claim, sent)
    if sent.is_rated:
        raise Conflict(_("You have rated this claim already; a rating does not change."), state=claim.status)
    if claim.status != ClaimStatus.RATING:
        raise Conflict(_("This claim is not being rated independently."), state=claim.status)
    _check_rating(claim.project, rating)
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": _("Say in a sentence or two why.")})
    if len(rationale) > RATIONALE_MAX:
        raise ValidationError({"rationale": _("At most %(n)d characters.") % {"n": RATIONALE_MAX}})
    sent.rating, sent.rationale, sent.rated_at = rating, rationale, timezone.now()
    sent.save(update_fields=["rating", "rationale", "rated_at"])
    # The activity says who rated, never what: others read the log before the adjudication.
    if IndependentRating.objects.filter(claim=claim).pending().exists():
        activity_log(project=claim.project, actor=user, verb=Verb.CLAIM_RATED, obj=claim)
    else:
        claim.status = ClaimStatus.RATED
        _save(claim, user=user, verb=Verb.CLAIM_RATED, from_state=ClaimStatus.RATING)
    return sent


@transaction.atomic
def claim_adjudicate_ratings(*, claim: Claim, user, rating: Rating, assignee) -> Verdict:
    """Keep ``rating`` (one the reviewers gave, or another of the scale) as
    the claim's verdict: a draft carrying it, for ``assignee`` (a reviewer)
    to write and submit. The claim is in progress with them."""
    claim = _locked(claim)
    permissions.check(user, "claim.adjudicate_ratings", claim.project)
    if claim.status != ClaimStatus.RATED:
        message = (
            _("Not every reviewer has rated this claim yet.")
            if claim.status == ClaimStatus.RATING
            else _("Only a claim rated by all its reviewers can be adjudicated.")
        )
        raise Conflict(message, state=claim.status)
    given = list(claim.independent_ratings.select_related("reviewer"))
    _check_rating(claim.project, rating, allowed_retired={r.rating_id for r in given})
    if assignee is None:
        raise ValidationError({"assignee": _("Choose who writes the verdict.")})
    _members_who_may(claim.project, [assignee], "verdict.write", "assignee")
    if claim.verdicts.current().exists():
        raise Conflict(_("This claim already has a verdict."), state=claim.status)
    chose = sorted(r.reviewer.username for r in given if r.rating_id == rating.pk)
    claim.status, claim.assignee = ClaimStatus.IN_PROGRESS, assignee
    comment = _("kept %(rating)s (%(who)s); verdict written by %(assignee)s") % {
        "rating": rating.label, "who": ", ".join(chose) or _("none of the reviewers"), "assignee": assignee.username,
    }  # fmt: skip
    _save(claim, user=user, verb=Verb.CLAIM_RATINGS_ADJUDICATED, from_state=ClaimStatus.RATED, comment=comment)
    verdict = Verdict(claim=claim, author=assignee, rating=rating, status=VerdictStatus.DRAFT)
    _save(verdict, user=user, verb=Verb.VERDICT_DRAFTED)
    _queue_agreement(claim.project)
    return verdict
