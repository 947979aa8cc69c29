"""Assigning articles on the pages: to one annotator, or to several who
annotate them independently; an annotator saying they are done, the
editor's adjudication, and the agreement figures the background task
stored (never computed here)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import adjudication, permissions, workflow
from ..forms import AnnotatorAssignForm, AssignForm
from ..models import Agreement, AgreementScope, Article, ClaimStatus, IndependentState
from .articles import segments
from .common import error_text, form_errors, project_for, refusals_to_messages, safe_next


@login_required
@require_POST
@refusals_to_messages
def article_assign(request, slug, pk=None):
    """Assign one article (the workspace's form) or those ticked in the list."""
    project = project_for(request, slug, "article.assign")
    form = AssignForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(safe_next(request, "annotations:article_list", slug))
    articles = [get_object_or_404(Article, project=project, pk=pk)] if pk else list(form.cleaned_data["articles"])
    if not articles:
        messages.error(request, _("Tick the articles to assign first."))
    for article in articles:
        workflow.article_assign(article=article, user=request.user, annotators=form.cleaned_data["annotators"])
    if articles:
        messages.success(
            request, _("%(n)d article(s) sent to %(who)s for independent annotation.")
            % {"n": len(articles), "who": ", ".join(u.username for u in form.cleaned_data["annotators"])},
        )  # fmt: skip
    return redirect(safe_next(request, "annotations:article_list", slug))


@login_required
@require_POST
@refusals_to_messages
def articles_assign_annotator(request, slug):
    """Assign the articles ticked in the list to one annotator, or unassign them."""
    project = project_for(request, slug, "article.assign")
    annotators = permissions.members_who_may(project, "claim.mark")
    form = AnnotatorAssignForm(request.POST, project=project, annotators=annotators)
    back = safe_next(request, "annotations:article_list", slug)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    annotator = form.cleaned_data["annotator"]
    changed = workflow.article_assign_annotator(
        articles=form.cleaned_data["articles"], user=request.user, annotator=annotator
    )
    n = len(changed)
    if annotator is None:
        message = ngettext("%(n)d article unassigned.", "%(n)d articles unassigned.", n) % {"n": n}
    else:
        message = ngettext("%(n)d article assigned to %(who)s.", "%(n)d articles assigned to %(who)s.", n) % {
            "n": n, "who": annotator.username,
        }  # fmt: skip
    messages.success(request, message)
    return redirect(back)


@login_required
@require_POST
@refusals_to_messages
def assignment_finish(request, slug, pk):
    project = project_for(request, slug, "claim.mark")
    article = get_object_or_404(Article, project=project, pk=pk)
    workflow.assignment_finish(article=article, user=request.user)
    messages.success(request, _("Marked as done. The editors adjudicate once every annotator has finished."))
    return redirect("annotations:workspace", slug=slug, pk=pk)


def _annotators(article):
    return [a.annotator for a in article.assignments.select_related("annotator")]


@login_required
def adjudication_page(request, slug, pk):
    """Every annotator's claims side by side on the text, grouped by match;
    POST keeps one claim of each group (or none) and rejects the rest."""
    project = project_for(request, slug, "article.adjudicate")
    article = get_object_or_404(Article, project=project, pk=pk)
    if article.independent == IndependentState.OFF:
        raise Http404("This article is not annotated independently.")
    if request.method == "POST":
        accepted = [int(v) for k, v in request.POST.items() if k.startswith("group-") and v.isdigit()]
        try:
            workflow.article_adjudicate(article=article, user=request.user, accepted=accepted)
        except workflow.REFUSALS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Adjudicated: the claims kept are open for review."))
        return redirect("annotations:adjudication", slug=slug, pk=pk)
    annotators = _annotators(article)
    claims = list(
        article.claims.filter(created_by__in=annotators).select_related("created_by").order_by("start", "end", "id")
    )
    groups = adjudication.groups(claims)
    kind_of = {c.pk: g.kind for g in groups for c in g.claims}
    columns = []
    for annotator in annotators:
        theirs = [c for c in claims if c.created_by_id == annotator.pk]
        runs = segments(article.text, theirs)
        for run in runs:
            run["kind"] = kind_of[run["claims"][0]] if run["claims"] else ""
        columns.append({"annotator": annotator, "claims": theirs, "segments": runs})
    context = {
        "project": project, "article": article, "columns": columns, "groups": groups,
        "assignments": article.assignments.select_related("annotator"),
        "awaiting": article.independent == IndependentState.AWAITING, "Status": ClaimStatus,
    }  # fmt: skip
    return render(request, "annotations/adjudication.html", context)


def _names(project):
    return dict(get_user_model().objects.filter(memberships__project=project).values_list("pk", "username"))


@login_required
def agreement_page(request, slug):
    """The project's agreement: overall, by week, by pair of annotators, by article."""
    project = project_for(request, slug)
    rows = Agreement.objects.filter(project=project)
    overall = rows.filter(scope=AgreementScope.PROJECT).first()
    names = _names(project)
    pairs = [
        {**pair, "names": [names.get(a, "?") for a in pair["annotators"]]}
        for pair in (overall.figures.get("pairs", []) if overall else [])
    ]
    reviewer_pairs = [
        {**pair, "names": [names.get(r, "?") for r in pair["reviewers"]]}
        for pair in ((overall.figures.get("verdicts") or {}).get("pairs", []) if overall else [])
    ]
    articles = rows.filter(scope=AgreementScope.ARTICLE).select_related("article")
    if not request.can["article_adjudicate"]:  # their pages name the claims of others until adjudication
        articles = articles.exclude(article__independent=IndependentState.AWAITING)
    context = {
        "project": project, "overall": overall, "weeks": rows.weeks(), "pairs": pairs, "reviewer_pairs": reviewer_pairs,
        "articles": articles.order_by("overlap_f1", "-id")[:200],
    }  # fmt: skip
    return render(request, "annotations/agreement.html", context)


def _disagreements(article, pair, claim_ids, by_pk):
    """What one pair of annotators did not agree on in one article: their
    overlap matches at different offsets, and the claims only one marked."""
    a, b = (claim_ids.get(str(x), []) for x in pair["annotators"])

    def claim(ids, index):
        return by_pk.get(ids[index]) if index < len(ids) else None

    partial = []
    for i, j, ratio in pair["matches"]:
        left, right = claim(a, i), claim(b, j)
        if left and right and (left.start, left.end) != (right.start, right.end):
            partial.append({"a": left, "b": right, "ratio": ratio})
    only_a = [c for c in (claim(a, i) for i in pair["unmatched_a"]) if c]
    only_b = [c for c in (claim(b, j) for j in pair["unmatched_b"]) if c]
    return {"partial": partial, "only_a": only_a, "only_b": only_b}


@login_required
def article_agreement(request, slug, pk):
    """One article: the figures of each pair, and what they disagreed on."""
    project = project_for(request, slug)
    article = get_object_or_404(Article, project=project, pk=pk)
    if article.independent == IndependentState.AWAITING and not request.can["article_adjudicate"]:
        # Until adjudication, the claims of others stay hidden from annotators: so do their differences.
        raise Http404("Not adjudicated yet.")
    row = Agreement.objects.filter(scope=AgreementScope.ARTICLE, article=article).first()
    names = _names(project)
    pairs = []
    if row:
        by_pk = {c.pk: c for c in article.claims.all()}
        claim_ids = row.figures.get("claims", {})
        for pair in row.figures.get("pairs", []):
            pairs.append({**pair, "names": [names.get(x, "?") for x in pair["annotators"]],
                          **_disagreements(article, pair, claim_ids, by_pk)})  # fmt: skip
    return render(request, "annotations/article_agreement.html",
                  {"project": project, "article": article, "row": row, "pairs": pairs})  # fmt: skip


@login_required
def pair_agreement(request, slug, a, b):
    """Two annotators: their figures over the articles they shared, and the
    articles where they disagreed."""
    project = project_for(request, slug)
    names = _names(project)
    if a not in names or b not in names or a == b:
        raise Http404("No such pair of annotators.")
    overall = Agreement.objects.filter(project=project, scope=AgreementScope.PROJECT).first()
    pair = overall.pair(a, b) if overall else None
    articles = []
    adjudicates = request.can["article_adjudicate"]
    for row in Agreement.objects.filter(project=project, scope=AgreementScope.ARTICLE).select_related("article"):
        found = row.pair(a, b)
        if not found or (row.article.independent == IndependentState.AWAITING and not adjudicates):
            continue
        disagreed = found["exact"]["matched"] < max(found["exact"]["spans_a"], found["exact"]["spans_b"])
        articles.append({"row": row, "pair": found, "disagreed": disagreed})
    articles.sort(key=lambda item: (not item["disagreed"], item["row"].article_id))
    context = {"project": project, "pair": pair, "names": [names[min(a, b)], names[max(a, b)]], "articles": articles}
    return render(request, "annotations/pair_agreement.html", context)
