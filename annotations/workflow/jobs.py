"""Import and export jobs: queueing, expiry, recovery."""

import logging
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import (
    ExportJob,
    ImportJob,
    JobStatus,
    Project,
    Verb,
)
from .base import FileTooLarge, activity_log

logger = logging.getLogger(__name__)


def import_queue(
    *, project: Project, user, upload, format: str = "", encoding: str = "", page_articles: bool = False
) -> ImportJob:
    """Store an uploaded file as an import job and queue it once the row is committed.

    The format defaults to the one the file's name says; an empty file or an
    unknown type is refused here, before any job exists. ``page_articles``:
    a fact-check page gives its article text as well as its fact-checks.
    """
    from ..importers import FORMATS, format_for
    from ..importers.readers.records import text_encoding
    from ..tasks import run_import

    permissions.check(user, "article.import", project)
    format = format or format_for(upload.name, upload) or ""
    upload.seek(0)
    if format not in FORMATS:
        raise ValidationError(
            {
                "file": _("Unsupported file type %(name)s: use one of %(formats)s.")
                % {"name": repr(upload.name), "formats": ", ".join(sorted(FORMATS))}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise FileTooLarge(upload.size)
    if encoding and not text_encoding(encoding):
        raise ValidationError(
            {"encoding": _("Unknown text encoding %(name)s: name one such as utf-8, cp1252 or iso-8859-2.")
             % {"name": repr(encoding)}}
        )  # fmt: skip
    with transaction.atomic():
        job = ImportJob(
            project=project, owner=user, format=format, encoding=encoding, page_articles=page_articles,
            filename=PurePath(upload.name).name[:300],
        )  # fmt: skip
        job.file.save(upload.name, upload, save=False)
        job.full_clean()
        job.save()
        activity_log(project=project, actor=user, verb=Verb.JOB_QUEUED, obj=job, to_state=job.status)
        transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


def export_queue(*, project: Project, user, format: str, filters: dict | None = None) -> ExportJob:
    """Create an export job and queue it once the row is committed. The
    filters are validated here, for every caller (``exporters.filters``)."""
    from ..exporters import EXPORTERS
    from ..exporters.filters import clean
    from ..tasks import run_export

    permissions.check(user, "article.export", project)
    if format not in EXPORTERS:
        raise ValidationError(
            {
                "format": _("Unknown format %(name)s: use one of %(formats)s.")
                % {"name": repr(format), "formats": ", ".join(EXPORTERS)}
            }
        )
    filters = clean(filters)
    with transaction.atomic():
        job = ExportJob(project=project, owner=user, format=format, filters=filters)
        job.full_clean()
        job.save()
        activity_log(project=project, actor=user, verb=Verb.JOB_QUEUED, obj=job, to_state=job.status)
        transaction.on_commit(lambda: run_export.delay(job.pk))
    return job


def exports_expire() -> int:
    """Delete the files of exports past their retention time."""
    expired = 0
    for job in ExportJob.objects.expired().select_related("project"):
        with transaction.atomic():
            if (
                not ExportJob.objects.filter(pk=job.pk)
                .exclude(status=JobStatus.EXPIRED)
                .update(status=JobStatus.EXPIRED, result="")
            ):
                continue
            activity_log(project=job.project, actor=None, verb=Verb.JOB_EXPIRED, obj=job, from_state=job.status,
                         to_state=JobStatus.EXPIRED)  # fmt: skip
        if job.result:
            job.result.delete(save=False)
        expired += 1
    return expired


def jobs_requeue_stale() -> int:
    """Queue again every unfinished job whose heartbeat has gone silent.

    Brokers do not reliably re-deliver the task of a worker that died, so
    the job rows are the record of what still has to run. The conditional
    update lets only one of several workers requeue a given job, and a job
    resumes from its committed checkpoint.
    """
    from ..tasks import run_export, run_import

    requeued = 0
    for model, task in ((ImportJob, run_import), (ExportJob, run_export)):
        for job in model.objects.stale().select_related("project"):
            with transaction.atomic():
                # A new lease: a run that was only slow, not dead, finds its
                # lease gone at its next beat and stops (Job.beat).
                taken = model.objects.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at).update(
                    status=JobStatus.QUEUED, heartbeat_at=timezone.now(), run_id=""
                )
                if taken:
                    activity_log(
                        project=job.project, actor=None, verb=Verb.JOB_REQUEUED, obj=job,
                        from_state=job.status, to_state=JobStatus.QUEUED, comment="heartbeat went silent",
                    )  # fmt: skip
                    transaction.on_commit(lambda pk=job.pk, task=task: task.delay(pk))
            if taken:
                logger.warning("Requeued stale %s %s (was %s)", model.__name__, job.pk, job.status)
                requeued += 1
    return requeued
