"""Two failures that are not a bug of the server, and say so wherever they
happen, on the pages and in the API alike:

- a request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is 413 (Django answers 400);
- a database that cannot be reached for a moment (a restart, a failover)
  is 503 with ``Retry-After``, not a 500 with a traceback in the log only.

And a URL no route matches under ``/api/`` is a 404 in the API's error
shape (``page_not_found``), as any other API answer is; elsewhere 400, 403
and 404 are pages of the app, with its header and a way home
(``error_page.html``), 403 and 404 also where DEBUG is on (``PageErrorsMiddleware``):
the quick start never shows a reader Django's debug pages for these.

``failure_for`` is the rule; the API's exception handler asks it, and so do
Django's ``handler400``/``handler500`` below, for everything else.
"""

import sys
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 10


class Failure(NamedTuple):
    status: int
    code: str
    title: str
    message: str
    headers: dict


def failure_for(exc):
    """The answer to one of these failures, or None for any other exception."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        message = _("The request is larger than the limit of %(limit)s bytes.") % {"limit": limit}
        return Failure(413, "too_large", _("Request too large"), message, {})
    # OperationalError: the server refused or dropped the connection;
    # InterfaceError: a connection that was already closed under us.
    if isinstance(exc, OperationalError | InterfaceError):
        message = _("The database cannot be reached at the moment. Please try again in a few seconds.")
        return Failure(503, "unavailable", _("Service unavailable"), message, {"Retry-After": str(RETRY_AFTER_SECONDS)})
    return None


def _answer(request, failure):
    if request.path.startswith("/api/"):  # outside a DRF view (rare): the API's one error shape still
        from .api.errors import error_body

        response = JsonResponse(error_body(failure.status, failure.code, failure.message), status=failure.status)
    else:
        # Rendered without the request: no context processor, no session,
        # nothing that needs the database that may be the very thing down.
        html = render_to_string("error.html", {"title": failure.title, "message": failure.message})
        response = HttpResponse(html, status=failure.status)
    for name, value in failure.headers.items():
        response[name] = value
    return response


def _page(request, status, title, message):
    return render(request, "error_page.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception):
    failure = failure_for(exception)
    if failure:
        return _answer(request, failure)
    return _page(request, 400, _("Bad request"), _("The page could not make sense of this request."))


def permission_denied(request, exception):
    return _page(request, 403, _("Not allowed"), _("Your role in this project does not allow this page."))


def page_not_found(request, exception):
    """A URL that no route matches (``/api/v1/claims/0.5/``): under ``/api/``
    in the API's error shape, as every other API answer; elsewhere the page."""
    if request.path.startswith("/api/"):
        from .api.errors import error_body

        return JsonResponse(error_body(404, "not_found", _("Not found.")), status=404)
    return _page(request, 404, _("Not found"), _("There is no such page, or it is not public (yet)."))


class PageErrorsMiddleware:
    """A view's 403 and 404 as the app's pages even where DEBUG is on
    (Django would show its debug pages, which list every URL of the app)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        return None


def server_error(request):
    # Django calls this inside its ``except`` block: the exception is the one in flight.
    failure = failure_for(sys.exc_info()[1])
    return _answer(request, failure) if failure else defaults.server_error(request)
