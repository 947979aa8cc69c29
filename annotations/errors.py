"""Two failures that are not a bug of the server, and say so wherever they
happen, on the pages and in the API alike:

- a request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is 413 (Django answers 400);
- a database that cannot be reached for a moment (a restart, a failover)
  is 503 with ``Retry-After``, not a 500 with a traceback in the log only.

And a URL no route matches under ``/api/`` is a 404 in the API's error
shape (``page_not_found``), as any other API answer is.

``failure_for`` is the rule; the API's exception handler asks it, and so do
Django's ``handler400``/``handler500`` below, for everything else.
"""

import sys
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
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


def bad_request(request, exception):
    failure = failure_for(exception)
    return _answer(request, failure) if failure else defaults.bad_request(request, exception)


def page_not_found(request, exception):
    """A URL that no route matches (``/api/v1/claims/0.5/``): under ``/api/``
    in the API's error shape, as every other API answer; elsewhere the page."""
    if request.path.startswith("/api/"):
        from .api.errors import error_body

        return JsonResponse(error_body(404, "not_found", _("Not found.")), status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls this inside its ``except`` block: the exception is the one in flight.
    failure = failure_for(sys.exc_info()[1])
    return _answer(request, failure) if failure else defaults.server_error(request)
