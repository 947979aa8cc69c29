"""The filters of an export, validated in one place (``clean``), for the API,
the export page and ``manage.py export_report`` alike.

``published_after`` / ``published_before`` (the current verdict's
publication) and ``created_after`` / ``created_before`` (the claim's
creation) mean what they mean in the API's lists: *after* is on or after
that moment, *before* is strictly before it. A date alone is that day's
first moment in UTC, so ``published_after=2026-01-01&published_before=2026-02-01``
is January.
"""

from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import ClaimStatus

# The largest id PostgreSQL's integer columns hold.
MAX_ID = 2**31 - 1


@extend_schema_field({"type": "string", "description": "A date (2026-01-31) or an ISO 8601 date-time."})
class MomentField(serializers.Field):
    """A date or an ISO 8601 date-time, kept as an ISO 8601 string in UTC."""

    default_error_messages = {"invalid": "Use a date (2026-01-31) or an ISO 8601 date-time."}

    def to_internal_value(self, data):
        try:
            moment = datetime.fromisoformat(str(data))
        except ValueError:
            self.fail("invalid")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        try:
            return moment.astimezone(UTC).isoformat()
        except OverflowError:
            self.fail("invalid")

    def to_representation(self, value):
        return value


class ExportFilters(serializers.Serializer):
    status = serializers.ListField(child=serializers.ChoiceField(choices=ClaimStatus.choices), required=False)
    rating = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False)
    tag = serializers.CharField(required=False, max_length=100)
    language = serializers.CharField(required=False, max_length=16)
    published_after = MomentField(required=False, help_text="On or after (a date is its first moment, UTC).")
    published_before = MomentField(required=False, help_text="Strictly before (a date is its first moment, UTC).")
    created_after = MomentField(required=False)
    created_before = MomentField(required=False)
    bom = serializers.BooleanField(required=False, help_text="CSV only: start with a UTF-8 byte order mark.")


def clean(filters) -> dict:
    """The filters as the exporters read them, or ValidationError naming each bad one."""
    if filters is None:
        return {}
    if not isinstance(filters, dict):
        raise ValidationError({"filters": "Filters are an object of names and values."})
    unknown = set(filters) - set(ExportFilters().fields)
    if unknown:
        raise ValidationError({"filters": f"Unknown filters: {', '.join(sorted(unknown))}."})
    serializer = ExportFilters(data={key: value for key, value in filters.items() if value not in ("", None, [])})
    if not serializer.is_valid():
        raise ValidationError({f"filters.{name}": _messages(errors) for name, errors in serializer.errors.items()})
    return dict(serializer.validated_data)


def _messages(errors):
    """A filter's messages as text; a list filter's come by item, numbered from 1."""
    if isinstance(errors, dict):
        return [
            _("item %(number)s: %(message)s") % {"number": index + 1, "message": message}
            for index, item in errors.items()
            for message in _messages(item)
        ]
    return [str(error) for error in errors]


def moment(value):
    """A filter's stored moment back as a datetime (older jobs kept a bare date)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time.min, tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
