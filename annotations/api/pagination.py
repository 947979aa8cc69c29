from django.core.exceptions import FieldDoesNotExist, ValidationError
from rest_framework import exceptions, pagination

# The positions a cursor may carry for an integer column.
INT_RANGE = range(-(2**63), 2**63)


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: no COUNT(*) per request, and stable while rows are added.

    A cursor comes back from the client, so its position is checked against
    the type of the column it orders by before it reaches the database: a
    tampered cursor is a 400, not a database error.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def get_page_size(self, request):
        # DRF ignores a page size it cannot read; the schema promises a
        # refusal, so that a client's mistake does not pass unnoticed.
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= self.max_page_size):
            raise exceptions.ValidationError({"page_size": [f"A whole number from 1 to {self.max_page_size}."]})
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError({"cursor": ["Invalid cursor."]}) from None
        if cursor is None or cursor.position is None:
            return cursor
        try:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
        except FieldDoesNotExist:
            return cursor
        try:
            if "\x00" in cursor.position:
                raise ValidationError("NUL")
            value = field.to_python(cursor.position)
            if isinstance(value, int) and value not in INT_RANGE:
                raise ValidationError("out of range")
        except (ValidationError, ValueError, TypeError, OverflowError):
            raise exceptions.ValidationError({"cursor": ["Invalid cursor."]}) from None
        return cursor
