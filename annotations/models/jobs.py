"""Background jobs: imports and exports."""

import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, connection, models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .projects import Project

User = settings.AUTH_USER_MODEL


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    COMPLETED_WITH_ERRORS = "completed_with_errors", _("Completed with errors")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")  # an export whose file was deleted after its retention time


UNFINISHED = [JobStatus.QUEUED, JobStatus.RUNNING]


class Superseded(Exception):
    """The job was queued again for another run: this run must stop writing."""


class JobQuerySet(models.QuerySet):
    def stale(self):
        """Unfinished jobs whose worker has stopped writing its heartbeat."""
        cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)
        return self.filter(status__in=UNFINISHED, heartbeat_at__lt=cutoff)


class Job(models.Model):
    """A background job: a row that a Celery task takes by id.

    The row is the truth about the job, not the broker: progress, the
    heartbeat and the checkpoint are written on it, so that a job whose
    worker died can be queued again and resume where it stopped.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="%(class)ss")
    owner = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="%(class)ss")
    format = models.CharField(max_length=20)
    status = models.CharField(max_length=24, choices=JobStatus.choices, default=JobStatus.QUEUED)
    checkpoint = models.PositiveBigIntegerField(default=0, help_text="Records done, committed with their rows.")
    attempts = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    run_id = models.CharField(
        max_length=32, blank=True, editable=False, help_text="The lease of the run that holds the job (start())."
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()
    Status = JobStatus  # for templates: job.Status.COMPLETED

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_finished(self):
        return self.status not in UNFINISHED

    @property
    def progress(self):
        """How far the job is, in per cent (of the file's bytes for an
        import, of the claims for an export)."""
        done, total = self.progress_counts()
        return min(100, 100 * done // total) if total else (100 if self.is_finished else 0)

    def progress_counts(self):
        raise NotImplementedError

    def beat(self, **fields):
        """Write the heartbeat (and any progress fields) without touching the
        rest of the row, as the run that holds the job: once the job has been
        queued again for another run, this raises ``Superseded`` (and the
        transaction it is in, a batch with its checkpoint, rolls back)."""
        fields["heartbeat_at"] = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        if not type(self).objects.filter(pk=self.pk, run_id=self.run_id).update(**fields):
            raise Superseded(f"{self} is held by another run now")

    def start(self):
        """Claim the queued job for this run, with a lease of its own (``run_id``).

        False when another worker holds it or it is finished: a message the
        broker delivers twice then does nothing the second time.
        """
        now, run_id = timezone.now(), uuid.uuid4().hex
        claimed = (
            type(self)
            .objects.filter(pk=self.pk, status=JobStatus.QUEUED)
            .update(
                status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1, run_id=run_id
            )
        )
        self.refresh_from_db()
        return bool(claimed)

    @contextmanager
    def heartbeat(self, interval=None):
        """Keep the heartbeat fresh from a thread while the run works, so that
        a slow batch is never taken for a dead worker. The thread writes only
        ``heartbeat_at``, on its own connection, and only while this run
        holds the job. (On SQLite it waits for the batch's write lock, and
        gives up quietly until the next beat.)"""
        interval = interval or max(1, settings.JOB_STALE_SECONDS / 4)
        stop = threading.Event()

        def keep_alive():
            try:
                while not stop.wait(interval):
                    try:
                        type(self).objects.filter(pk=self.pk, run_id=self.run_id).update(heartbeat_at=timezone.now())
                    except OperationalError:
                        pass  # the database is busy or away: the next beat tries again
            finally:
                connection.close()

        thread = threading.Thread(target=keep_alive, name=f"heartbeat-{self}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def finish(self, status, message=""):
        self.beat(status=status, message=message, finished_at=timezone.now())


class ImportJob(Job):
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=300, blank=True)
    encoding = models.CharField(max_length=40, blank=True, help_text="Text encoding; empty: UTF-8 or detected.")
    page_articles = models.BooleanField(
        default=False, help_text="Keep the text of a fact-check page as an article too, besides its fact-checks."
    )
    bytes_read = models.PositiveBigIntegerField(default=0, help_text="Bytes of the file read so far.")
    bytes_total = models.PositiveBigIntegerField(null=True, blank=True, help_text="The file's size.")
    created_count = models.PositiveIntegerField(default=0, help_text="Records that became new articles.")
    duplicate_count = models.PositiveIntegerField(default=0, help_text="Records the project already had.")
    failed_count = models.PositiveIntegerField(default=0, help_text="Records refused, each with its reason.")
    warning_count = models.PositiveIntegerField(
        default=0, help_text="Changes made to records that were kept (a field dropped or repaired), each listed."
    )
    errors = models.JSONField(default=list, blank=True, help_text="Record errors: [{where, reason}], the first 1,000.")
    warnings = models.JSONField(
        default=list, blank=True, help_text="Record warnings: [{where, reason}], the first 1,000."
    )

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="importjob_status_heartbeat")]

    def __str__(self):
        return f"Import {self.pk} ({self.filename or self.format})"

    def summary(self):
        """The counts, in the active language."""
        return gettext("%(created)s created, %(duplicates)s duplicates, %(warnings)s warnings, %(failed)s failed") % {
            "created": self.created_count, "duplicates": self.duplicate_count, "warnings": self.warning_count,
            "failed": self.failed_count,
        }  # fmt: skip

    def shown_message(self):
        """The job's message in the reader's language (a finished job's counts are said afresh)."""
        from ..importers.messages import say

        if self.status in (JobStatus.COMPLETED, JobStatus.COMPLETED_WITH_ERRORS):
            return self.summary()
        return say(self.message)

    def shown_errors(self):
        """The listed errors, each ``where`` and ``reason`` in the reader's language."""
        return _said(self.errors)

    def shown_warnings(self):
        return _said(self.warnings)

    def progress_counts(self):
        return self.bytes_read, self.bytes_total


class ExportJobQuerySet(JobQuerySet):
    def expired(self):
        return self.filter(expires_at__lt=timezone.now()).exclude(status=JobStatus.EXPIRED)


class ExportJob(Job):
    filters = models.JSONField(default=dict, blank=True)
    claims_done = models.PositiveBigIntegerField(default=0, help_text="Claims written so far.")
    claims_total = models.PositiveBigIntegerField(null=True, blank=True, help_text="Claims the export holds.")
    result = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta(Job.Meta):
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="exportjob_status_heartbeat")]

    def __str__(self):
        return f"Export {self.pk} ({self.format})"

    def format_label(self):
        """The format's name as the export form offers it ("Report (PDF)")."""
        from ..exporters import EXPORTERS

        exporter = EXPORTERS.get(self.format)
        return exporter.label if exporter else self.format

    def progress_counts(self):
        return self.claims_done, self.claims_total


def _said(items):
    from ..importers.messages import say

    return [{"where": say(item["where"]), "reason": say(item["reason"])} for item in items]
