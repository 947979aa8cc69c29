"""The shared import pipeline: read records, validate them, write batches.

Every batch is written in one transaction together with the job's counts
and checkpoint, so a job that is interrupted and run again resumes after
the last committed record and counts nothing twice.

A thread reads and cleans the next batch while this one is written: the
database checks a batch's foreign keys at its commit, and Python would
otherwise wait for that.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

from django.conf import settings
from django.db import OperationalError, transaction

from ..models import ImportJob, JobStatus
from ..text import message
from . import FORMATS, messages
from .readers.archive import UnsafeArchive

logger = logging.getLogger(__name__)

# Errors (and warnings) beyond this many are counted but not listed on the job row.
MAX_LISTED_ERRORS = 1000
# A batch cancelled by a deadlock or a serialization failure is written again.
TRANSIENT_SQLSTATES = {"40P01", "40001"}
BATCH_ATTEMPTS = 3
FIRST_BATCH_SIZE = 250


def _write_batch(job: ImportJob, writer, batch, checkpoint: int, bytes_read: int):
    with transaction.atomic():
        created, duplicates, errors, warnings = writer.write(job, batch)
        # Whatever a record's reason quotes (a decoded header, a member's
        # name), the job row stores and shows it: no lone surrogate gets there.
        errors, warnings = _storable(errors), _storable(warnings)
        listed = job.errors + errors[: max(0, MAX_LISTED_ERRORS - len(job.errors))]
        noted = job.warnings + warnings[: max(0, MAX_LISTED_ERRORS - len(job.warnings))]
        job.beat(
            warning_count=job.warning_count + len(warnings),
            warnings=noted,
            created_count=job.created_count + created,
            duplicate_count=job.duplicate_count + duplicates,
            failed_count=job.failed_count + len(errors),
            errors=listed,
            checkpoint=checkpoint,
            bytes_read=bytes_read,
        )


def _storable(items):
    return [{"where": message(item["where"], 300), "reason": message(item["reason"])} for item in items]


def _is_transient(error: OperationalError) -> bool:
    # A deadlock (two imports of overlapping files take the same unique
    # keys in different orders) or a serialization failure: PostgreSQL
    # cancelled this transaction so that the other could go on.
    return getattr(error.__cause__, "sqlstate", None) in TRANSIENT_SQLSTATES


def _write_batch_retrying(job: ImportJob, writer, batch, checkpoint: int, bytes_read: int):
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        try:
            return _write_batch(job, writer, batch, checkpoint, bytes_read)
        except OperationalError as error:
            if attempt == BATCH_ATTEMPTS or not _is_transient(error):
                raise
            logger.warning("%s: batch ending at record %s cancelled (%s); writing it again", job, checkpoint, error)
            job.refresh_from_db()  # the counts as committed


_END = object()


def read_ahead(items):
    """Yield the items of an iterator, the next one made on a thread while
    this one is used: at most two exist at a time. The thread's exceptions
    are raised here; when the consumer stops early, the thread stops after
    the item it is making (the executor waits for it)."""
    iterator = iter(items)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-read-ahead") as pool:
        future = pool.submit(next, iterator, _END)
        while (item := future.result()) is not _END:
            future = pool.submit(next, iterator, _END)
            yield item


def _batches(job: ImportJob, stream, writer):
    """(cleaned batch, checkpoint, bytes read) after the job's checkpoint.

    Records are cleaned as they are read, so a batch holds only cleaned
    rows. It ends at JOB_BATCH_SIZE records or once it has read about
    JOB_BATCH_BYTES, whichever comes first, so that long articles do not
    make it large. The first batches are smaller, so that writing starts
    soon.
    """
    reader = FORMATS[job.format].reader
    options = {"encoding": job.encoding, "page_articles": job.page_articles}
    records = (r for r in reader(stream, **options) if r.number > job.checkpoint)
    last = job.checkpoint

    def batch(size, start):
        nonlocal last
        for count, record in enumerate(records, start=1):
            last = record.number
            yield record
            if count >= size or (count % 16 == 0 and stream.tell() - start > settings.JOB_BATCH_BYTES):
                return

    size = min(FIRST_BATCH_SIZE, settings.JOB_BATCH_SIZE)
    while True:
        before = last
        cleaned = writer.prepare(job, batch(size, stream.tell()))
        if last == before:
            return
        yield cleaned, last, min(stream.tell(), job.bytes_total)
        size = min(size * 2, settings.JOB_BATCH_SIZE)


def run(job: ImportJob):
    """Import the job's file, resuming after its checkpoint."""
    writer = FORMATS[job.format].writer
    job.project  # noqa: B018 -- loaded here: the read-ahead thread runs no query
    with job.file.open("rb") as stream:
        job.beat(bytes_total=job.file.size)
        try:
            with closing(read_ahead(_batches(job, stream, writer))) as batches:  # the thread ends here, come what may
                for batch, checkpoint, bytes_read in batches:
                    _write_batch_retrying(job, writer, batch, checkpoint, bytes_read)
        except UnsafeArchive as exc:
            job.finish(JobStatus.FAILED, message(messages.ARCHIVE_REFUSED % {"reason": exc}))
            return
    job.beat(bytes_read=job.bytes_total)
    if job.created_count + job.duplicate_count + job.failed_count == 0:
        job.finish(JobStatus.FAILED, messages.NO_RECORDS)
        return
    status = JobStatus.COMPLETED_WITH_ERRORS if job.failed_count else JobStatus.COMPLETED
    job.finish(status, job.summary())  # in English, the worker's language: the page says it in the reader's
