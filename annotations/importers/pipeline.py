"""The shared import pipeline: read records, validate them, write batches.

Every batch is written in one transaction together with the job's counts
and checkpoint, so a job that is interrupted and run again resumes after
the last committed record and counts nothing twice.
"""

import logging
from itertools import islice

from django.conf import settings
from django.db import OperationalError, transaction

from ..models import ImportJob, JobStatus
from . import READERS, articles, claimreview_writer
from .archive import UnsafeArchive

logger = logging.getLogger(__name__)

# Errors beyond this many are counted but not listed on the job row.
MAX_LISTED_ERRORS = 1000
# A batch cancelled by a deadlock or a serialization failure is written again.
TRANSIENT_SQLSTATES = {"40P01", "40001"}
BATCH_ATTEMPTS = 3


def _write_batch(job: ImportJob, batch, bytes_read: int):
    write = claimreview_writer.write if job.format == "claimreview" else articles.write
    with transaction.atomic():
        created, duplicates, errors = write(job, batch)
        listed = job.errors + errors[: max(0, MAX_LISTED_ERRORS - len(job.errors))]
        job.beat(
            created=job.created + created,
            duplicates=job.duplicates + duplicates,
            failed=job.failed + len(errors),
            errors=listed,
            checkpoint=batch[-1].number,
            processed=bytes_read,
        )


def _is_transient(error: OperationalError) -> bool:
    # A deadlock (two imports of overlapping files take the same unique
    # keys in different orders) or a serialization failure: PostgreSQL
    # cancelled this transaction so that the other could go on.
    return getattr(error.__cause__, "sqlstate", None) in TRANSIENT_SQLSTATES


def _write_batch_retrying(job: ImportJob, batch, bytes_read: int):
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        try:
            return _write_batch(job, batch, bytes_read)
        except OperationalError as error:
            if attempt == BATCH_ATTEMPTS or not _is_transient(error):
                raise
            logger.warning(
                "%s: batch ending at record %s cancelled (%s); writing it again", job, batch[-1].number, error
            )
            job.refresh_from_db()  # the counts as committed


def run(job: ImportJob):
    """Import the job's file, resuming after its checkpoint."""
    reader = READERS[job.format]
    with job.file.open("rb") as stream:
        job.beat(total=job.file.size)
        try:
            records = (r for r in reader(stream, encoding=job.encoding) if r.number > job.checkpoint)
            while batch := list(islice(records, settings.JOB_BATCH_SIZE)):
                _write_batch_retrying(job, batch, bytes_read=min(stream.tell(), job.total))
        except UnsafeArchive as exc:
            job.finish(JobStatus.FAILED, f"Archive refused: {exc}.")
            return
    job.beat(processed=job.total)
    if job.created + job.duplicates + job.failed == 0:
        job.finish(JobStatus.FAILED, "The file holds no records.")
        return
    status = JobStatus.COMPLETED_WITH_ERRORS if job.failed else JobStatus.COMPLETED
    job.finish(status, f"{job.created} created, {job.duplicates} duplicates, {job.failed} failed")
