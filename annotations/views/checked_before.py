"""The "Checked before?" panel of a claim (fetched by the workspace and the
review pages when they show it) and the claim clusters page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import checked_before, permissions
from ..models import Claim, ClaimStatus
from .common import project_for


@login_required
def claim_matches(request, slug, pk):
    """The earlier work a claim repeats, with one-click links: as a duplicate
    of a desk claim (``workflow.claim_mark_duplicate``, through the claim
    action), or an external fact-check cited as evidence of the claim's
    verdict while it may change (``workflow.evidence_add``)."""
    project = project_for(request, slug)
    claim = get_object_or_404(Claim.objects.select_related("project", "article"), project=project, pk=pk)
    verdict = claim.verdicts.current().first()
    matches = checked_before.matches_for_claim(claim)
    context = {
        "project": project, "claim": claim, "verdict": verdict, "matches": matches,
        "has_fact_checks": any(match.fact_check for match in matches),
        "can_link": permissions.can(request.user, "claim.triage", project) and claim.status in ClaimStatus.TRIAGEABLE,
        # On the verdict editor a citation is a button of its form (saved with the typed text).
        "in_form": request.GET.get("form") == "verdict-form",
        "can_cite": permissions.can_cite_match(
            request.user, claim, verdict, creates_draft=request.GET.get("form") == "verdict-form"
        ),
        "next": request.GET.get("next", ""),
    }  # fmt: skip
    return render(request, "annotations/_checked_before.html", context)


# A statement longer than this is refused, not cut (the API's free-text match takes the same).
TEXT_MAX_CHARS = 5000


@login_required
@require_GET
def text_matches(request, slug):
    """The earlier work a statement being typed repeats (``checked_before.js`` in the claim form): the panel's
    list, without links (there is no claim to link yet)."""
    project = project_for(request, slug, "claim.mark")
    text = request.GET.get("text", "")
    if len(text) > TEXT_MAX_CHARS:
        return HttpResponseBadRequest(
            _("The text is too long to match (at most %(n)d characters).") % {"n": TEXT_MAX_CHARS}
        )
    context = {"project": project, "matches": checked_before.matches_for_text(project, text), "typing": True}
    return render(request, "annotations/_checked_before.html", context)


@login_required
def claim_clusters(request, slug):
    """The project's claims grouped by meaning, with how many came each week:
    which claim keeps coming back."""
    project = project_for(request, slug, "claim.clusters")
    context = {
        "project": project, "clusters": checked_before.claim_clusters(project),
        "embedded": checked_before.stored_vectors(project).filter(claim__isnull=False).count(),
        "claims": project.claims.count(),
    }  # fmt: skip
    return render(request, "annotations/claim_clusters.html", context)
