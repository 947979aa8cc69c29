from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, workflow
from ..forms import ClaimForm, CommentForm
from ..models import Article, Claim
from .common import error_text, form_errors, project_for, refusals_to_messages

SORTS = {"new": "-created_at", "old": "created_at", "published": "-published_at", "title": "title"}


@login_required
def article_list(request, slug):
    project = project_for(request, slug)
    articles = Article.objects.filter(project=project).defer("text", "search_vector")
    q = request.GET.get("q", "").strip()
    if q:
        articles = articles.search(q, language=request.GET.get("language"))
    if request.GET.get("language"):
        articles = articles.filter(language=request.GET["language"])
    if request.GET.get("has_claims") in ("yes", "no"):
        articles = articles.filter(claims__isnull=request.GET["has_claims"] == "no")
    if request.GET.get("import_job", "").isdigit():
        articles = articles.filter(import_job=request.GET["import_job"])
    if request.GET.get("published_from"):
        articles = articles.filter(published_at__date__gte=request.GET["published_from"])
    if request.GET.get("published_to"):
        articles = articles.filter(published_at__date__lte=request.GET["published_to"])
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "new"
    articles = articles.annotate(claim_count=Count("claims")).order_by(SORTS[sort], "-id")
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project, "page": page, "q": q, "sort": sort, "query": query.urlencode(),
        "languages": project.articles.order_by().values_list("language", flat=True).distinct(),
    }  # fmt: skip
    return render(request, "annotations/article_list.html", context)


def segments(text, claims):
    """The article text cut at every claim boundary: (start, end, text,
    claim ids) runs, so that overlapping claims show as stacked highlights."""
    cuts = sorted({0, len(text), *(c.start for c in claims), *(c.end for c in claims)})
    starting, ending = defaultdict(list), defaultdict(list)
    for claim in claims:
        starting[claim.start].append(claim.pk)
        ending[claim.end].append(claim.pk)
    runs, active = [], []
    for start, end in zip(cuts, cuts[1:], strict=False):
        active = [pk for pk in active if pk not in ending[start]] + starting[start]
        runs.append({"start": start, "end": end, "text": text[start:end], "claims": active,
                     "depth": min(len(active), 3)})  # fmt: skip
    return runs


@login_required
def workspace(request, slug, pk):
    project = project_for(request, slug)
    article = get_object_or_404(Article, project=project, pk=pk)
    claims = list(
        article.claims.select_related("created_by").annotate(comment_count=Count("comments")).order_by("start")
    )
    edit_any = permissions.can(request.user, "claim.edit_any", project)
    for claim in claims:
        claim.editable = claim.status == "open" and (claim.created_by_id == request.user.pk or edit_any)
    neighbours = Article.objects.filter(project=project).order_by("-created_at", "-id")
    context = {
        "project": project, "article": article, "claims": claims, "segments": segments(article.text, claims),
        "form": ClaimForm(),
        "can_mark": permissions.can(request.user, "claim.mark", project),
        "next_article": neighbours.filter(created_at__lt=article.created_at).first(),
    }  # fmt: skip
    return render(request, "annotations/workspace.html", context)


@login_required
@require_POST
def claim_create(request, slug, pk):
    project = project_for(request, slug, "claim.mark")
    article = get_object_or_404(Article, project=project, pk=pk)
    form = ClaimForm(request.POST)
    back = reverse("workspace", args=[slug, pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    try:
        claim = workflow.claim_mark(article=article, user=request.user, **form.workflow_fields())
    except Exception as exc:  # ValidationError, Conflict, PermissionDenied
        messages.error(request, error_text(exc))
        return redirect(back)
    messages.success(request, _("Claim marked."))
    return redirect(f"{back}#claim-{claim.pk}")


@login_required
@refusals_to_messages
def claim_update(request, slug, pk):
    """GET: the claim's edit form (fetched when its "Edit" is opened); POST: save or delete."""
    project = project_for(request, slug)
    claim = get_object_or_404(Claim, project=project, pk=pk)
    if request.method != "POST":
        context = {"project": project, "claim": claim, "form": ClaimForm.for_claim(claim)}
        return render(request, "annotations/_claim_edit.html", context)
    back = reverse("workspace", args=[slug, claim.article_id]) + f"#claim-{claim.pk}"
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
    claim = get_object_or_404(Claim, project=project, pk=pk)
    if request.method != "POST":
        context = {"project": project, "claim": claim, "comments": claim.comments.select_related("author")}
        return render(request, "annotations/_comments.html", context)
    form = CommentForm(request.POST)
    if form.is_valid():
        workflow.comment_add(user=request.user, claim=claim, body=form.cleaned_data["body"])
    return redirect(request.POST.get("next") or reverse("workspace", args=[slug, claim.article_id]))


@login_required
@require_POST
@refusals_to_messages
def comment_resolve(request, slug, pk):
    project = project_for(request, slug)
    comment = get_object_or_404(project.comments, pk=pk)
    workflow.comment_resolve(comment=comment, user=request.user)
    return redirect(request.POST.get("next") or "dashboard", slug=slug)
