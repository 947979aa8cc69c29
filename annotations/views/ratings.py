"""Verdicts rated independently on the pages: an editor sends an article's
claims to reviewers, each reviewer rates a claim without seeing the others'
ratings (``permissions.visible_ratings`` decides what each one sees), and an
editor adjudicates once all have rated."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import permissions, workflow
from ..forms import AdjudicateRatingsForm, IndependentRatingForm, SendForRatingForm
from ..models import Article, Claim, ClaimStatus, IndependentRating
from .common import error_text, form_errors, project_for

QUEUE_LIMIT = 50


def to_rate(project, user):
    """The review queue's block: the claims the user was sent to rate and has not rated yet."""
    return (
        IndependentRating.objects.pending()
        .filter(reviewer=user, claim__project=project, claim__status=ClaimStatus.RATING)
        .select_related("claim__article")
        .order_by("sent_at", "id")[:QUEUE_LIMIT]
    )


def to_adjudicate(project):
    """The editor queue's block: claims every reviewer has rated."""
    return (
        project.claims.filter(status=ClaimStatus.RATED).select_related("article").order_by("updated_at")[:QUEUE_LIMIT]
    )


@login_required
def article_ratings(request, slug, pk):
    """An article's claims and their independent ratings, for editors; POST
    sends the ticked open claims to the ticked reviewers."""
    project = project_for(request, slug, "claim.send_for_rating")
    article = get_object_or_404(Article, project=project, pk=pk)
    claims = article.claims.visible_to(request.user).distinct()
    form = SendForRatingForm(project=project, claims=claims.filter(status=ClaimStatus.OPEN))
    if request.method == "POST":
        form = SendForRatingForm(request.POST, project=project, claims=claims.filter(status=ClaimStatus.OPEN))
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            try:
                sent = workflow.claims_send_for_rating(
                    claims=form.cleaned_data["claims"], user=request.user, reviewers=form.cleaned_data["reviewers"]
                )
            except workflow.REFUSALS as exc:
                messages.error(request, error_text(exc))
            else:
                who = ", ".join(u.username for u in form.cleaned_data["reviewers"])
                messages.success(
                    request, _("%(n)d claim(s) sent to %(who)s to rate independently.") % {"n": len(sent), "who": who}
                )
                return redirect("annotations:article_ratings", slug=slug, pk=pk)
    rows = []
    progress = {}
    for row in IndependentRating.objects.filter(claim__article=article).values_list("claim_id", "rated_at"):
        done, total = progress.get(row[0], (0, 0))
        progress[row[0]] = (done + (row[1] is not None), total + 1)
    for claim in claims.order_by("start", "id"):
        done, total = progress.get(claim.pk, (0, 0))
        rows.append({"claim": claim, "rated": done, "sent": total})
    context = {"project": project, "article": article, "rows": rows, "form": form}
    return render(request, "annotations/article_ratings.html", context)


@login_required
def claim_ratings(request, slug, pk):
    """One claim's independent ratings: a reviewer it was sent to rates it
    here, seeing only their own rating; an editor adjudicates once all have
    rated; after that, every member sees them all."""
    from .review import context_of  # review imports this module

    project = project_for(request, slug)
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user).select_related("article").distinct(), project=project, pk=pk
    )
    mine = claim.independent_ratings.filter(reviewer=request.user).select_related("rating").first()
    may_rate = mine is not None and not mine.is_rated and claim.status == ClaimStatus.RATING
    may_adjudicate = claim.status == ClaimStatus.RATED and request.can["claim_adjudicate_ratings"]
    visible = permissions.visible_ratings(request.user, claim.independent_ratings.all())
    ratings = list(visible.select_related("reviewer", "rating").order_by("id").distinct())
    given = [r.rating_id for r in ratings if r.rating_id]
    rate_form = IndependentRatingForm(project=project) if may_rate else None
    adjudicate_form = None
    if may_adjudicate:
        first = next((r for r in ratings if r.is_rated), None)
        adjudicate_form = AdjudicateRatingsForm(
            project=project, given=given,
            initial={"rating": first.rating_id, "assignee": first.reviewer_id} if first else None,
        )  # fmt: skip
    if request.method == "POST":
        try:
            if request.POST.get("action") == "rate":
                rate_form = IndependentRatingForm(request.POST, project=project)
                if rate_form.is_valid():
                    workflow.claim_rate(claim=claim, user=request.user, **rate_form.cleaned_data)
                    messages.success(request, _("Rating saved. The others' ratings stay hidden until an editor "
                                                "adjudicates the claim."))  # fmt: skip
                    return redirect("annotations:claim_ratings", slug=slug, pk=pk)
                messages.error(request, form_errors(rate_form))
            elif request.POST.get("action") == "adjudicate":
                adjudicate_form = AdjudicateRatingsForm(request.POST, project=project, given=given)
                if adjudicate_form.is_valid():
                    workflow.claim_adjudicate_ratings(claim=claim, user=request.user, **adjudicate_form.cleaned_data)
                    messages.success(request, _("Adjudicated: the claim is in progress, its draft verdict carries "
                                                "the rating kept."))  # fmt: skip
                    return redirect("annotations:claim_ratings", slug=slug, pk=pk)
                messages.error(request, form_errors(adjudicate_form))
        except workflow.REFUSALS as exc:
            messages.error(request, error_text(exc))
    progress = list(claim.independent_ratings.values_list("rated_at", flat=True))
    context = {
        "project": project, "claim": claim, "context": context_of(claim), "ratings": ratings, "mine": mine,
        "rate_form": rate_form, "adjudicate_form": adjudicate_form,
        "rated": sum(1 for at in progress if at), "sent": len(progress),
        "hidden": claim.status in ClaimStatus.RATING_INDEPENDENTLY and len(ratings) < len(progress),
    }  # fmt: skip
    return render(request, "annotations/claim_ratings.html", context)
