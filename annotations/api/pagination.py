from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: no COUNT(*) per request, and stable while rows are added."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
