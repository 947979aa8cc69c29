"""The shared import pipeline: read records, validate them, write batches.

Every batch is written in one transaction together with the job's counts
and checkpoint, so a job that is interrupted and run again resumes after
the last committed record and counts nothing twice.
"""

from itertools import islice

from dateutil import parser as dateparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Article, ImportJob, JobStatus
from . import READERS

# Errors beyond this many are counted but not listed on the job row.
MAX_LISTED_ERRORS = 1000

ARTICLE_FIELDS = ("title", "url", "publisher", "author", "language", "external_id")


def build_article(job: ImportJob, fields: dict) -> Article:
    """An unsaved, validated Article from one record's fields."""
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("missing text")
    article = Article(project=job.project, import_job=job, language=job.project.language)
    for name in ARTICLE_FIELDS:
        value = fields.get(name)
        if value not in (None, ""):
            setattr(article, name, str(value).strip())
    if fields.get("published_at"):
        try:
            article.published_at = dateparser.isoparse(str(fields["published_at"]))
        except (ValueError, OverflowError):
            raise ValidationError(f"unparsable date {fields['published_at']!r}") from None
    article.set_text(text)
    article.clean_fields(exclude=["project", "import_job", "text_hash"])
    return article


def _reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def _write_batch(job: ImportJob, batch, bytes_read: int):
    articles, errors = [], []
    for record in batch:
        if record.error:
            errors.append({"line": record.number, "reason": record.error})
            continue
        try:
            articles.append(build_article(job, record.fields))
        except ValidationError as exc:
            errors.append({"line": record.number, "reason": _reason(exc)})

    with transaction.atomic():
        project_articles = Article.objects.filter(project=job.project)
        seen_hashes = set(
            project_articles.filter(text_hash__in=[a.text_hash for a in articles]).values_list("text_hash", flat=True)
        )
        seen_ids = set(
            project_articles.filter(external_id__in=[a.external_id for a in articles if a.external_id]).values_list(
                "external_id", flat=True
            )
        )
        new = []
        for article in articles:
            if article.text_hash in seen_hashes or (article.external_id and article.external_id in seen_ids):
                continue
            seen_hashes.add(article.text_hash)
            if article.external_id:
                seen_ids.add(article.external_id)
            new.append(article)
        # A concurrent import of the same records may still win a race for a
        # row; the unique constraints make the loser skip it rather than fail.
        Article.objects.bulk_create(new, ignore_conflicts=True)

        job.refresh_from_db(fields=["errors"])
        listed = job.errors + errors[: max(0, MAX_LISTED_ERRORS - len(job.errors))]
        job.beat(
            created=job.created + len(new),
            duplicates=job.duplicates + len(articles) - len(new),
            failed=job.failed + len(errors),
            errors=listed,
            checkpoint=batch[-1].number,
            processed=bytes_read,
        )


def run(job: ImportJob):
    """Import the job's file, resuming after its checkpoint."""
    reader = READERS[job.format]
    with job.file.open("rb") as stream:
        job.beat(total=job.file.size)
        records = (record for record in reader(stream) if record.number > job.checkpoint)
        while batch := list(islice(records, settings.JOB_BATCH_SIZE)):
            _write_batch(job, batch, bytes_read=stream.tell())
    job.beat(processed=job.total)
    status = JobStatus.COMPLETED_WITH_ERRORS if job.failed else JobStatus.COMPLETED
    job.finish(status, f"{job.created} created, {job.duplicates} duplicates, {job.failed} failed")
