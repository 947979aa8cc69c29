"""What the HTML views share: finding the project, and turning workflow
refusals into messages a person can act on."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect

from .. import permissions, workflow
from ..models import Project, Role


def project_for(request, slug, action="view"):
    """The project, if the user may perform the action there: 404 for a
    non-member (nothing leaks), 403 for a member whose role is too small."""
    project = get_object_or_404(Project, slug=slug)
    permissions.check(request.user, action, project)
    request.role = permissions.role_in(request.user, project)
    request.role_label = Role(request.role).label
    return project


def form_errors(form):
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())


def error_text(exc):
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return getattr(exc, "message", None) or str(exc)


def refusals_to_messages(view):
    """Run a POST view; a refused move (illegal state, stale copy, missing
    right, invalid data) becomes an error message on the page it came from."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (workflow.Conflict, ValidationError) as exc:
            messages.error(request, error_text(exc))
        except PermissionDenied as exc:
            messages.error(request, str(exc) or "You may not do this.")
        return redirect(request.POST.get("next") or request.META.get("HTTP_REFERER") or "home")

    return wrapper
