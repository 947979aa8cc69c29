"""Articles from records: validation, then fast batch inserts.

Articles are deduplicated within a project by text hash and by external id,
by the database's unique constraints (``ON CONFLICT DO NOTHING``). On
PostgreSQL a batch is sent with COPY.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ..models import Article, ImportJob
from ..text import normalise, text_hash
from . import history
from .records import parse_date

ARTICLE_FIELDS = ("title", "url", "publisher", "author", "language", "external_id")
LIMITS = {name: Article._meta.get_field(name).max_length for name in ARTICLE_FIELDS}
COLUMNS = [
    "project_id", "import_job_id", "created_at", "text", "text_hash", "published_at", *ARTICLE_FIELDS,
]  # fmt: skip


def _is_web_url(value):
    # A lighter check than Django's URLValidator, which costs a third of an
    # import's Python time: an http(s) scheme, a host, no white space.
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in value)


def clean_article(job: ImportJob, fields: dict) -> dict:
    """The column values of one article, or ValidationError with the reason."""
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("missing text")
    text = normalise(text)
    if len(text) > settings.IMPORT_MAX_TEXT_CHARS:
        raise ValidationError(f"text longer than {settings.IMPORT_MAX_TEXT_CHARS} characters")
    row = {"text": text, "text_hash": text_hash(text), "published_at": None}
    for name in ARTICLE_FIELDS:
        value = fields.get(name)
        value = "" if value is None else " ".join(normalise(str(value)).split())
        if len(value) > LIMITS[name]:
            raise ValidationError(f"{name} longer than {LIMITS[name]} characters")
        row[name] = value
    if row["url"] and not _is_web_url(row["url"]):
        raise ValidationError(f"url: not a valid URL: {row['url'][:100]!r}")
    row["language"] = row["language"] or job.project.language
    if fields.get("published_at"):
        row["published_at"] = parse_date(fields["published_at"])
    if fields.get("claims"):
        if not isinstance(fields["claims"], list):
            raise ValidationError("claims must be a list")
        row["claims"] = fields["claims"]
    return row


def reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def _copy_rows(cursor, table, job, rows, now):
    names = ", ".join(f'"{column}"' for column in COLUMNS)
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row((job.project_id, job.pk, now, *(row[column] for column in COLUMNS[3:])))


def _known(job, column, values):
    """Which of the values the project's articles already have in a column."""
    if not values:
        return set()
    with connection.cursor() as cursor:
        # = ANY(array) rather than Django's IN (…): one parameter, not thousands.
        cursor.execute(
            f"SELECT {column} FROM annotations_article WHERE project_id = %s AND {column} = ANY(%s)",
            [job.project_id, values],
        )
        return {value for (value,) in cursor.fetchall()}


def _insert_postgresql(job, rows, now):
    """COPY the new rows of a batch straight into the table.

    The rows already in the project are left out first; should a concurrent
    import insert one of the others meanwhile, the batch is written again
    through a temporary table with ``ON CONFLICT DO NOTHING``.
    """
    known_hashes = _known(job, "text_hash", [r["text_hash"] for r in rows])
    known_ids = _known(job, "external_id", [r["external_id"] for r in rows if r["external_id"]])
    new = []
    for row in rows:
        if row["text_hash"] in known_hashes or (row["external_id"] and row["external_id"] in known_ids):
            continue
        known_hashes.add(row["text_hash"])
        if row["external_id"]:
            known_ids.add(row["external_id"])
        new.append(row)
    with connection.cursor() as cursor:
        # Search vectors triple the cost of an insert: they are computed
        # after the import (search.index_pending), not row by row here.
        cursor.execute("SET LOCAL annotations.defer_search = 'on'")
        try:
            with transaction.atomic():
                _copy_rows(cursor, "annotations_article", job, new, now)
            return len(new)
        except IntegrityError:
            pass
        names = ", ".join(f'"{column}"' for column in COLUMNS)
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS import_batch ON COMMIT DELETE ROWS "
            f"AS SELECT {names} FROM annotations_article WITH NO DATA"
        )
        cursor.execute("TRUNCATE import_batch")  # in case an outer transaction spans batches
        _copy_rows(cursor, "import_batch", job, new, now)
        cursor.execute(
            f"INSERT INTO annotations_article ({names}) SELECT {names} FROM import_batch "
            "ORDER BY ctid ON CONFLICT DO NOTHING"
        )
        return cursor.rowcount


def _insert_other(job, rows, now):
    articles = [Article(project_id=job.project_id, import_job=job, created_at=now, **row) for row in rows]
    before = Article.objects.filter(import_job=job).count()
    Article.objects.bulk_create(articles, ignore_conflicts=True)
    return Article.objects.filter(import_job=job).count() - before


def prepare(job, batch):
    """Validate a batch of records: (rows to insert, errors). Touches no database."""
    rows, errors = [], []
    for record in batch:
        if record.error:
            errors.append({"where": record.where, "reason": record.error})
            continue
        try:
            row = clean_article(job, record.fields)
            if "claims" in row:
                row["where"] = record.where
            rows.append(row)
        except ValidationError as exc:
            errors.append({"where": record.where, "reason": reason(exc)})
    return rows, errors


def write(job, prepared):
    """Insert a prepared batch; return (created, duplicates, errors).

    Articles that come with their claims (this app's JSONL export) are
    written one by one with everything they hold; the others in bulk.
    """
    rows, errors = prepared
    plain = [row for row in rows if "claims" not in row]
    insert = _insert_postgresql if connection.vendor == "postgresql" else _insert_other
    created = insert(job, plain, timezone.now()) if plain else 0
    duplicates = len(plain) - created
    for row in rows:
        if "claims" not in row:
            continue
        where = row.pop("where")
        try:
            if history.write(job, row):
                created += 1
            else:
                duplicates += 1
        except ValidationError as exc:
            errors.append({"where": where, "reason": f"claims: {reason(exc)}"})
    return created, duplicates, errors
