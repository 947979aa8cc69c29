"""Double annotation: assigning an article to k annotators who mark it
independently, each saying when they are done, and the editor's
adjudication, which keeps some of their claims for the normal workflow."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import adjudication, notifications, permissions, suggestions
from ..models import Article, ArticleAssignment, Claim, ClaimStatus, IndependentState, Verb
from .base import Conflict, _locked, activity_log


def _queue_agreement(project):
    from ..tasks import compute_agreement

    transaction.on_commit(lambda: compute_agreement.delay(project.pk))


@transaction.atomic
def article_assign(*, article: Article, user, annotators) -> Article:
    """Send an article to ``annotators`` (members of its project, two or
    more with any already assigned) to mark independently. From now on each
    sees only their own claims on it until an editor adjudicates it."""
    article = _locked(article)
    permissions.check(user, "article.assign", article.project)
    if article.independent == IndependentState.ADJUDICATED:
        raise Conflict(_("This article has been adjudicated already."), state=article.independent)
    if article.independent == IndependentState.OFF and article.claims.exists():
        raise Conflict(_("This article has claims already: independent annotation starts on an article without any."))
    if article.independent == IndependentState.OFF:
        # The annotator it was assigned to plainly (``article_assign_annotator``) counts only if named again.
        article.assignments.all().delete()
    annotators = list(dict.fromkeys(annotators))
    members = set(
        get_user_model()
        .objects.filter(pk__in=[a.pk for a in annotators], memberships__project=article.project)
        .values_list("pk", flat=True)
    )
    strangers = [a.username for a in annotators if a.pk not in members]
    if strangers:
        raise ValidationError({"annotators": _("Not members of this project: %s.") % ", ".join(strangers)})
    assigned = set(article.assignments.values_list("annotator_id", flat=True))
    new = [a for a in annotators if a.pk not in assigned]
    if len(assigned) + len(new) < 2:
        raise ValidationError({"annotators": _("Independent annotation needs two annotators or more.")})
    ArticleAssignment.objects.bulk_create(
        [ArticleAssignment(article=article, annotator=a, assigned_by=user) for a in new]
    )
    notifications.notify_assigned([article], new, user)
    from_state = article.independent
    article.independent = IndependentState.AWAITING
    article.save(update_fields=["independent"])
    activity_log(project=article.project, actor=user, verb=Verb.ARTICLE_ASSIGNED, obj=article,
                 from_state=from_state, to_state=article.independent,
                 comment=", ".join(a.username for a in new))  # fmt: skip
    return article


def assignment_for(article, user):
    """The user's assignment to the article, or None."""
    return article.assignments.filter(annotator=user).first() if user.is_authenticated else None


def check_may_mark(article, user):
    """The status a claim the user marks on the article starts in; refused
    on an article being annotated independently for anyone but its
    annotators, and for them once they have said they are done."""
    # The stored state, not the caller's copy: the article may have been assigned since it was loaded.
    article.independent = Article.objects.filter(pk=article.pk).values_list("independent", flat=True).get()
    if article.independent != IndependentState.AWAITING:
        return ClaimStatus.OPEN
    assignment = assignment_for(article, user)
    if assignment is None:
        raise PermissionDenied(_("This article is being annotated independently by the annotators assigned to it."))
    if assignment.is_done:
        raise Conflict(_("You have finished annotating this article."), state=article.independent)
    return ClaimStatus.INDEPENDENT


@transaction.atomic
def assignment_finish(*, article: Article, user) -> ArticleAssignment:
    """The annotator has finished marking the article (assigned to them
    plainly or independently). Once all of an independently annotated
    article's annotators have, agreement is computed again."""
    article = _locked(article)
    permissions.check(user, "claim.mark", article.project)
    assignment = assignment_for(article, user)
    if assignment is None:
        raise PermissionDenied(_("You are not one of this article's annotators."))
    if assignment.is_done:
        raise Conflict(_("You have finished annotating this article already."))
    if article.independent == IndependentState.ADJUDICATED:
        raise Conflict(_("This article has been adjudicated already."), state=article.independent)
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["done_at"])
    activity_log(project=article.project, actor=user, verb=Verb.ARTICLE_ANNOTATION_DONE, obj=article)
    # An article assigned to one annotator plainly has no agreement to compute.
    if article.independent == IndependentState.AWAITING and not article.assignments.pending().exists():
        _queue_agreement(article.project)
    return assignment


@transaction.atomic
def article_adjudicate(*, article: Article, user, accepted) -> Article:
    """Keep the claims ``accepted`` (at most one of each group of matching
    claims) and reject every other claim awaiting adjudication. Accepted
    claims are open, for reviewers to take; rejected ones stay, in the
    history and in the exports. The article's claims are then visible to
    everyone."""
    article = _locked(article)
    permissions.check(user, "article.adjudicate", article.project)
    if article.independent != IndependentState.AWAITING:
        raise Conflict(_("Only an article awaiting adjudication can be adjudicated."), state=article.independent)
    if article.assignments.pending().exists():
        raise Conflict(_("Not every annotator of this article has finished it yet."), state=article.independent)
    claims = list(Claim.objects.select_for_update(of=("self",)).filter(article=article, status=ClaimStatus.INDEPENDENT))
    wanted = {getattr(c, "pk", c) for c in accepted}
    unknown = wanted - {c.pk for c in claims}
    if unknown:
        message = _("Not claims of this article awaiting adjudication: %s.") % sorted(unknown)
        raise ValidationError({"accepted": message})
    for group in adjudication.groups(claims):
        if len(wanted & {c.pk for c in group.claims}) > 1:
            raise ValidationError({"accepted": _("Keep one claim of each group of matching claims, not several.")})
    now = timezone.now()
    for claim in claims:
        keep = claim.pk in wanted
        claim.status = ClaimStatus.OPEN if keep else ClaimStatus.REJECTED
        claim.revision += 1
        claim.updated_at = now
        claim.save(update_fields=["status", "revision", "updated_at"])
        if keep:
            suggestions.label_claim(claim, claim.created_by)
        activity_log(project=article.project, actor=user, obj=claim,
                     verb=Verb.CLAIM_ACCEPTED if keep else Verb.CLAIM_REJECTED,
                     from_state=ClaimStatus.INDEPENDENT, to_state=claim.status)  # fmt: skip
    article.independent = IndependentState.ADJUDICATED
    article.save(update_fields=["independent"])
    kept = _("%(kept)d of %(total)d claims kept") % {"kept": len(wanted), "total": len(claims)}
    activity_log(project=article.project, actor=user, verb=Verb.ARTICLE_ADJUDICATED, obj=article,
                 from_state=IndependentState.AWAITING, to_state=article.independent, comment=kept)  # fmt: skip
    _queue_agreement(article.project)
    return article
