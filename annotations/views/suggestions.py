"""Check-worthy sentences: the project's queue of the best unmarked ones,
and dismissing a suggestion (marking one is the workspace's claim form)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import suggestions, workflow
from ..api.filters import SentenceFilter
from ..models import DismissReason, Sentence
from .common import form_errors, project_for, refusals_to_messages, safe_next

PAGE = 25


def explained(sentences):
    """The sentences, each with ``why`` in the reader's language."""
    language = "id" if (get_language() or "").startswith("id") else "en"
    for sentence in sentences:
        sentence.why = sentence.explanation(language)
    return sentences


@login_required
def checkworthy(request, slug):
    project = project_for(request, slug)
    sentences = (
        Sentence.objects.filter(project=project).suggestions().with_text()
        .select_related("article").defer("article__text", "article__search_vector")
    )  # fmt: skip
    filterset = SentenceFilter(request.GET or None, queryset=sentences, request=request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, form_errors(filterset.form))
    # No count: a large project has millions of sentences, and the queue is read from the top.
    number = int(request.GET["page"]) if request.GET.get("page", "").isdigit() and int(request.GET["page"]) else 1
    rows = explained(list(filterset.qs[(number - 1) * PAGE : number * PAGE + 1]))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project, "sentences": rows[:PAGE], "number": number, "has_next": len(rows) > PAGE,
        "first": (number - 1) * PAGE + 1,
        "query": query.urlencode(),
        "languages": Sentence.objects.filter(project=project).order_by("language").values_list("language", flat=True)
        .distinct(),
        "dismiss_reasons": DismissReason.choices,
        **suggestions.quality(project),
    }  # fmt: skip
    return render(request, "annotations/checkworthy.html", context)


@login_required
@require_POST
@refusals_to_messages
def sentence_dismiss(request, slug, pk):
    project = project_for(request, slug, "claim.mark")
    sentence = get_object_or_404(Sentence, project=project, pk=pk)
    workflow.sentence_dismiss(sentence=sentence, user=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Suggestion dismissed."))
    return redirect(safe_next(request, reverse("annotations:workspace", args=[slug, sentence.article_id])))
