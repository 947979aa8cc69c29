from django_filters.rest_framework import CharFilter, DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from .filters import ScopedFilterSet


class FilterBackend(DjangoFilterBackend):
    """django-filter, skipped when a request names no filter: building the
    filter form costs more than the rest of a plain list request. The
    filter sets of ``filterset_fields`` scope their foreign keys too.

    An empty value of a filter that is not text (``?project=``) is refused:
    django-filter would ignore it, and answer with the unfiltered list."""

    filterset_base = ScopedFilterSet

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(request.query_params) & set(filterset_class.base_filters):
            return queryset
        blank = [
            name
            for name, value in request.query_params.items()
            if value == ""
            and name in filterset_class.base_filters
            and not isinstance(filterset_class.base_filters[name], CharFilter)
        ]
        if blank:
            raise ValidationError({name: ["This filter needs a value."] for name in blank})
        return super().filter_queryset(request, queryset, view)
