"""The shared import pipeline: read records, validate them, write batches.

Every batch is written in one transaction together with the job's counts
and checkpoint, so a job that is interrupted and run again resumes after
the last committed record and counts nothing twice.
"""

from itertools import islice

from django.conf import settings
from django.db import transaction

from ..models import ImportJob, JobStatus
from . import READERS, articles, claimreview_writer
from .archive import UnsafeArchive

# Errors beyond this many are counted but not listed on the job row.
MAX_LISTED_ERRORS = 1000


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


def run(job: ImportJob):
    """Import the job's file, resuming after its checkpoint."""
    reader = READERS[job.format]
    with job.file.open("rb") as stream:
        job.beat(total=job.file.size)
        try:
            records = (r for r in reader(stream, encoding=job.encoding) if r.number > job.checkpoint)
            while batch := list(islice(records, settings.JOB_BATCH_SIZE)):
                _write_batch(job, batch, bytes_read=min(stream.tell(), job.total))
        except UnsafeArchive as exc:
            job.finish(JobStatus.FAILED, f"Archive refused: {exc}.")
            return
    job.beat(processed=job.total)
    if job.created + job.duplicates + job.failed == 0:
        job.finish(JobStatus.FAILED, "The file holds no records.")
        return
    status = JobStatus.COMPLETED_WITH_ERRORS if job.failed else JobStatus.COMPLETED
    job.finish(status, f"{job.created} created, {job.duplicates} duplicates, {job.failed} failed")
