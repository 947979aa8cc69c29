import copy
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import checked_before, permissions, workflow
from ..forms import CommentForm, CorrectionForm, EvidenceForm, VerdictForm
from ..models import Claim, ClaimStatus, Comment, Verdict, VerdictStatus, VerdictSubmission
from .common import confirmation, error_text, form_errors, project_for, refusals_to_messages, safe_next
from .ratings import to_adjudicate, to_rate


def context_of(claim, width=300):
    """The claim's quote with about ``width`` characters of article text on
    each side, cut between words."""
    text = claim.article.text
    start, end = max(0, claim.start - width), min(len(text), claim.end + width)
    before, after = text[start : claim.start], text[claim.end : end]
    if start > 0:  # drop the word cut in two, unless the cut fell between words
        before = "…" + (before if text[start - 1].isspace() else re.sub(r"^\S*\s+", "", before, count=1))
    if end < len(text):
        after = (after if text[end].isspace() else re.sub(r"\s+\S*$", "", after, count=1)) + "…"
    return {"before": before, "quote": claim.quote, "after": after}


# Each list of a queue shows at most this many rows (and says when there are more):
# a page of 25,000 rows helps nobody and takes seconds to build.
QUEUE_LENGTH = 50
# The most check-worthy first, unscored ones last (index claim_project_worthiness).
BY_WORTHINESS = (F("check_worthiness").desc(nulls_last=True), "created_at")
# What a queue shows of a claim: never its article's text or search vector.
QUEUE_CLAIM_FIELDS = (
    "project",
    "status",
    "statement",
    "quote",
    "claimant",
    "check_worthiness",
    "updated_at",
    "article__title",
)


def first(rows):
    """The first ``QUEUE_LENGTH`` rows and whether there are more."""
    rows = list(rows[: QUEUE_LENGTH + 1])
    return rows[:QUEUE_LENGTH], len(rows) > QUEUE_LENGTH


@login_required
def review_queue(request, slug):
    project = project_for(request, slug, "claim.take")
    claims = project.claims.select_related("article").only(*QUEUE_CLAIM_FIELDS)
    sent_back = _sent_back(project, request.user)
    open_claims, more_open = first(claims.open().order_by(*BY_WORTHINESS))
    my_claims, more_mine = first(
        claims.assigned_to(request.user)
        .being_checked()
        .exclude(pk__in=[c.pk for c in sent_back])
        .order_by("-updated_at")
    )
    context = {
        "project": project, "limit": QUEUE_LENGTH, "sent_back": sent_back,
        "open_claims": open_claims, "more_open": more_open, "my_claims": my_claims, "more_mine": more_mine,
    }  # fmt: skip
    context["to_rate"] = to_rate(project, request.user)  # its own block: "To rate independently"
    return render(request, "annotations/review_queue.html", context)


# How many verdicts a queue's "sent back" list shows.
SENT_BACK = 50


def _sent_back(project, user):
    """The user's claims whose verdict an editor sent back, oldest request
    first, each with the editor's note (``note``): two bounded queries."""
    claims = list(
        project.claims.assigned_to(user).filter(status=ClaimStatus.IN_PROGRESS).with_current_verdict()
        .filter(current__status=VerdictStatus.CHANGES_REQUESTED)
        .annotate(verdict_id=F("current__id")).select_related("article").order_by("current__updated_at")[:SENT_BACK]
    )  # fmt: skip
    notes = {}
    for note in Comment.objects.filter(verdict__in=[c.verdict_id for c in claims], resolved=False).order_by("id"):
        notes[note.verdict_id] = note
    for claim in claims:
        claim.note = notes.get(claim.verdict_id)
    return claims


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
        if page := confirmation(request, "claim_release", reverse("annotations:verdict_editor", args=[slug, claim.pk])):
            return page
        workflow.claim_release(claim=claim, user=request.user)
    elif action == "reopen":
        workflow.claim_reopen(claim=claim, user=request.user)
        messages.success(request, _("The claim is open again."))
    elif action == "duplicate":
        original = get_object_or_404(Claim, project=project, pk=request.POST.get("original") or 0)
        workflow.claim_mark_duplicate(claim=claim, user=request.user, original=original)
    return redirect(safe_next(request, "annotations:review_queue", slug))


NEW_SOURCE_TEXT = ("url", "title", "quote", "archived_url", "accessed_at")


class VerdictPage:
    """The verdict editor's one form: the verdict's fields, its sources (a
    new one, edits, a removal, a citation) and a comment on the claim. Every
    button saves all of it, so that no action loses what was typed
    elsewhere on the page; a refusal of any part saves nothing."""

    def __init__(self, request, claim, verdict):
        self.request, self.claim, self.verdict = request, claim, verdict
        data = request.POST if request.method == "POST" else None
        project, rating = claim.project, verdict.rating if verdict else None
        if data is None and verdict:
            initial = {"rating": verdict.rating_id, "summary": verdict.summary, "analysis": verdict.analysis,
                       "revision": verdict.revision}  # fmt: skip
            self.form = VerdictForm(project=project, current_rating=rating, initial=initial)
        else:
            self.form = VerdictForm(data, project=project, current_rating=rating)
        # Not "required" in the browser: an empty source or comment is simply not part of a submit.
        optional = {"data": data, "use_required_attribute": False}
        self.new_source = EvidenceForm(prefix="source", **optional)
        self.sources = [(item, EvidenceForm(instance=item, prefix=f"evidence-{item.pk}", **optional))
                        for item in (verdict.evidence.all() if verdict else [])]  # fmt: skip
        self.comment = CommentForm(prefix="comment", **optional)

    def parts(self):
        """The forms this submit writes: those the user filled in or changed."""
        post = self.request.POST
        remove = post.get("remove", "")
        return {
            # A new source is what its text fields hold (its kind alone is a default, not a source).
            "source": self.new_source
            if any(post.get(f"source-{name}", "").strip() for name in NEW_SOURCE_TEXT)
            else None,
            "edited": [
                (item, form)
                for item, form in self.sources
                if form.add_prefix("url") in post and form.has_changed() and str(item.pk) != remove
            ],
            "removed": [item for item, _form in self.sources if str(item.pk) == remove],
            "comment": self.comment if post.get("comment-body", "").strip() else None,
        }

    def is_valid(self):
        parts = self.parts()
        forms = [self.form, parts["source"], parts["comment"], *(form for _item, form in parts["edited"])]
        return all([form.is_valid() for form in forms if form is not None])

    @transaction.atomic
    def save(self):
        """Write everything; return what was done, for the messages."""
        user, post, parts, done = self.request.user, self.request.POST, self.parts(), []
        data = dict(self.form.cleaned_data)
        revision = data.pop("revision")
        if self.verdict is None:
            self.verdict = workflow.verdict_create(claim=self.claim, user=user, **data)
            done.append(_("Draft saved."))
            revision = None
        elif any(getattr(self.verdict, name) != value for name, value in data.items()):
            self.verdict = workflow.verdict_update(verdict=self.verdict, user=user, revision=revision, **data)
            done.append(_("Draft saved."))
            revision = None  # checked
        if parts["source"]:
            workflow.evidence_add(verdict=self.verdict, user=user, **parts["source"].cleaned_data)
            done.append(_("Source added."))
        if post.get("cite"):
            fact_check = get_object_or_404(self.claim.project.external_fact_checks, pk=post["cite"])
            workflow.evidence_add(verdict=self.verdict, user=user, **checked_before.citation(fact_check))
            done.append(_("Fact-check cited as evidence."))
        for item, form in parts["edited"]:
            workflow.evidence_update(evidence=item, user=user, **form.cleaned_data)
            done.append(_("Source saved."))
        for item in parts["removed"]:
            workflow.evidence_remove(evidence=item, user=user)
            done.append(_("Source removed."))
        if parts["comment"]:
            workflow.comment_add(user=user, claim=self.claim, body=parts["comment"].cleaned_data["body"])
            done.append(_("Comment posted."))
        if post.get("submit"):
            # Unchanged here, it is submitted only as the user saw it (the revision they loaded).
            workflow.verdict_submit(verdict=self.verdict, user=user, revision=revision)
            done = [_("Verdict submitted to the editors.")]
        return done or [_("Nothing changed.")]


def _anchor(post):
    if post.get("comment-body", "").strip():
        return "#comments"
    if any(post.get(name) for name in ("add_source", "save_source", "remove", "cite")):
        return "#evidence"
    return ""


@login_required
def verdict_editor(request, slug, pk):
    """The reviewer's page for one claim: its verdict (created on the first
    save, whichever button), evidence and comments, in one form. A save on a
    stale copy keeps what was typed and shows the stored version beside it."""
    project = project_for(request, slug, "verdict.write")
    claim = get_object_or_404(Claim.objects.select_related("article", "project"), project=project, pk=pk)
    verdict = claim.verdicts.current().select_related("rating").first()
    editable = (
        (verdict is None or verdict.is_editable)
        and claim.status == ClaimStatus.IN_PROGRESS
        and permissions.can_write_verdict(request.user, claim)
    )
    page = VerdictPage(request, claim, verdict)
    conflict = preview = None
    if request.method == "POST" and not editable:
        # Submitted or taken back meanwhile: say so, and give the typed text back to copy.
        messages.error(request, _("This verdict can no longer be edited here, so nothing was saved."))
        preview = {"summary": request.POST.get("summary", ""), "analysis": request.POST.get("analysis", "")}
    elif (
        request.method == "POST"
        and request.POST.get("remove")
        and (asked := confirmation(request, "source_remove", request.path))
    ):
        return asked
    elif request.method == "POST":
        if not page.is_valid():
            messages.error(request, _("Nothing was saved yet: correct the fields marked below."))
        elif request.POST.get("preview"):
            preview = page.form.cleaned_data
        else:
            try:
                done = page.save()
            except workflow.Conflict as exc:
                # Keep the typed text in the form; show what is stored now.
                conflict = exc
                verdict = claim.verdicts.current().select_related("rating").first()
            except workflow.REFUSALS as exc:
                messages.error(request, error_text(exc))
            else:
                for text in done:
                    messages.success(request, text)
                if request.POST.get("submit"):
                    return redirect("annotations:review_queue", slug=slug)
                if request.POST.get("not_checkable"):
                    return redirect("annotations:claim_not_checkable", slug=slug, pk=claim.pk)
                url = reverse("annotations:verdict_editor", args=[slug, claim.pk])
                return redirect(url + _anchor(request.POST))
    notes = list(verdict.comments.select_related("author").order_by("created_at")) if verdict else []
    context = {
        "project": project, "claim": claim, "verdict": verdict, "page": page, "form": page.form,
        "conflict": conflict, "preview": preview, "context": context_of(claim), "editable": editable,
        "comments": claim.comments.select_related("author"),
        "open_notes": [note for note in notes if not note.resolved], "past_notes": [n for n in notes if n.resolved],
        "can_reopen": permissions.can_reopen_claim(request.user, claim),
        "round": verdict.submissions.count() if verdict else 0,
    }  # fmt: skip
    return render(request, "annotations/verdict_editor.html", context)


@login_required
@require_POST
@refusals_to_messages
def evidence_save(request, slug, pk):
    """A source saved on its own (the "Checked before?" panel of the
    workspace cites a fact-check here); the verdict editor saves its
    sources with the rest of its form."""
    project = project_for(request, slug, "verdict.write")
    verdict = get_object_or_404(Verdict, claim__project=project, pk=pk)
    if request.POST.get("cite"):
        fact_check = get_object_or_404(project.external_fact_checks, pk=request.POST["cite"])
        workflow.evidence_add(verdict=verdict, user=request.user, **checked_before.citation(fact_check))
        messages.success(request, _("Fact-check cited as evidence."))
    else:
        form = EvidenceForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            workflow.evidence_add(verdict=verdict, user=request.user, **form.cleaned_data)
    return redirect(safe_next(request, "annotations:verdict_editor", slug, verdict.claim_id))


@login_required
def claim_not_checkable(request, slug, pk):
    """The confirmation of "Not checkable": the reason is asked for here,
    and the claim leaves the queue only once it is given."""
    project = project_for(request, slug, "claim.triage")
    claim = get_object_or_404(Claim.objects.select_related("article"), project=project, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            workflow.claim_mark_not_checkable(claim=claim, user=request.user, comment=request.POST.get("comment", ""))
        except workflow.REFUSALS as exc:
            error = error_text(exc)
        else:
            messages.success(request, _("The claim is marked as not checkable. An editor can reopen it."))
            return redirect("annotations:review_queue", slug=slug)
    context = {"project": project, "claim": claim, "context": context_of(claim), "error": error,
               "reason": request.POST.get("comment", "")}  # fmt: skip
    return render(request, "annotations/claim_not_checkable.html", context)


# What the editor queue shows of a verdict.
EDITOR_QUEUE_FIELDS = ("status", "version", "updated_at", "published_at", "claim__statement", "claim__quote",
                       "rating__label", "author__username")  # fmt: skip


@login_required
def editor_queue(request, slug):
    project = project_for(request, slug, "verdict.review")
    verdicts = (
        Verdict.objects.filter(claim__project=project)
        .current()
        .select_related("claim", "rating", "author")
        .only(*EDITOR_QUEUE_FIELDS)
    )
    # Oldest first (index verdict_current_awaiting); newest published (verdict_current_published).
    submitted, more_submitted = first(verdicts.awaiting_decision().order_by("updated_at", "pk"))
    context = {
        "project": project, "limit": QUEUE_LENGTH, "submitted": submitted, "more_submitted": more_submitted,
        # Sent back: with the reviewer until they submit again.
        "with_reviewer": verdicts.filter(status=VerdictStatus.CHANGES_REQUESTED)
        .select_related("claim__assignee")
        .only(*EDITOR_QUEUE_FIELDS, "claim__assignee__username")
        .order_by("updated_at")[:SENT_BACK],
        "published": verdicts.published().order_by("-published_at")[:50],
        "to_adjudicate": to_adjudicate(project),
    }  # fmt: skip
    return render(request, "annotations/editor_queue.html", context)


def _sources(lines):
    return "\n".join(f"{title} <{url}>" if title else url for title, url in lines)


def _version_of(item):
    """What the diff compares of a verdict or of a round of review."""
    if isinstance(item, VerdictSubmission):
        lines = [(source.get("title", ""), source.get("url", "")) for source in item.evidence]
    else:
        lines = [(source.title, source.url) for source in item.evidence.all()]
    rating = item.rating.label if item.rating else ""
    return {"rating": rating, "summary": item.summary, "analysis": item.analysis, "evidence": _sources(lines)}


def changes_between(before, after):
    """(label, before, after) for each of rating, summary, analysis and
    evidence that differs between two versions: a correction and what it
    corrected, or two rounds of review."""
    old, new = _version_of(before), _version_of(after)
    labels = {"rating": _("Rating"), "summary": _("Summary"), "analysis": _("Analysis"), "evidence": _("Evidence")}
    return [(label, old[name], new[name]) for name, label in labels.items() if old[name] != new[name]]


def _rounds_with_notes(verdict):
    """The verdict's rounds of review, each with the editors' notes written
    after it (asking for the next round)."""
    rounds = list(verdict.submissions.select_related("rating", "submitted_by"))
    notes = list(verdict.comments.select_related("author", "resolved_by"))
    for number, item in enumerate(rounds):
        later = rounds[number + 1].submitted_at if number + 1 < len(rounds) else None
        item.notes = [n for n in notes if n.created_at >= item.submitted_at and (later is None or n.created_at < later)]
    earlier = [n for n in notes if not rounds or n.created_at < rounds[0].submitted_at]
    return rounds, earlier


@login_required
def verdict_review(request, slug, pk):
    project = project_for(request, slug, "verdict.review")
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim__article", "rating", "author", "corrects__rating"),
        claim__project=project, pk=pk,
    )  # fmt: skip
    rounds, earlier_notes = _rounds_with_notes(verdict)
    context = {
        "project": project, "verdict": verdict, "claim": verdict.claim, "context": context_of(verdict.claim),
        "correction_form": CorrectionForm(project=project, initial={
            "rating": verdict.rating_id, "summary": verdict.summary, "analysis": verdict.analysis}),
        "can_decide": permissions.can_decide(request.user, verdict),
        "history": verdict.claim.verdicts.select_related("rating").order_by("version"),
        "rounds": rounds, "earlier_notes": earlier_notes,
        "claim_comments": verdict.claim.comments.select_related("author"),
    }  # fmt: skip
    if verdict.corrects:
        context["changes"] = changes_between(verdict.corrects, verdict)
    if len(rounds) > 1 and verdict.is_awaiting_decision:
        context["round_changes"] = changes_between(rounds[-2], rounds[-1])
    return render(request, "annotations/verdict_review.html", context)


def _as_shown(verdict, **changes):
    """An unsaved copy of the verdict as a decision would leave it, for the
    preview (with a state of its own: setting its rating leaves the original's)."""
    shown = copy.copy(verdict)
    shown._state = copy.copy(verdict._state)
    shown._state.fields_cache = dict(verdict._state.fields_cache)
    for name, value in changes.items():
        setattr(shown, name, value)
    return shown


def _confirm(request, verdict, action, shown, **extra):
    """The step before a public or irreversible decision: what readers will
    see (``shown``, the verdict as it would be) and a button that confirms."""
    claim = verdict.claim
    context = {
        "project": claim.project, "verdict": verdict, "claim": claim, "action": action,
        "public": {"claim": claim, "verdict": shown, "corrections": [shown] if shown.corrects_id else [],
                   "withdrawn": shown.status == VerdictStatus.RETRACTED and not claim.project.retracted_verdict_public},
        **extra,
    }  # fmt: skip
    return render(request, "annotations/verdict_confirm.html", context)


@login_required
@require_POST
@refusals_to_messages
def verdict_decide(request, slug, pk):
    """An editor's decision. Publishing, a correction and a retraction are
    public: the first submit shows what readers will see, and only the
    confirming one (``confirmed``) acts."""
    project = project_for(request, slug, "verdict.review")
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim__article", "rating"), claim__project=project, pk=pk
    )
    action = request.POST.get("action")
    comment = request.POST.get("comment", "")
    confirmed = bool(request.POST.get("confirmed"))
    if action == "publish":  # approve and publish in one go
        if not confirmed:
            permissions.check_decide(request.user, verdict)
            shown = _as_shown(verdict, status=VerdictStatus.PUBLISHED, published_at=timezone.now())
            return _confirm(request, verdict, action, shown)
        verdict = workflow.verdict_publish(verdict=verdict, user=request.user, approve=True)
        messages.success(request, _("Published."))
    elif action == "approve":
        workflow.verdict_approve(verdict=verdict, user=request.user)
    elif action == "request_changes":
        workflow.verdict_request_changes(verdict=verdict, user=request.user, comment=comment)
        messages.success(request, _("Sent back to the reviewer."))
        return redirect("annotations:editor_queue", slug=slug)
    elif action == "retract":
        if not confirmed and comment.strip():
            shown = _as_shown(verdict, status=VerdictStatus.RETRACTED, correction_note=comment)
            return _confirm(request, verdict, action, shown, comment=comment)
        workflow.verdict_retract(verdict=verdict, user=request.user, comment=comment)
        messages.success(request, _("Retracted."))
    elif action == "correct":
        form = CorrectionForm(request.POST, project=project)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("annotations:verdict_review", slug=slug, pk=pk)
        if not confirmed:
            permissions.check_decide(request.user, verdict)
            # The correction as it would be published: the same sources (its
            # evidence is copied), a version more, the note under Corrections.
            shown = _as_shown(verdict, **form.cleaned_data, version=verdict.version + 1, corrects=verdict,
                              published_at=timezone.now())  # fmt: skip
            return _confirm(request, verdict, action, shown, correction_form=form)
        verdict = workflow.verdict_correct(verdict=verdict, user=request.user, **form.cleaned_data)
        messages.success(request, _("Correction published."))
    return redirect("annotations:verdict_review", slug=slug, pk=verdict.pk)
