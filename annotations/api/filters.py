from datetime import UTC

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField, ModelChoiceField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .. import permissions
from ..exporters.filters import MAX_ID
from ..models import (
    Activity,
    Agreement,
    Article,
    Claim,
    ClaimStatus,
    ExternalFactCheck,
    IndependentRating,
    Notification,
    Project,
    Sentence,
    Verdict,
    VerdictClass,
)


class UTCDateTimeField(IsoDateTimeField):
    """ISO 8601, read as UTC: an exotic offset ("+22:12") is valid ISO 8601
    but out of PostgreSQL's range, and must not reach the database."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Date out of range.", code="invalid") from None


class DateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class IdChoiceField(ModelChoiceField):
    """An id of a row the caller may see. An id out of the database's range
    (SQLite's integers stop at 64 bits) is refused as any unknown id is."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if not (text.isascii() and text.isdigit() and int(text) <= MAX_ID):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


@extend_schema_field(ID_SCHEMA)
class ScopedModelChoiceFilter(filters.ModelChoiceFilter):
    field_class = IdChoiceField


@extend_schema_field(ID_SCHEMA)
class IntegerFilter(filters.NumberFilter):
    """A whole number: django-filter's number filters read decimals, and
    would quietly round ``1.5`` for an integer column."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in self.empty_values:
            return None  # the API refuses an empty filter before it gets here; a page's form sends one for "any"
        if value in ("true", "false"):
            return value == "true"
        raise ValidationError("Must be true or false.", code="invalid")


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(filters.BooleanFilter):
    """``true`` or ``false``; django-filter ignores any other value, which
    would answer a misspelt filter with the unfiltered list."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


def _visible_rows(model):
    return lambda request: permissions.visible(model, request.user if request else AnonymousUser())


class ScopedFilterSet(filters.FilterSet):
    """A filter set whose foreign-key filters take only ids of the caller's
    projects: an id of another project's row is refused exactly as an id
    that does not exist, so that no answer tells which ids exist (L4)."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is filters.ModelChoiceFilter:
            filter_class, params = ScopedModelChoiceFilter, {**params, "queryset": _visible_rows(field.related_model)}
        elif filter_class is filters.BooleanFilter:
            filter_class = BooleanFilter
        elif filter_class is filters.NumberFilter and isinstance(field, models.IntegerField):
            filter_class = IntegerFilter
        return filter_class, params


class SearchFilterSet(ScopedFilterSet):
    q = filters.CharFilter(method="search", label="Full-text search")

    def search(self, queryset, name, value):
        return queryset.search(value, language=self.data.get("language"))


class ArticleFilter(SearchFilterSet):
    has_claims = BooleanFilter(method="filter_has_claims")
    annotator = ScopedModelChoiceFilter(
        field_name="assignments__annotator",
        queryset=_visible_rows(get_user_model()),
        label="Assigned to this annotator",
    )
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Article
        fields = ["project", "language", "import_job", "external_id", "independent"]

    def filter_has_claims(self, queryset, name, value):
        has_claims = Exists(Claim.objects.filter(article=OuterRef("pk")))
        return queryset.filter(has_claims if value else ~has_claims)


class ClaimFilter(SearchFilterSet):
    """The claims' filters, of the API and of the claims list page alike."""

    # Not distinct: a claim has one status, and DISTINCT would sort the whole project.
    status = filters.MultipleChoiceFilter(choices=ClaimStatus.choices, distinct=False)
    claimant = filters.CharFilter(lookup_expr="icontains")
    language = filters.CharFilter(field_name="article__language")
    rating = IntegerFilter(method="filter_rating", label="Rating of the current verdict")
    tag = filters.CharFilter(method="filter_tag")
    check_worthiness_min = IntegerFilter(
        field_name="check_worthiness", lookup_expr="gte", max_value=5, label="Check-worthiness at least (1 to 5)"
    )
    unassigned = BooleanFilter(field_name="assignee", lookup_expr="isnull", label="Nobody is assigned")
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")
    claim_date_after = filters.DateFilter(field_name="claim_date", lookup_expr="gte")
    claim_date_before = filters.DateFilter(field_name="claim_date", lookup_expr="lte")

    class Meta:
        model = Claim
        fields = ["project", "article", "assignee", "created_by", "duplicate_of"]

    def filter_rating(self, queryset, name, value):
        return queryset.filter(current__rating=value)

    def filter_tag(self, queryset, name, value):
        return queryset.tagged(value)


class VerdictFilter(ScopedFilterSet):
    project = IntegerFilter(field_name="claim__project")
    status = filters.MultipleChoiceFilter(choices=Verdict._meta.get_field("status").choices, distinct=False)
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "author", "is_current"]


class ExternalFactCheckFilter(SearchFilterSet):
    verdict_class = filters.MultipleChoiceFilter(choices=VerdictClass.choices, distinct=False)
    publisher = filters.CharFilter(field_name="publisher_name", lookup_expr="icontains")
    published_after = DateTimeFilter(field_name="date_published", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="date_published", lookup_expr="lt")

    class Meta:
        model = ExternalFactCheck
        fields = ["project", "language", "import_job"]


class ActivityFilter(ScopedFilterSet):
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Activity
        fields = ["project", "actor", "verb", "object_type", "object_id"]


class NotificationFilter(ScopedFilterSet):
    unread = BooleanFilter(method="filter_unread", label="Only the unread (true) or only the read (false)")

    class Meta:
        model = Notification
        fields = ["project", "kind"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value)


class SentenceFilter(ScopedFilterSet):
    """Sentences by project, article, state and language, and by the article's source and publication date."""

    publisher = filters.CharFilter(field_name="article__publisher", lookup_expr="icontains", label="Source")
    published_after = DateTimeFilter(field_name="article__published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="article__published_at", lookup_expr="lt")

    class Meta:
        model = Sentence
        fields = ["project", "article", "status", "suggested", "language"]


class IndependentRatingFilter(ScopedFilterSet):
    """Independent ratings by claim, project and reviewer."""

    project = ScopedModelChoiceFilter(field_name="claim__project", queryset=_visible_rows(Project))

    class Meta:
        model = IndependentRating
        fields = ["claim", "reviewer"]


class AgreementFilter(ScopedFilterSet):
    """Stored agreement by project, scope and article; weeks by period."""

    week_after = filters.DateFilter(field_name="week", lookup_expr="gte", label="Weeks from this date on")
    week_before = filters.DateFilter(field_name="week", lookup_expr="lt", label="Weeks before this date")

    class Meta:
        model = Agreement
        fields = ["project", "scope", "article"]
