from datetime import UTC

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField

from ..models import Activity, Article, Claim, ClaimStatus, ExternalFactCheck, Sentence, Verdict, VerdictClass


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


class SearchFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="search", label="Full-text search")

    def search(self, queryset, name, value):
        return queryset.search(value, language=self.data.get("language"))


class ArticleFilter(SearchFilterSet):
    has_claims = filters.BooleanFilter(method="filter_has_claims")
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Article
        fields = ["project", "language", "import_job", "external_id"]

    def filter_has_claims(self, queryset, name, value):
        has_claims = Exists(Claim.objects.filter(article=OuterRef("pk")))
        return queryset.filter(has_claims if value else ~has_claims)


class ClaimFilter(SearchFilterSet):
    status = filters.MultipleChoiceFilter(choices=ClaimStatus.choices)
    claimant = filters.CharFilter(lookup_expr="icontains")
    language = filters.CharFilter(field_name="article__language")
    rating = filters.NumberFilter(
        method="filter_rating", label="Rating of the current verdict", min_value=1, max_value=2**31 - 1
    )
    tag = filters.CharFilter(method="filter_tag")
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


class VerdictFilter(filters.FilterSet):
    project = filters.NumberFilter(field_name="claim__project")
    status = filters.MultipleChoiceFilter(choices=Verdict._meta.get_field("status").choices)
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "author", "is_current"]


class ExternalFactCheckFilter(SearchFilterSet):
    verdict_class = filters.MultipleChoiceFilter(choices=VerdictClass.choices)
    publisher = filters.CharFilter(field_name="publisher_name", lookup_expr="icontains")
    published_after = DateTimeFilter(field_name="date_published", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="date_published", lookup_expr="lt")

    class Meta:
        model = ExternalFactCheck
        fields = ["project", "language", "import_job"]


class ActivityFilter(filters.FilterSet):
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Activity
        fields = ["project", "actor", "verb", "object_type", "object_id"]


class SentenceFilter(filters.FilterSet):
    """The check-worthy queue: by the sentence's language, the article's source and publication date."""

    publisher = filters.CharFilter(field_name="article__publisher", lookup_expr="icontains", label="Source")
    published_after = DateTimeFilter(field_name="article__published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="article__published_at", lookup_expr="lt")

    class Meta:
        model = Sentence
        fields = ["language"]
