"""What the HTML views share: finding the project, turning workflow
refusals into messages a person can act on, and redirects that stay on
this site."""

from functools import cached_property, wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from .. import permissions, workflow
from ..models import Project, Role

# What a button that cannot be undone asks first, by its name. The button says it (``{% confirm "…" %}``: a
# dialog, with JavaScript) and its view asks ``confirmation`` (a page, without), so both ask the same.
QUESTIONS = {
    "claim_delete": gettext_lazy("Delete this claim?"),
    "claim_release": gettext_lazy("Give the claim back? Its draft verdict is deleted."),
    "source_remove": gettext_lazy("Remove this source?"),
    "member_remove": gettext_lazy("Remove this member?"),
    "invitation_revoke": gettext_lazy("Revoke this invitation?"),
    "token_revoke": gettext_lazy("Revoke this token? Scripts using it stop working."),
}


def confirmation(request, question, back):
    """None once the POST says it was confirmed; until then the page that asks
    ``QUESTIONS[question]`` and sends the same fields again, confirmed (the
    button's dialog confirms instead where JavaScript runs). ``back``: where
    Cancel leads."""
    if request.POST.get("confirmed"):
        return None
    fields = [
        (name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values
    ]
    context = {"question": QUESTIONS[question], "fields": fields, "back": back}
    return render(request, "annotations/confirm.html", context)


def project_for(request, slug, action="view"):
    """The project, if the user may perform the action there: 404 for a
    non-member (nothing leaks), 403 for a member whose role is too small.
    Templates ask ``request.can`` (``request.can.claim_take``) what the user may do."""
    project = get_object_or_404(Project, slug=slug)
    permissions.check(request.user, action, project)
    request.role = permissions.role_in(request.user, project)
    request.role_label = Role(request.role).label
    request.can = permissions.allowed_actions(request.user, project)
    return project


class CappedPaginator(Paginator):
    """Pages of a list counted only up to ``CAP`` rows ("more than 1,000"): an
    exact count of a large project reads every row it counts, on every page
    view, and a search must check each match it counts (46 ms for 10,000 at
    200,000 articles). ``counted``: the rows to count, without what only the
    page shows."""

    CAP = 1_000

    def __init__(self, object_list, per_page, counted):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self):
        return self.counted.order_by().values("pk")[: self.CAP + 1].count()

    @property
    def capped(self):
        return self.count > self.CAP


def form_errors(form):
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())


def error_text(exc):
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, PermissionDenied):
        return str(exc) or "You may not do this."
    return getattr(exc, "message", None) or str(exc)


def safe_next(request, fallback, *args, **kwargs):
    """Where to go after a POST: the form's ``next`` or the Referer when it
    points at this site (as Django's LoginView checks it), else ``fallback``
    (a URL name or path, resolved with its arguments)."""
    for target in (request.POST.get("next"), request.GET.get("next"), request.META.get("HTTP_REFERER")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
    return resolve_url(fallback, *args, **kwargs)


def refusals_to_messages(view):
    """Run a POST view; a refused move (illegal state, stale copy, missing
    right, invalid data) becomes an error message on the page it came from."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except workflow.REFUSALS as exc:
            messages.error(request, error_text(exc))
        return redirect(safe_next(request, "annotations:home"))

    return wrapper
