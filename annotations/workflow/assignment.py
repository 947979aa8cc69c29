"""Assignment: an editor gives claims to a reviewer to check, and articles
to an annotator to mark; reassigning and unassigning are the same moves.
A reviewer's own "take" (``claim_take``) stays beside them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications, permissions
from ..models import Article, ArticleAssignment, Claim, ClaimStatus, IndependentState, Verb
from .base import Conflict, activity_log


def _one_project(objects, what):
    objects = list(objects)
    if not objects:
        raise ValidationError({what: _("Choose what to assign first.")})
    if len({o.project_id for o in objects}) > 1:
        raise ValidationError({what: _("Assign the items of one project at a time.")})
    return objects, objects[0].project


def _ids(objects):
    return ", ".join(str(o.pk) for o in objects)


@transaction.atomic
def claim_assign(*, claims, user, assignee) -> list[Claim]:
    """Give ``claims`` to the reviewer ``assignee`` to check, or take them
    off whoever has them (``assignee`` None). An open claim assigned goes
    into progress, as if its assignee had taken it; one unassigned goes back
    to the queue, its draft verdict kept for whoever takes it next. A claim
    whose verdict is with the editors may be reassigned, not unassigned.
    All or nothing: one claim that cannot move refuses the lot.

    Returns the claims whose assignee changed (each with an Activity)."""
    claims, project = _one_project(claims, "claims")
    permissions.check(user, "claim.assign", project)
    if assignee is not None:
        permissions.check_assignee(assignee, "claim.take", project)
    locked = list(
        Claim.objects.select_for_update(of=("self",))
        .select_related("assignee")
        .filter(pk__in=[c.pk for c in claims])
        .order_by("pk")  # the same order for every caller: two batches do not deadlock
    )
    settled = [c for c in locked if c.status not in ClaimStatus.ASSIGNABLE]
    if settled:
        raise Conflict(_("Claims %s are decided on already: they cannot be assigned.") % _ids(settled))
    if assignee is None and (with_editors := [c for c in locked if c.status == ClaimStatus.IN_REVIEW]):
        raise Conflict(
            _("The verdicts of claims %s are with the editors: assign them to another reviewer instead.")
            % _ids(with_editors)
        )
    now, changed = timezone.now(), []
    for claim in locked:
        if claim.assignee_id == (assignee.pk if assignee else None):
            continue
        from_state, previous = claim.status, claim.assignee
        if assignee is None:
            claim.status, claim.assignee, verb, whom = ClaimStatus.OPEN, None, Verb.CLAIM_UNASSIGNED, previous.username
        else:
            if claim.status == ClaimStatus.OPEN:
                claim.status = ClaimStatus.IN_PROGRESS
            claim.assignee, verb, whom = assignee, Verb.CLAIM_ASSIGNED, assignee.username
        claim.revision += 1
        claim.updated_at = now
        claim.save(update_fields=["status", "assignee", "revision", "updated_at"])
        activity_log(project=project, actor=user, verb=verb, obj=claim, from_state=from_state,
                     to_state=claim.status, comment=whom)  # fmt: skip
        changed.append(claim)
    if assignee is not None:
        notifications.notify_assigned(changed, assignee, user)
    return changed


@transaction.atomic
def article_assign_annotator(*, articles, user, annotator) -> list[Article]:
    """Give ``articles`` to ``annotator`` to mark claims in, in place of
    whoever had them, or take them off their list (``annotator`` None).
    One annotator per article: marking it independently by several is
    ``article_assign``, and an article being annotated so keeps its
    annotators. All or nothing.

    Returns the articles whose annotator changed (each with an Activity)."""
    articles, project = _one_project(articles, "articles")
    permissions.check(user, "article.assign", project)
    if annotator is not None:
        permissions.check_assignee(annotator, "claim.mark", project)
    locked = list(
        Article.objects.select_for_update(of=("self",)).filter(pk__in=[a.pk for a in articles]).order_by("pk")
    )
    independent = [a for a in locked if a.independent != IndependentState.OFF]
    if independent:
        raise Conflict(
            _("Articles %s are annotated independently: their annotators stay as they are.") % _ids(independent)
        )
    current = {}
    for assignment in ArticleAssignment.objects.filter(article__in=locked).select_related("annotator"):
        current.setdefault(assignment.article_id, []).append(assignment)
    changed = []
    for article in locked:
        assignments = current.get(article.pk, [])
        if annotator is not None and [a.annotator_id for a in assignments] == [annotator.pk]:
            continue
        if annotator is None and not assignments:
            continue
        for assignment in assignments:
            assignment.delete()
            activity_log(project=project, actor=user, verb=Verb.ARTICLE_ANNOTATOR_UNASSIGNED, obj=article,
                         comment=assignment.annotator.username)  # fmt: skip
        if annotator is not None:
            ArticleAssignment.objects.create(article=article, annotator=annotator, assigned_by=user)
            activity_log(project=project, actor=user, verb=Verb.ARTICLE_ANNOTATOR_ASSIGNED, obj=article,
                         comment=annotator.username)  # fmt: skip
        changed.append(article)
    if annotator is not None:
        notifications.notify_assigned(changed, annotator, user)
    return changed
