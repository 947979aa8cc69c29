"""The claims list: every claim of the project the user may see, filtered
with the API's filter set, sorted, paged with a cursor (no COUNT of the
whole project), with the counts per status; and assigning the ticked
claims to a reviewer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.db.models.functions import Left
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import permissions, workflow
from ..api.filters import ClaimFilter
from ..forms import AssigneeField, ClaimAssignForm
from ..models import WORTHINESS_KEY, Claim, ClaimStatus
from .common import form_errors, project_for, refusals_to_messages, safe_next

PAGE_SIZE = 50
# The counts per status stop there ("1000+"): counting further would read the whole project.
COUNT_CAP = 1000

# Each sort: the column it orders by (with the id after it), whether highest
# first, and how a cursor's position is read back. Each has its index
# (Claim.Meta.indexes), so that a page walks it from the cursor on.
SORTS = {
    "new": ("created_at", True, parse_datetime),
    "old": ("created_at", False, parse_datetime),
    "worthiness": ("worthiness", True, int),
    "updated": ("updated_at", True, parse_datetime),
}

# The page's filters that are not the API's: what the form sends for "me" and "nobody".
ME, NOBODY = "me", AssigneeField.NOBODY


def filter_data(request):
    """The query of the page as the API's ClaimFilter reads it."""
    data = request.GET.copy()
    for name in ("sort", "cursor", "project"):
        data.pop(name, None)
    assignee = data.get("assignee")
    if assignee == ME:
        data["assignee"] = str(request.user.pk)
    elif assignee == NOBODY:
        del data["assignee"]
        data["unassigned"] = "true"
    return data


def read_cursor(value, parse):
    """(position, id) from a cursor the page gave out, or None."""
    position, _sep, pk = (value or "").rpartition("~")
    try:
        position, pk = parse(position), int(pk)
    except (TypeError, ValueError):
        return None
    return None if position is None or not 0 < pk < 2**63 else (position, pk)


def after(key, descending, position, pk):
    """The rows after (position, pk) in the order of the sort. The first
    bound repeats what the second says, so that an index range starts at
    the cursor instead of filtering every row before it."""
    if descending:
        return Q(**{f"{key}__lte": position}) & (Q(**{f"{key}__lt": position}) | Q(pk__lt=pk))
    return Q(**{f"{key}__gte": position}) & (Q(**{f"{key}__gt": position}) | Q(pk__gt=pk))


def status_counts(project, request):
    """Claims per status, up to COUNT_CAP each. The claims others marked
    independently count only for those who may see them."""
    counts = Claim.objects.filter(project=project).count_by_status(COUNT_CAP)
    if not request.can["article_adjudicate"] and counts[ClaimStatus.INDEPENDENT]:
        counts[ClaimStatus.INDEPENDENT] = Claim.objects.filter(
            project=project, status=ClaimStatus.INDEPENDENT, created_by=request.user
        ).count()
    return counts


def capped(n):
    return f"{COUNT_CAP}+" if n > COUNT_CAP else n


@login_required
def claim_list(request, slug):
    project = project_for(request, slug)
    claims = (
        Claim.objects.filter(project=project)
        .visible_to(request.user)
        .with_current_verdict()
        .only("id", "project_id", "article_id", "status", "claimant", "check_worthiness", "tags", "assignee_id",
              "created_at", "updated_at")
        .annotate(
            statement_cut=Left("statement", 300), quote_cut=Left("quote", 300), article_title=F("article__title"),
            assignee_name=F("assignee__username"), verdict_pk=F("current__id"), verdict_status=F("current__status"),
            rating_label=F("current__rating__label"),
        )
    )  # fmt: skip
    filterset = ClaimFilter(filter_data(request), queryset=claims, request=request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, form_errors(filterset.form))
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "new"
    key, descending, parse = SORTS[sort]
    claims = filterset.qs
    if key == "worthiness":
        claims = claims.annotate(worthiness=WORTHINESS_KEY)
    cursor = request.GET.get("cursor")
    if cursor:
        position = read_cursor(cursor, parse)
        if position is None:
            messages.error(request, _("That page link is broken: here is the first page."))
        else:
            claims = claims.filter(after(key, descending, *position))
    order = [f"-{key}", "-id"] if descending else [key, "id"]
    rows = list(claims.order_by(*order)[: PAGE_SIZE + 1])
    next_query = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        query = request.GET.copy()
        position = last.worthiness if key == "worthiness" else getattr(last, key).isoformat()
        query["cursor"] = f"{position}~{last.pk}"
        next_query = query.urlencode()
    first_query = request.GET.copy()
    first_query.pop("cursor", None)
    status_query = first_query.copy()
    status_query.pop("status", None)
    memberships = list(project.memberships.select_related("user").order_by("user__username"))
    reviewers = [m.user for m in memberships if permissions.role_allows(m.role, "claim.take")]
    counts = status_counts(project, request)
    context = {
        "project": project, "claims": rows, "sort": sort, "next_query": next_query,
        "first_query": first_query.urlencode() if cursor else None, "status_query": status_query.urlencode(),
        "statuses": [(value, label, capped(counts[value])) for value, label in ClaimStatus.choices],
        "total": capped(sum(counts.values())), "chosen_statuses": request.GET.getlist("status"),
        "members": [m.user for m in memberships], "ratings": project.ratings.order_by("order", "value"),
        "worthiness_levels": range(1, 6),
        "assign_form": ClaimAssignForm(project=project, user=request.user, reviewers=reviewers)
        if request.can["claim_assign"] else None,
    }  # fmt: skip
    return render(request, "annotations/claim_list.html", context)


@login_required
@require_POST
@refusals_to_messages
def claims_assign(request, slug):
    """Assign the claims ticked in the list to a reviewer, or unassign them."""
    project = project_for(request, slug, "claim.assign")
    reviewers = permissions.members_who_may(project, "claim.take")
    form = ClaimAssignForm(request.POST, project=project, user=request.user, reviewers=reviewers)
    back = safe_next(request, "annotations:claim_list", slug)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    assignee = form.cleaned_data["assignee"]
    changed = workflow.claim_assign(claims=form.cleaned_data["claims"], user=request.user, assignee=assignee)
    n = len(changed)
    if assignee is None:
        message = ngettext("%(n)d claim unassigned.", "%(n)d claims unassigned.", n) % {"n": n}
    else:
        message = ngettext("%(n)d claim assigned to %(who)s.", "%(n)d claims assigned to %(who)s.", n) % {
            "n": n, "who": assignee.username,
        }  # fmt: skip
    messages.success(request, message)
    return redirect(back)
