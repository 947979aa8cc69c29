from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, workflow
from ..forms import CorrectionForm, EvidenceForm, VerdictForm
from ..models import Claim, Evidence, Verdict
from .common import error_text, form_errors, project_for, refusals_to_messages, safe_next
from .ratings import to_adjudicate, to_rate


def context_of(claim, width=300):
    """The claim's quote with some article text around it."""
    text = claim.article.text
    return {
        "before": ("…" if claim.start > width else "") + text[max(0, claim.start - width) : claim.start],
        "quote": claim.quote,
        "after": text[claim.end : claim.end + width] + ("…" if claim.end + width < len(text) else ""),
    }


@login_required
def review_queue(request, slug):
    project = project_for(request, slug, "claim.take")
    claims = project.claims.select_related("article")
    context = {
        "project": project,
        "open_claims": claims.open().order_by("-check_worthiness", "created_at")[:100],
        "my_claims": claims.assigned_to(request.user).being_checked().order_by("-updated_at"),
    }
    context["to_rate"] = to_rate(project, request.user)  # its own block: "To rate independently"
    return render(request, "annotations/review_queue.html", context)


@login_required
@require_POST
@refusals_to_messages
def claim_action(request, slug, pk):
    project = project_for(request, slug)
    claim = get_object_or_404(Claim, project=project, pk=pk)
    action = request.POST.get("action")
    if action == "take":
        workflow.claim_take(claim=claim, user=request.user)
        return redirect("annotations:verdict_editor", slug=slug, pk=claim.pk)
    if action == "release":
        workflow.claim_release(claim=claim, user=request.user)
    elif action == "not_checkable":
        workflow.claim_mark_not_checkable(claim=claim, user=request.user, comment=request.POST.get("comment", ""))
    elif action == "duplicate":
        original = get_object_or_404(Claim, project=project, pk=request.POST.get("original") or 0)
        workflow.claim_mark_duplicate(claim=claim, user=request.user, original=original)
    return redirect(safe_next(request, "annotations:review_queue", slug))


@login_required
def verdict_editor(request, slug, pk):
    """The reviewer's page for one claim: its verdict (created on first save),
    evidence and comments. A save on a stale copy keeps what was typed."""
    project = project_for(request, slug, "verdict.write")
    claim = get_object_or_404(Claim.objects.select_related("article"), project=project, pk=pk)
    verdict = claim.verdicts.current().select_related("rating").first()
    form = VerdictForm(
        project=project, current_rating=verdict.rating if verdict else None,
        initial={"rating": verdict.rating_id, "summary": verdict.summary, "analysis": verdict.analysis,
                 "revision": verdict.revision} if verdict else None,
    )  # fmt: skip
    conflict = None
    if request.method == "POST":
        form = VerdictForm(request.POST, project=project, current_rating=verdict.rating if verdict else None)
        if form.is_valid():
            data = dict(form.cleaned_data)
            revision = data.pop("revision")
            try:
                if verdict is None:
                    verdict = workflow.verdict_create(claim=claim, user=request.user, **data)
                    revision = verdict.revision
                    data = {}
                if request.POST.get("submit"):
                    workflow.verdict_submit(verdict=verdict, user=request.user, revision=revision, **data)
                    messages.success(request, _("Verdict submitted to the editors."))
                    return redirect("annotations:review_queue", slug=slug)
                if data:
                    workflow.verdict_update(verdict=verdict, user=request.user, revision=revision, **data)
                messages.success(request, _("Draft saved."))
                return redirect("annotations:verdict_editor", slug=slug, pk=claim.pk)
            except workflow.Conflict as exc:
                # Keep the typed text in the form; show what is stored now.
                conflict = error_text(exc)
                verdict = claim.verdicts.current().select_related("rating").first()
            except workflow.REFUSALS as exc:
                messages.error(request, error_text(exc))
    context = {
        "project": project, "claim": claim, "verdict": verdict, "form": form, "conflict": conflict,
        "context": context_of(claim), "evidence_form": EvidenceForm(),
        "editable": verdict is None or verdict.is_editable,
        "evidence": [(item, EvidenceForm(instance=item, prefix=f"evidence-{item.pk}"))
                     for item in (verdict.evidence.all() if verdict else [])],
        "comments": claim.comments.select_related("author"),
        "verdict_comments": verdict.comments.select_related("author") if verdict else [],
    }  # fmt: skip
    return render(request, "annotations/verdict_editor.html", context)


@login_required
@require_POST
@refusals_to_messages
def evidence_save(request, slug, pk):
    project = project_for(request, slug, "verdict.write")
    verdict = get_object_or_404(Verdict, claim__project=project, pk=pk)
    item_id = request.POST.get("evidence")
    item = get_object_or_404(Evidence, verdict=verdict, pk=item_id) if item_id else None
    if request.POST.get("remove") and item:
        workflow.evidence_remove(evidence=item, user=request.user)
    else:
        form = EvidenceForm(request.POST, instance=item, prefix=f"evidence-{item.pk}" if item else None)
        if not form.is_valid():
            messages.error(request, form_errors(form))
        elif item:
            workflow.evidence_update(evidence=item, user=request.user, **form.cleaned_data)
        else:
            workflow.evidence_add(verdict=verdict, user=request.user, **form.cleaned_data)
    return redirect(reverse("annotations:verdict_editor", args=[slug, verdict.claim_id]) + "#evidence")


@login_required
def editor_queue(request, slug):
    project = project_for(request, slug, "verdict.review")
    verdicts = (
        Verdict.objects.filter(claim__project=project).current().select_related("claim__article", "rating", "author")
    )
    context = {
        "project": project,
        "submitted": verdicts.awaiting_decision().order_by("updated_at"),
        "published": verdicts.published().order_by("-published_at")[:50],
        "to_adjudicate": to_adjudicate(project),
    }
    return render(request, "annotations/editor_queue.html", context)


@login_required
def verdict_review(request, slug, pk):
    project = project_for(request, slug, "verdict.review")
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim__article", "rating", "author", "corrects__rating"),
        claim__project=project, pk=pk,
    )  # fmt: skip
    context = {
        "project": project, "verdict": verdict, "claim": verdict.claim, "context": context_of(verdict.claim),
        "correction_form": CorrectionForm(project=project, initial={
            "rating": verdict.rating_id, "summary": verdict.summary, "analysis": verdict.analysis}),
        "can_decide": permissions.can_decide(request.user, verdict),
        "history": verdict.claim.verdicts.select_related("rating").order_by("version"),
        "comments": verdict.comments.select_related("author"),
    }  # fmt: skip
    if verdict.corrects:
        context["changes"] = [
            (label, getattr(verdict.corrects, field), getattr(verdict, field))
            for label, field in (("Rating", "rating"), ("Summary", "summary"), ("Analysis", "analysis"))
            if getattr(verdict.corrects, field) != getattr(verdict, field)
        ]
    return render(request, "annotations/verdict_review.html", context)


@login_required
@require_POST
@refusals_to_messages
def verdict_decide(request, slug, pk):
    project = project_for(request, slug, "verdict.review")
    verdict = get_object_or_404(Verdict, claim__project=project, pk=pk)
    action = request.POST.get("action")
    comment = request.POST.get("comment", "")
    if action == "publish":  # approve and publish in one go
        verdict = workflow.verdict_publish(verdict=verdict, user=request.user, approve=True)
        messages.success(request, _("Published."))
    elif action == "approve":
        workflow.verdict_approve(verdict=verdict, user=request.user)
    elif action == "request_changes":
        workflow.verdict_request_changes(verdict=verdict, user=request.user, comment=comment)
        messages.success(request, _("Sent back to the reviewer."))
        return redirect("annotations:editor_queue", slug=slug)
    elif action == "retract":
        workflow.verdict_retract(verdict=verdict, user=request.user, comment=comment)
    elif action == "correct":
        form = CorrectionForm(request.POST, project=project)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("annotations:verdict_review", slug=slug, pk=pk)
        verdict = workflow.verdict_correct(verdict=verdict, user=request.user, **form.cleaned_data)
        messages.success(request, _("Correction published."))
    return redirect("annotations:verdict_review", slug=slug, pk=verdict.pk)
