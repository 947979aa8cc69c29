"""Every state transition and cross-model write.

Views, serializers, tasks and management commands call these functions;
none of them changes a state by itself. Each function is atomic, validates
the objects it writes and leaves an Activity row behind.
"""

import logging

from django.db import transaction
from django.utils import timezone

from .models import Activity, Claim, ExportJob, ImportJob, JobStatus, Project

logger = logging.getLogger(__name__)


def activity_log(*, project, actor, verb, obj, from_state="", to_state="", comment=""):
    """Record who did what to which object, and the states it moved between."""
    return Activity.objects.create(
        project=project,
        actor=actor if actor and actor.is_authenticated else None,
        verb=verb,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )


@transaction.atomic
def claim_mark(*, article, user, start: int, end: int, quote: str = "", **fields) -> Claim:
    """Mark the span ``article.text[start:end]`` as a claim.

    ``quote``, when given, must equal the text at those offsets; the stored
    quote is always taken from the article text itself.
    """
    claim = Claim(
        project=article.project, article=article, start=start, end=end, quote=quote, created_by=user, **fields
    )
    claim.full_clean()
    claim.save()
    activity_log(project=claim.project, actor=user, verb="marked", obj=claim, to_state=claim.status)
    return claim


def import_queue(*, project: Project, user, upload, format: str) -> ImportJob:
    """Store an uploaded file as an import job and queue it once the row is committed."""
    from .tasks import run_import

    with transaction.atomic():
        job = ImportJob(project=project, owner=user, format=format, filename=upload.name[:300])
        job.file.save(upload.name, upload, save=False)
        job.full_clean()
        job.save()
        activity_log(project=project, actor=user, verb="queued", obj=job, to_state=job.status)
        transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


def jobs_requeue_stale() -> int:
    """Queue again every unfinished job whose heartbeat has gone silent.

    Brokers do not reliably re-deliver the task of a worker that died, so
    the job rows are the record of what still has to run. The conditional
    update lets only one of several workers requeue a given job, and a job
    resumes from its committed checkpoint.
    """
    from .tasks import run_export, run_import

    requeued = 0
    for model, task in ((ImportJob, run_import), (ExportJob, run_export)):
        for job in model.objects.stale().select_related("project"):
            with transaction.atomic():
                taken = model.objects.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at).update(
                    status=JobStatus.QUEUED, heartbeat_at=timezone.now()
                )
                if taken:
                    activity_log(
                        project=job.project,
                        actor=None,
                        verb="requeued",
                        obj=job,
                        from_state=job.status,
                        to_state=JobStatus.QUEUED,
                        comment="heartbeat went silent",
                    )
                    transaction.on_commit(lambda pk=job.pk, task=task: task.delay(pk))
            if taken:
                logger.warning("Requeued stale %s %s (was %s)", model.__name__, job.pk, job.status)
                requeued += 1
    return requeued
