"""Celery tasks: thin wrappers that take a job id and run the job.

A task may be delivered twice, or queued again after its worker died; the
job row decides whether there is anything left to do (``Job.start``).
"""

import logging

from celery import shared_task
from django.db import transaction

from . import search
from .exporters import job as exports
from .importers import pipeline
from .models import ExportJob, ImportJob, JobStatus

logger = logging.getLogger(__name__)


def _run(job, work):
    if not job.start():
        logger.info("%s is not queued (%s); nothing to do", job, job.status)
        return
    try:
        work(job)
    except Exception as exc:
        logger.exception("%s failed", job)
        job.finish(JobStatus.FAILED, f"{type(exc).__name__}: {exc}")


@shared_task
def run_import(job_id: int):
    job = ImportJob.objects.select_related("project").filter(pk=job_id).first()
    if job:
        _run(job, pipeline.run)
        if job.created_count:
            # Articles that an import inserted with their search vectors deferred.
            transaction.on_commit(index_search.delay)


@shared_task
def run_export(job_id: int):
    job = ExportJob.objects.select_related("project").filter(pk=job_id).first()
    if job:
        _run(job, exports.run)


@shared_task
def index_search():
    """Fill in the search vectors an import left empty."""
    return search.index_pending()
