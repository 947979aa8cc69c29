import re
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, workflow
from ..api.filters import ArticleFilter
from ..forms import AnnotatorAssignForm, AssignForm, ClaimForm, CommentForm
from ..models import Activity, Article, ArticleAssignment, Claim, ClaimStatus, DismissReason, IndependentState, Verb
from .common import (
    CappedPaginator,
    confirmation,
    error_text,
    form_errors,
    project_for,
    refusals_to_messages,
    safe_next,
)
from .suggestions import explained

# The best suggestions of an article that the workspace shows.
MAX_SUGGESTIONS = 20

# Each with an index of its own (Article.Meta.indexes); the title case-insensitively.
SORTS = {
    "new": (F("created_at").desc(), F("id").desc()),
    "old": (F("created_at").asc(), F("id").asc()),
    "published": (F("published_at").desc(nulls_last=True), F("id").desc()),
    "title": (Lower("title").asc(), F("id").desc()),
}
RECENT_IMPORTS = 20


def count_of(rows):
    """The number of ``rows`` (a queryset filtered on ``OuterRef``), computed for each row of the page only."""
    rows = rows.order_by().values(one=Value(1)).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(rows), 0)


def language_choices(project):
    """(code, name) of the languages the project's articles are in."""
    choices = []
    for code in Article.objects.languages(project):
        try:
            name = get_language_info(code)["name_translated"]
        except KeyError:
            name = code
        choices.append((code, f"{name} ({code})" if name != code else code))
    return choices


@login_required
def article_list(request, slug):
    project = project_for(request, slug)
    articles = Article.objects.filter(project=project).defer("text", "search_vector")
    # The API's filter set: the same names and meanings on the page and in the API ("me" is the page's).
    data = request.GET.copy()
    if data.get("annotator") == "me":
        data["annotator"] = str(request.user.pk)
    filterset = ArticleFilter(data or None, queryset=articles, request=request)
    filtered = filterset.qs
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, form_errors(filterset.form))
        filtered = filtered.none()  # not the list unfiltered, as if the refused filter had been applied
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "new"
    claims = Claim.objects.filter(article=OuterRef("pk"))
    if not request.can["article_adjudicate"]:
        # Independent claims of others are not counted for those who may not see them.
        claims = claims.filter(~Q(status=ClaimStatus.INDEPENDENT) | Q(created_by=request.user))
    assignments = ArticleAssignment.objects.filter(article=OuterRef("pk"))
    shown = filtered.annotate(
        claim_count=count_of(claims),
        assignment_count=count_of(assignments),
        done_count=count_of(assignments.filter(done_at__isnull=False)),
        annotator_name=Subquery(assignments.values("annotator__username")[:1]),
    ).order_by(*SORTS[sort])
    page = CappedPaginator(shown, 25, counted=filtered).get_page(request.GET.get("page"))
    members = list(permissions.members_who_may(project, "claim.mark").order_by("username"))
    query = request.GET.copy()
    query.pop("page", None)
    imports = list(
        project.importjobs.only("pk", "filename", "format", "created_at").order_by("-created_at")[:RECENT_IMPORTS]
    )
    chosen = filterset.form.cleaned_data.get("import_job") if filterset.is_bound and filterset.is_valid() else None
    if chosen and chosen not in imports:
        imports.append(chosen)
    q = request.GET.get("q", "").strip()
    context = {
        "project": project, "page": page, "q": q, "sort": sort, "query": query.urlencode(),
        "article_languages": language_choices(project), "imports": imports,
        "import_job": str(chosen.pk) if chosen else "",
        # SQLite finds the words as written; PostgreSQL stems them and ignores accents of the language.
        "plain_search": bool(q) and connection.vendor != "postgresql",
        "assign_form": AssignForm(project=project) if request.can["article_assign"] else None,
        "annotator_form": AnnotatorAssignForm(project=project, annotators=members) if request.can["article_assign"]
        else None,
        "members": members,
    }  # fmt: skip
    return render(request, "annotations/article_list.html", context)


def segments(text, claims, sentences=(), paragraphs=False):
    """The article text cut at every claim and suggested sentence boundary:
    (start, end, text, claim ids, sentence) runs, so that overlapping claims
    show as stacked highlights and suggestions as lighter ones.

    A run's ``status`` is the status of the claim begun last among those
    covering it (the one on top); ``gap`` says that claims end right where
    others begin, so that two adjacent claims do not read as one. With
    ``paragraphs``, each line break is a run of its own (``newline``), which
    the page spaces as a paragraph break."""
    bounds = [(c.start, c.end) for c in claims] + [(s.start, s.end) for s in sentences]
    breaks = [m.start() for m in re.finditer("\n", text)] if paragraphs else []
    cuts = sorted({0, len(text), *(b for pair in bounds for b in pair), *breaks, *(b + 1 for b in breaks)})
    by_start = {s.start: s for s in sentences}
    status = {c.pk: c.status for c in claims}
    sentence = None
    starting, ending = defaultdict(list), defaultdict(list)
    for claim in claims:
        starting[claim.start].append(claim.pk)
        ending[claim.end].append(claim.pk)
    runs, active = [], []
    for start, end in zip(cuts, cuts[1:], strict=False):
        before = active
        active = [pk for pk in active if pk not in ending[start]] + starting[start]
        sentence = by_start.get(start) or (sentence if sentence and start < sentence.end else None)
        runs.append({"start": start, "end": end, "text": text[start:end], "claims": active,
                     "depth": min(len(active), 3), "sentence": sentence,
                     "status": status[active[-1]] if active else "",
                     "gap": bool(starting[start] and before and not set(before) & set(active)),
                     "newline": paragraphs and text[start:end] == "\n"})  # fmt: skip
    return runs


def claim_form(project, data=None):
    """The workspace's claim form, which asks for matches while its statement is typed."""
    return ClaimForm(data, matches_url=reverse("annotations:text_matches", args=[project.slug]))


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
    return render_workspace(request, project, article, claim_form(project))


def render_workspace(request, project, article, form, status=200, editing=None, editing_pk=None):
    """The workspace page; ``form`` is the claim form, bound (and shown
    open, with its errors) when a claim just marked was refused; ``editing``
    the edit form of the claim ``editing_pk`` whose save was refused, bound
    and shown open."""
    claims = list(
        article.claims.visible_to(request.user)
        .with_current_verdict()
        .select_related("created_by", "project")
        .annotate(comment_count=Count("comments"), verdict_id=F("current__id"))
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
    assignments = list(article.assignments.select_related("annotator"))
    runs = segments(article.text, claims, sorted(suggested, key=lambda s: s.start), paragraphs=True)
    shown = {claim.status for claim in claims}
    context = {
        "assignments": assignments,
        "my_assignment": next((a for a in assignments if a.annotator_id == request.user.pk), None),
        "assign_form": AssignForm(project=project) if request.can["article_assign"] else None,
        "project": project, "article": article, "claims": claims, "suggestions": suggested,
        "segments": runs, "overlapping": any(run["depth"] > 1 for run in runs),
        "legend": [(value, label) for value, label in ClaimStatus.choices if value in shown],
        "dismiss_reasons": DismissReason.choices, "form": form, "editing": editing, "editing_pk": editing_pk,
        "next_article": neighbours.filter(created_at__lt=article.created_at).first(),
    }  # fmt: skip
    return render(request, "annotations/workspace.html", context, status=status)


@login_required
@require_POST
def claim_create(request, slug, pk):
    project = project_for(request, slug, "claim.mark")
    article = get_object_or_404(Article, project=project, pk=pk)
    form = claim_form(project, request.POST)
    if form.is_valid():
        try:
            claim = workflow.claim_mark(article=article, user=request.user, **form.workflow_fields())
        except workflow.REFUSALS as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Claim marked."))
            return redirect(reverse("annotations:workspace", args=[slug, pk]) + f"#claim-{claim.pk}")
    # Refused: the page again, with the form open and all that was typed in it.
    return render_workspace(request, project, article, form, status=400)


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
        if page := confirmation(request, "claim_delete", back):
            return page
        workflow.claim_delete(claim=claim, user=request.user)
        messages.success(request, _("Claim deleted."))
        return redirect(back.split("#")[0])
    form = ClaimForm(request.POST, prefix=f"claim-{claim.pk}")
    if form.is_valid():
        try:
            workflow.claim_update(claim=claim, user=request.user, revision=request.POST.get("revision"),
                                  **form.workflow_fields())  # fmt: skip
        except workflow.Conflict as exc:
            # Changed meanwhile: the card shows what is stored now, the form keeps what was typed.
            kept = _("What you typed is kept below: save again to replace it.")
            form.add_error(None, f"{error_text(exc)} {kept}")
        except workflow.REFUSALS as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Claim saved."))
            return redirect(back)
    # Refused: the page again, with this claim's edit form open and all that was typed in it.
    messages.error(request, _("The claim was not saved: see its form below."))
    return render_workspace(
        request, project, claim.article, claim_form(project), status=400, editing=form, editing_pk=claim.pk
    )


@login_required
@refusals_to_messages
def comment_add(request, slug, pk):
    """GET: the claim's comments and a form (fetched when opened); POST: add one."""
    project = project_for(request, slug, "comment")
    claim = get_object_or_404(Claim.objects.visible_to(request.user), project=project, pk=pk)
    context = {"project": project, "claim": claim}
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            workflow.comment_add(user=request.user, claim=claim, body=form.cleaned_data["body"])
        else:
            context.update(error=form_errors(form), body=request.POST.get("body", ""))
        if not request.htmx:
            if "error" in context:
                messages.error(request, context["error"])
            return redirect(safe_next(request, "annotations:workspace", slug, claim.article_id))
        # Posted from the open thread: the thread again, with the new comment, and still open.
    context["comments"] = list(claim.comments.select_related("author"))
    return render(request, "annotations/_comments.html", context)


@login_required
@require_POST
@refusals_to_messages
def comment_resolve(request, slug, pk):
    project = project_for(request, slug)
    comment = get_object_or_404(project.comments, pk=pk)
    workflow.comment_resolve(comment=comment, user=request.user)
    return redirect(safe_next(request, "annotations:dashboard", slug=slug))
