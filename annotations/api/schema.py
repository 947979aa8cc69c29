"""The OpenAPI schema documents the errors each operation can answer with,
from what the operation is (its parameters, its body, its view's
authentication, permissions and throttles), so that a new endpoint is
documented the same way without a decorator of its own."""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS, AllowAny

from .errors import ErrorSerializer

ERRORS = {
    400: "Invalid input: the body, a parameter, the page size or the cursor (`fields` says which)",
    401: "No valid credentials: a missing, unknown, revoked or expired token",
    403: "Not allowed: the user's role in the project does not permit this",
    404: "No such object (in the path, or named in the body) among the projects the user is a member of",
    409: "The object's state does not allow this, or it changed since it was read (`state`, `revision`)",
    412: "If-Match names a revision that is not the current one",
    413: "The body or the upload is larger than the instance accepts",
    415: "The body's content type is not one this operation reads",
    429: "Too many requests or failed logins: try again after Retry-After seconds",
    503: "The database cannot be reached for a moment: try again after Retry-After seconds",
}


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for code in self.error_statuses(operation):
            response = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
            operation["responses"].setdefault(str(code), self._get_response_for_code(response, str(code)))
        return operation

    def error_statuses(self, operation):
        """The error statuses this operation can really answer with."""
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        body = operation.get("requestBody", {}).get("content", {})
        writes = self.method not in SAFE_METHODS
        authenticated = bool(self.view.get_authenticators())
        statuses = set()
        if body or writes or places - {"path"}:
            statuses.add(400)
        if authenticated:
            statuses.add(401)  # a token that is wrong is refused even where anyone may call
        if not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            statuses.add(403)
        if "path" in places or body:
            statuses.add(404)  # the object of the path, or one the body names (a claim's article)
        if writes and authenticated:
            statuses.add(409)  # every write goes through a workflow function that checks the state
        if "If-Match" in names:
            statuses.add(412)
        if body:
            statuses.update((413, 415))
        if self.view.get_throttles():
            statuses.add(429)
        statuses.add(503)  # every operation reads the database
        return sorted(statuses)
