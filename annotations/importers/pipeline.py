"""The shared import pipeline: read records, validate them, write batches.

Every batch is written in one transaction together with the job's counts
and checkpoint, so a job that is interrupted and run again resumes after
the last committed record and counts nothing twice.

A thread reads and cleans the next batch while this one is written: the
database checks a batch's foreign keys at its commit, and Python would
otherwise wait for that.
"""

import logging
import threading
from itertools import islice
from queue import Empty, Full, Queue

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


def _write_batch(job: ImportJob, writer, batch, checkpoint: int, bytes_read: int):
    with transaction.atomic():
        created, duplicates, errors = writer.write(job, batch)
        listed = job.errors + errors[: max(0, MAX_LISTED_ERRORS - len(job.errors))]
        job.beat(
            created=job.created + created,
            duplicates=job.duplicates + duplicates,
            failed=job.failed + len(errors),
            errors=listed,
            checkpoint=checkpoint,
            processed=bytes_read,
        )


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


def read_ahead(items):
    """Yield the items of an iterator that a thread takes one ahead.

    The thread's exceptions are raised here. When the consumer stops early,
    the thread stops after the item it is making.
    """
    queue, stop, end = Queue(maxsize=1), threading.Event(), object()

    def put(entry):
        while not stop.is_set():
            try:
                return queue.put(entry, timeout=0.1)
            except Full:
                continue

    def produce():
        try:
            for item in items:
                put((item, None))
                if stop.is_set():
                    return
            put((end, None))
        except BaseException as exc:  # noqa: BLE001 -- handed to the consumer
            put((end, exc))

    thread = threading.Thread(target=produce, name="import-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item, error = queue.get()
            if error is not None:
                raise error
            if item is end:
                return
            yield item
    finally:
        stop.set()
        try:
            queue.get_nowait()  # a put that is waiting returns
        except Empty:
            pass
        thread.join()


def _batches(job: ImportJob, stream, writer):
    """(cleaned batch, checkpoint, bytes read) after the job's checkpoint."""
    reader = READERS[job.format]
    records = (r for r in reader(stream, encoding=job.encoding) if r.number > job.checkpoint)
    while batch := list(islice(records, settings.JOB_BATCH_SIZE)):
        yield writer.prepare(job, batch), batch[-1].number, min(stream.tell(), job.total)


def run(job: ImportJob):
    """Import the job's file, resuming after its checkpoint."""
    writer = claimreview_writer if job.format == "claimreview" else articles
    job.project  # noqa: B018 -- loaded here: the read-ahead thread runs no query
    with job.file.open("rb") as stream:
        job.beat(total=job.file.size)
        try:
            for batch, checkpoint, bytes_read in read_ahead(_batches(job, stream, writer)):
                _write_batch_retrying(job, writer, batch, checkpoint, bytes_read)
        except UnsafeArchive as exc:
            job.finish(JobStatus.FAILED, f"Archive refused: {exc}.")
            return
    job.beat(processed=job.total)
    if job.created + job.duplicates + job.failed == 0:
        job.finish(JobStatus.FAILED, "The file holds no records.")
        return
    status = JobStatus.COMPLETED_WITH_ERRORS if job.failed else JobStatus.COMPLETED
    job.finish(status, f"{job.created} created, {job.duplicates} duplicates, {job.failed} failed")
