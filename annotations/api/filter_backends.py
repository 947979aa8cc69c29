from django_filters.rest_framework import DjangoFilterBackend

from .filters import ScopedFilterSet


class FilterBackend(DjangoFilterBackend):
    """django-filter, skipped when a request names no filter: building the
    filter form costs more than the rest of a plain list request. The
    filter sets of ``filterset_fields`` scope their foreign keys too."""

    filterset_base = ScopedFilterSet

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(request.query_params) & set(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)
