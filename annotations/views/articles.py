from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, workflow
from ..api.filters import ArticleFilter
from ..forms import AssignForm, ClaimForm, CommentForm
from ..models import Activity, Article, Claim, ClaimStatus, DismissReason, IndependentState, Verb
from .common import error_text, form_errors, project_for, refusals_to_messages, safe_next
from .suggestions import explained

# The best suggestions of an article that the workspace shows.
MAX_SUGGESTIONS = 20

SORTS = {"new": "-created_at", "old": "created_at", "published": "-published_at", "title": "title"}


@login_required
def article_list(request, slug):
    project = project_for(request, slug)
    articles = Article.objects.filter(project=project).defer("text", "search_vector")
    # The API's filter set: the same names and meanings on the page and in the API.
    filterset = ArticleFilter(request.GET or None, queryset=articles, request=request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, form_errors(filterset.form))
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "new"
    # Independent claims of others are not counted for those who may not see them.
    counted = (
        Q()
        if request.can["article_adjudicate"]
        else ~Q(claims__status=ClaimStatus.INDEPENDENT) | Q(claims__created_by=request.user)
    )
    articles = filterset.qs.annotate(
        claim_count=Count("claims", filter=counted, distinct=True),
        assignment_count=Count("assignments", distinct=True),
        done_count=Count("assignments", filter=Q(assignments__done_at__isnull=False), distinct=True),
    ).order_by(SORTS[sort], "-id")
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project, "page": page, "q": request.GET.get("q", "").strip(), "sort": sort,
        "query": query.urlencode(),
        "article_languages": project.articles.order_by("language").values_list("language", flat=True).distinct(),
        "assign_form": AssignForm(project=project) if request.can["article_assign"] else None,
    }  # fmt: skip
    return render(request, "annotations/article_list.html", context)


def segments(text, claims, sentences=()):
    """The article text cut at every claim and suggested sentence boundary:
    (start, end, text, claim ids, sentence) runs, so that overlapping claims
    show as stacked highlights and suggestions as lighter ones."""
    bounds = [(c.start, c.end) for c in claims] + [(s.start, s.end) for s in sentences]
    cuts = sorted({0, len(text), *(b for pair in bounds for b in pair)})
    by_start = {s.start: s for s in sentences}
    sentence = None
    starting, ending = defaultdict(list), defaultdict(list)
    for claim in claims:
        starting[claim.start].append(claim.pk)
        ending[claim.end].append(claim.pk)
    runs, active = [], []
    for start, end in zip(cuts, cuts[1:], strict=False):
        active = [pk for pk in active if pk not in ending[start]] + starting[start]
        sentence = by_start.get(start) or (sentence if sentence and start < sentence.end else None)
        runs.append({"start": start, "end": end, "text": text[start:end], "claims": active,
                     "depth": min(len(active), 3), "sentence": sentence})  # fmt: skip
    return runs


def _attach_triage_reasons(claims):
    """``reason``: why each claim was found not checkable (its last such activity), in one query."""
    if not claims:
        return
    events = Activity.objects.filter(
        object_type="claim", object_id__in=[claim.pk for claim in claims], verb=Verb.CLAIM_NOT_CHECKABLE
    ).order_by("id")
    reasons = {event.object_id: event.comment for event in events}
    for claim in claims:
        claim.reason = reasons.get(claim.pk, "")


@login_required
def workspace(request, slug, pk):
    project = project_for(request, slug)
    article = get_object_or_404(Article, project=project, pk=pk)
    claims = list(
        article.claims.visible_to(request.user)
        .select_related("created_by", "project")
        .annotate(comment_count=Count("comments"))
        .order_by("start")
    )
    for claim in claims:
        claim.editable = permissions.can_edit_claim(request.user, claim)
        claim.reopenable = permissions.can_reopen_claim(request.user, claim)
    _attach_triage_reasons([claim for claim in claims if claim.status == ClaimStatus.NOT_CHECKABLE])
    # Annotators of an article being annotated independently read it on their own, without the model's suggestions.
    independent = article.independent == IndependentState.AWAITING
    suggested = [] if independent else explained(list(article.sentences.suggestions()[:MAX_SUGGESTIONS]))
    for sentence in suggested:
        sentence.article = article  # its text is cut from the article already loaded
    neighbours = Article.objects.filter(project=project).order_by("-created_at", "-id")
    assignments = (
        list(article.assignments.select_related("annotator")) if article.independent != IndependentState.OFF else []
    )
    context = {
        "assignments": assignments,
        "my_assignment": next((a for a in assignments if a.annotator_id == request.user.pk), None),
        "assign_form": AssignForm(project=project) if request.can["article_assign"] else None,
        "project": project, "article": article, "claims": claims, "suggestions": suggested,
        "segments": segments(article.text, claims, sorted(suggested, key=lambda s: s.start)),
        "dismiss_reasons": DismissReason.choices, "form": ClaimForm(),
        "next_article": neighbours.filter(created_at__lt=article.created_at).first(),
    }  # fmt: skip
    return render(request, "annotations/workspace.html", context)


@login_required
@require_POST
def claim_create(request, slug, pk):
    project = project_for(request, slug, "claim.mark")
    article = get_object_or_404(Article, project=project, pk=pk)
    form = ClaimForm(request.POST)
    back = reverse("annotations:workspace", args=[slug, pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    try:
        claim = workflow.claim_mark(article=article, user=request.user, **form.workflow_fields())
    except workflow.REFUSALS as exc:
        messages.error(request, error_text(exc))
        return redirect(back)
    messages.success(request, _("Claim marked."))
    return redirect(f"{back}#claim-{claim.pk}")


@login_required
@refusals_to_messages
def claim_update(request, slug, pk):
    """GET: the claim's edit form (fetched when its "Edit" is opened); POST: save or delete."""
    project = project_for(request, slug)
    claim = get_object_or_404(Claim.objects.visible_to(request.user), project=project, pk=pk)
    if request.method != "POST":
        context = {"project": project, "claim": claim, "form": ClaimForm.for_claim(claim)}
        return render(request, "annotations/_claim_edit.html", context)
    back = reverse("annotations:workspace", args=[slug, claim.article_id]) + f"#claim-{claim.pk}"
    if request.POST.get("delete"):
        workflow.claim_delete(claim=claim, user=request.user)
        messages.success(request, _("Claim deleted."))
        return redirect(back.split("#")[0])
    form = ClaimForm(request.POST, prefix=f"claim-{claim.pk}")
    if form.is_valid():
        workflow.claim_update(claim=claim, user=request.user, revision=request.POST.get("revision"),
                              **form.workflow_fields())  # fmt: skip
        messages.success(request, _("Claim saved."))
    else:
        messages.error(request, form_errors(form))
    return redirect(back)


@login_required
@refusals_to_messages
def comment_add(request, slug, pk):
    """GET: the claim's comments and a form (fetched when opened); POST: add one."""
    project = project_for(request, slug, "comment")
    claim = get_object_or_404(Claim.objects.visible_to(request.user), project=project, pk=pk)
    if request.method != "POST":
        context = {"project": project, "claim": claim, "comments": claim.comments.select_related("author")}
        return render(request, "annotations/_comments.html", context)
    form = CommentForm(request.POST)
    if form.is_valid():
        workflow.comment_add(user=request.user, claim=claim, body=form.cleaned_data["body"])
    return redirect(safe_next(request, "annotations:workspace", slug, claim.article_id))


@login_required
@require_POST
@refusals_to_messages
def comment_resolve(request, slug, pk):
    project = project_for(request, slug)
    comment = get_object_or_404(project.comments, pk=pk)
    workflow.comment_resolve(comment=comment, user=request.user)
    return redirect(safe_next(request, "annotations:dashboard", slug=slug))
