import json
import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from factcheck.celery import app as celery_app

from .. import permissions
from ..exporters.base import CLAIM_COLUMNS
from ..exporters.claimreview import ClaimReviewExporter, claim_review, rating_scale
from ..exporters.report import claims_with_reports, report_context
from ..models import Activity, Article, Claim, ClaimStatus, Verb, VerdictStatus

logger = logging.getLogger(__name__)

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def claim_report(request, pk):
    """The public fact-check report of a claim whose verdict is published
    (or retracted, which the page then says). No login needed."""
    shown = Claim.objects.filter(verdicts__is_current=True, verdicts__status__in=VerdictStatus.PUBLIC)
    claim = get_object_or_404(claims_with_reports(shown), pk=pk)
    # Readers see when the fact-check was published; how the desk got there
    # (who took it, what was sent back, when) stays internal.
    history = Activity.objects.filter(object_type="claim", object_id=claim.pk, verb__in=Verb.PUBLIC).order_by("id")
    context = report_context(claim, list(history))
    if context["verdict"].status == VerdictStatus.PUBLISHED:
        row = ClaimReviewExporter(claim.project).claims().filter(pk=claim.pk).values(*CLAIM_COLUMNS).first()
        row["evidence"] = []
        review = claim_review(row, claim.project, rating_scale(claim.project))
        # As json_script does: no "</script>" can end the block early.
        context["claim_review"] = mark_safe(json.dumps(review, ensure_ascii=False).translate(JSON_ESCAPES))  # noqa: S308
    return render(request, "annotations/claim_report.html", context)


@login_required
def home(request):
    memberships = request.user.memberships.select_related("project").order_by("project__name")
    ids = [m.project_id for m in memberships]
    # Counted per table rather than in one annotated query: joining
    # articles and claims at once would multiply their rows.
    articles = dict(
        Article.objects.filter(project__in=ids).values("project").annotate(n=Count("id")).values_list("project", "n")
    )
    claims = {}
    for project_id, status, n in (
        Claim.objects.filter(project__in=ids).values_list("project", "status").annotate(n=Count("id"))
    ):
        claims.setdefault(project_id, {})[status] = n
    rows = [
        {
            "project": m.project,
            "role": m.get_role_display(),
            "articles": articles.get(m.project_id, 0),
            "claims": sum(claims.get(m.project_id, {}).values()),
            "open_claims": claims.get(m.project_id, {}).get(ClaimStatus.OPEN, 0),
        }
        for m in memberships
    ]
    context = {"rows": rows, "can_create_project": permissions.can_create_project(request.user)}
    return render(request, "annotations/home.html", context)


def _database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:
        logger.warning("Health check: database down: %s", exc)
        return "down"


def _broker_state():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
        return "ok"
    except Exception as exc:
        logger.warning("Health check: broker down: %s", exc)
        return "down"


@never_cache
def healthz(request):
    """The state of the database and of the message broker, for load balancers and people."""
    state = {"database": _database_state(), "broker": _broker_state()}
    healthy = all(value == "ok" for value in state.values())
    return JsonResponse({"status": "ok" if healthy else "degraded", **state}, status=200 if healthy else 503)
