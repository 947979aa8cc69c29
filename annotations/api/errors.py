"""One JSON shape for every API error:

    {"error": {"status": 409, "code": "conflict", "message": "…",
               "fields": {"quote": ["…"]}, "state": "in_progress", "revision": 3}}

``fields`` (per-field messages), ``state`` and ``revision`` appear when known.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..errors import failure_for
from ..workflow import Conflict, FileTooLarge


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
    state = serializers.CharField(required=False)
    revision = serializers.IntegerField(required=False)


class ErrorSerializer(serializers.Serializer):
    """The schema of the one error shape (for the OpenAPI document)."""

    error = ErrorDetailSerializer()


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class LoginLockedOut(exceptions.APIException):
    """Too many failed logins for a username or from an address (``logins``)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, detail, wait):
        super().__init__(detail)
        self.wait = wait  # DRF's handler sends it as Retry-After


class Gone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_code = "gone"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = "The object changed since you read it (If-Match does not match its ETag)."


def _flatten(detail):
    if isinstance(detail, dict):
        return {
            key: [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    return None


def _message(detail, fields):
    if fields:
        first_field, messages = next(iter(fields.items()))
        prefix = "" if first_field in ("non_field_errors", "__all__") else f"{first_field}: "
        return prefix + messages[0]
    if isinstance(detail, list):
        return " ".join(str(item) for item in detail)
    return str(detail)


def api_exception_handler(exc, context):
    extra = {}
    failure = failure_for(exc)
    if failure:  # a body over the limit (413), the database away (503)
        return Response(
            error_body(failure.status, failure.code, failure.message), failure.status, headers=failure.headers
        )
    if isinstance(exc, Conflict):
        exc_status, code, detail = status.HTTP_409_CONFLICT, "conflict", exc.message
        extra = {key: value for key, value in (("state", exc.state), ("revision", exc.revision)) if value is not None}
    elif isinstance(exc, OverflowError):
        # A number too large for the database (SQLite's integers are 64-bit).
        exc_status, code, detail = status.HTTP_400_BAD_REQUEST, "invalid", "A number in the request is out of range."
    elif isinstance(exc, DjangoValidationError):
        exc_status, code = status.HTTP_400_BAD_REQUEST, "invalid"
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    else:
        if isinstance(exc, FileTooLarge):
            exc = PayloadTooLarge(str(exc))
        elif isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
            exc = exceptions.ParseError(str(exc))
        elif isinstance(exc, Http404):
            exc = exceptions.NotFound(str(exc) if str(exc) else "Not found.")
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(str(exc) or None)
        response = exception_handler(exc, context)
        if response is None:
            return None  # an unexpected error: a 500, logged by Django
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        if not isinstance(code, str):
            code = "invalid"
        body = error_body(response.status_code, code, detail)
        response.data = body
        return response
    response = Response(error_body(exc_status, code, detail, extra), status=exc_status)
    return response


def error_body(status_code, code, detail, extra=None):
    fields = _flatten(detail)
    error = {"status": status_code, "code": code, "message": _message(detail, fields)}
    if fields:
        error["fields"] = fields
    error.update(extra or {})
    return {"error": error}
