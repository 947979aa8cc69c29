"""Articles from records: validation, then fast batch inserts.

Articles are deduplicated within a project by text hash and by external id,
by the database's unique constraints (``ON CONFLICT DO NOTHING``). On
PostgreSQL a batch is sent with COPY.
"""

from dataclasses import dataclass, field
from operator import itemgetter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from ...models import Article, ImportJob
from ...text import message, normalise, normalise_utf8, utf8_hash
from .. import messages
from ..readers import peers
from ..readers.records import is_web_url, parse_date
from . import fact_checks, with_claims

ARTICLE_FIELDS = ("title", "url", "publisher", "author", "language", "external_id")
LIMITS = {name: Article._meta.get_field(name).max_length for name in ARTICLE_FIELDS}
# The columns COPY writes, with the type binary COPY sends each as: every
# value goes in its column's own format, so PostgreSQL parses no text and
# psycopg escapes none. The text goes as the UTF-8 bytes its hash was taken
# of (PostgreSQL checks them as it checks any text).
COPY_COLUMNS = {
    "project_id": "int8", "import_job_id": "int8", "created_at": "timestamptz", "text": "bytea",
    "text_hash": "varchar", "published_at": "timestamptz", **dict.fromkeys(ARTICLE_FIELDS, "varchar"),
}  # fmt: skip
_NAMES = ", ".join(f'"{column}"' for column in COPY_COLUMNS)
# A cleaned row's values for the columns after the three that every row shares.
_row_values = itemgetter(*("text_utf8" if name == "text" else name for name in list(COPY_COLUMNS)[3:]))


# Keys that only another annotation tool's records hold (doccano, Label Studio).
PEER_KEYS = frozenset({"label", "entities", "data"})


def clean_article(job: ImportJob, fields: dict, notes=()) -> dict:
    """The column values of one article, or ValidationError with the reason."""
    # ``notes``: what the reader changed (an HTML page's dropped URL…). The
    # work of another annotation tool is read as claims here; it is rare, so
    # the common record pays one set intersection on the import's hot path.
    translated = ()
    if PEER_KEYS.intersection(fields):
        fields, translated = peers.translate(fields)
        notes = [*notes, *translated]
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        if "text" in fields:
            empty = isinstance(text, str) or text is None
            raise ValidationError(messages.TEXT_EMPTY if empty else messages.TEXT_NOT_A_STRING)
        # What the record holds instead tells what it is (a listing, another tool's task…).
        if held := ", ".join(sorted(map(str, fields))[:8]):
            raise ValidationError(messages.TEXT_MISSING, params={"held": held})
        raise ValidationError(messages.RECORD_EMPTY)
    text, utf8 = normalise_utf8(text)
    if len(text) > settings.IMPORT_MAX_TEXT_CHARS:
        raise ValidationError(messages.TEXT_TOO_LONG, params={"limit": settings.IMPORT_MAX_TEXT_CHARS})
    # The text is kept as UTF-8 only: what COPY sends, at a quarter of the
    # memory of a str that holds an emoji.
    row = {"text_utf8": utf8, "text_hash": utf8_hash(utf8), "published_at": None}
    for name in ARTICLE_FIELDS:
        value = fields.get(name)
        value = "" if value is None else " ".join(normalise(str(value)).split())
        if len(value) > LIMITS[name]:
            raise ValidationError(messages.FIELD_TOO_LONG, params={"field": name, "limit": LIMITS[name]})
        row[name] = value
    if row["url"] and not is_web_url(row["url"]):
        raise ValidationError(messages.BAD_URL, params={"url": repr(row["url"][:100])})
    row["language"] = row["language"] or job.project.language
    if fields.get("published_at"):
        row["published_at"] = parse_date(fields["published_at"])
    row["notes"] = notes
    if fields.get("claims") or "claims" in fields and translated:
        if not isinstance(fields["claims"], list):
            raise ValidationError(messages.CLAIMS_NOT_A_LIST)
        row["claims"] = fields["claims"]
    return row


def model_fields(row: dict) -> dict:
    """The values of a cleaned row that are an Article's fields."""
    fields = {name: value for name, value in row.items() if name not in ("text_utf8", "claims", "notes")}
    fields["text"] = row["text_utf8"].decode()
    return fields


def first_line(error: Exception) -> str:
    return message(str(error).splitlines()[0] if str(error) else type(error).__name__)


def reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def _copy_rows(cursor, table, job, rows, now):
    # The psycopg cursor's errors, such as a unique violation, are raised as Django's.
    copy_sql = f"COPY {table} ({_NAMES}) FROM STDIN (FORMAT BINARY)"
    with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
        copy.set_types(list(COPY_COLUMNS.values()))
        same = (job.project_id, job.pk, now)
        for row in rows:
            copy.write_row(same + _row_values(row))


def _first_of_each(rows):
    """The rows, less those repeating an earlier one's text or external id."""
    hashes, ids, first = set(), set(), []
    for row in rows:
        if row["text_hash"] in hashes or (row["external_id"] and row["external_id"] in ids):
            continue
        hashes.add(row["text_hash"])
        if row["external_id"]:
            ids.add(row["external_id"])
        first.append(row)
    return first


def _insert_postgresql(job, rows, now):
    """COPY the rows straight into the table.

    COPY fails on an article the project already has (or that a concurrent
    import has just written); the batch is then written again through a
    temporary table with ``ON CONFLICT DO NOTHING``. Looking the rows up
    first would cost more than that on every batch of new articles.
    """
    with connection.cursor() as cursor:
        # Search vectors triple the cost of an insert: they are computed
        # after the import (search.index_pending), not row by row here.
        cursor.execute("SET LOCAL annotations.defer_search = 'on'")
        try:
            with transaction.atomic():
                _copy_rows(cursor, "annotations_article", job, rows, now)
            return len(rows)
        except IntegrityError:
            pass
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS import_batch ON COMMIT DELETE ROWS "
            f"AS SELECT {_NAMES} FROM annotations_article WITH NO DATA"
        )
        cursor.execute("TRUNCATE import_batch")  # in case an outer transaction spans batches
        _copy_rows(cursor, "import_batch", job, rows, now)
        cursor.execute(
            f"INSERT INTO annotations_article ({_NAMES}) SELECT {_NAMES} FROM import_batch "
            "ORDER BY ctid ON CONFLICT DO NOTHING"
        )
        return cursor.rowcount


def _insert_other(job, rows, now):
    articles = [Article(project_id=job.project_id, import_job=job, created_at=now, **model_fields(row)) for row in rows]
    before = Article.objects.filter(import_job=job).count()
    Article.objects.bulk_create(articles, ignore_conflicts=True)
    return Article.objects.filter(import_job=job).count() - before


@dataclass
class Cleaned:
    """A batch of records, cleaned: what ``write`` inserts."""

    rows: list = field(default_factory=list)  # articles alone, the first of each text and external id
    repeats: int = 0  # rows left out for repeating an earlier one
    with_claims: list = field(default_factory=list)  # (where, row) of articles that come with claims
    warnings: list = field(default_factory=list)  # what the readers changed in plain articles
    fact_checks: list = field(default_factory=list)  # records of fact-checks by others (pages that carry ClaimReview)
    errors: list = field(default_factory=list)


def prepare(job, records) -> Cleaned:
    """Clean a batch of records. No query runs here: the pipeline cleans
    the next batch on a thread while this one is written."""
    cleaned, rows = Cleaned(), []
    for record in records:
        if record.error:
            cleaned.errors.append({"where": record.where, "reason": record.error})
            continue
        if "fact_check" in record.fields:
            cleaned.fact_checks.append(record)
            continue
        try:
            row = clean_article(job, record.fields, record.notes)
        except ValidationError as exc:
            cleaned.errors.append({"where": record.where, "reason": reason(exc)})
            continue
        if "claims" in row:
            cleaned.with_claims.append((record.where, row))
        else:
            rows.append(row)
            if row["notes"]:
                cleaned.warnings += [{"where": record.where, "reason": str(note)} for note in row["notes"]]
    cleaned.rows = _first_of_each(rows)
    cleaned.repeats = len(rows) - len(cleaned.rows)
    return cleaned


def write(job, cleaned: Cleaned):
    """Insert a cleaned batch; return (created, duplicates, errors, warnings).

    Articles that come with their claims (this app's JSONL export) are
    written one by one with everything they hold; the others in bulk.
    """
    errors = list(cleaned.errors)
    insert = _insert_postgresql if connection.vendor == "postgresql" else _insert_other
    created = insert(job, cleaned.rows, timezone.now()) if cleaned.rows else 0
    duplicates = len(cleaned.rows) + cleaned.repeats - created
    warnings = list(cleaned.warnings)
    for where, row in cleaned.with_claims:
        # Each article with its claims in a savepoint of its own: one bad
        # record is reported and the batch goes on (with_claims validates what
        # it can; the database refuses the rest, a concurrent import included).
        try:
            with transaction.atomic():
                written = with_claims.write(job, model_fields(row), row["claims"])
        except ValidationError as exc:
            errors.append({"where": where, "reason": messages.CLAIMS_REFUSED % {"reason": reason(exc)}})
            continue
        except IntegrityError as exc:
            if Article.objects.filter(project=job.project, text_hash=row["text_hash"]).exists():
                duplicates += 1  # another import wrote the same article meanwhile
            else:
                errors.append(
                    {"where": where, "reason": messages.CLAIMS_REFUSED_BY_DATABASE % {"error": first_line(exc)}}
                )
            continue
        except (DataError, TypeError, ValueError, AttributeError) as exc:
            errors.append({"where": where, "reason": messages.CLAIMS_REFUSED % {"reason": first_line(exc)}})
            continue
        if written is None:
            duplicates += 1
        else:
            created += 1
            warnings += [{"where": where, "reason": note} for note in [*row.get("notes", []), *written]]
    if cleaned.fact_checks:
        found, repeated, refused, noted = fact_checks.write(job, cleaned.fact_checks)
        created, duplicates, errors, warnings = (
            created + found,
            duplicates + repeated,
            errors + refused,
            warnings + noted,
        )
    return created, duplicates, errors, warnings
