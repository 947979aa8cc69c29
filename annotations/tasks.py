"""Celery tasks: thin wrappers that take a job id and run the job.

A task may be delivered twice, or queued again after its worker died; the
job row decides whether there is anything left to do (``Job.start``).
"""

import logging

from celery import shared_task
from celery.signals import worker_ready
from django.db import transaction

from . import search, suggestions, workflow
from .exporters import job as exports
from .importers import pipeline
from .models import Article, ExportJob, ImportJob, JobStatus, Superseded
from .text import message

logger = logging.getLogger(__name__)


def _run(job, work):
    if not job.start():
        logger.info("%s is not queued (%s); nothing to do", job, job.status)
        return
    try:
        with job.heartbeat():
            work(job)
    except Superseded:
        logger.warning("%s was queued again for another run; this run stops", job)
    except Exception as exc:
        logger.exception("%s failed", job)
        try:
            job.finish(JobStatus.FAILED, message(f"{type(exc).__name__}: {exc}"))
        except Superseded:
            logger.warning("%s failed here, but another run holds it now", job)


@shared_task
def run_import(job_id: int):
    job = ImportJob.objects.select_related("project").filter(pk=job_id).first()
    if job:
        # The articles it writes come after this id: the indexing need not read those before.
        before = Article.objects.order_by("-id").values_list("id", flat=True).first() or 0
        _run(job, pipeline.run)
        if job.created_count:
            # Articles that an import inserted with their search vectors deferred.
            transaction.on_commit(lambda: index_search.delay(after=before))
            transaction.on_commit(score_sentences.delay)
        # Claims and other publishers' fact-checks it brought need their vectors ("checked before?").
        transaction.on_commit(embed_texts.delay)


@shared_task
def run_export(job_id: int):
    job = ExportJob.objects.select_related("project").filter(pk=job_id).first()
    if job:
        _run(job, exports.run)


@shared_task
def index_search(limit=None, after=0):
    """Fill in the search vectors an import left empty (those of articles with ids above ``after``)."""
    return search.index_pending(limit=limit, after=after)


def _an_import_runs():
    """Background work that would take an import's CPU waits for it: the
    import queues that work again when it ends, and beat catches the rest."""
    return ImportJob.objects.filter(status=JobStatus.RUNNING).exists()


@shared_task
def score_sentences():
    """Split and score the sentences of new articles, a batch per task, so
    that imports and exports never wait behind a long scoring run. While an
    import runs, scoring waits for it: it must not take the import's CPU."""
    if _an_import_runs():
        return 0
    done = suggestions.score_pending()
    if done == suggestions.BATCH_ARTICLES:
        transaction.on_commit(score_sentences.delay)
    return done


@shared_task
def embed_texts():
    """Store the vectors of new or edited claims and new fact-checks of
    others, a batch per task (each text costs tens of milliseconds). Like
    scoring, it waits while an import runs, and for the same reason."""
    if _an_import_runs():
        return 0
    from . import checked_before  # numpy and the embedding model: only where embedding runs

    done = checked_before.embed_pending()
    if done == checked_before.BATCH:
        transaction.on_commit(embed_texts.delay)
    return done


@shared_task
def retrain_checkworthiness(project_id: int):
    from .models import Project

    project = Project.objects.filter(pk=project_id).first()
    if project:
        suggestions.retrain(project)


@shared_task
def compute_agreement(project_id: int):
    """Agreement of the project's annotators, and of its reviewers who rated
    verdicts independently, stored for the pages and the API, a whole
    project at once (the measures themselves take seconds for
    10,000 articles: make bench-agreement)."""
    from . import adjudication
    from .models import Project

    project = Project.objects.filter(pk=project_id).first()
    if project:
        return adjudication.compute_agreement(project)


# Periodic (settings.CELERY_BEAT_SCHEDULE) ---------------------------------


@shared_task
def jobs_requeue_stale():
    return workflow.jobs_requeue_stale()


@shared_task
def exports_expire():
    return workflow.exports_expire()


@shared_task
def agreement_refresh():
    """Recompute the agreement of every project with independent articles
    or independent ratings (a recomputation queued after an adjudication may
    have been lost)."""
    from .models import IndependentRating, IndependentState, Project

    independent = [IndependentState.AWAITING, IndependentState.ADJUDICATED]
    projects = set(
        Project.objects.filter(articles__independent__in=independent).distinct().values_list("pk", flat=True)
    )
    projects |= set(IndependentRating.objects.values_list("claim__project_id", flat=True).distinct())
    for pk in sorted(projects):
        compute_agreement.delay(pk)


@worker_ready.connect
def recover_at_start(sender=None, **kwargs):
    """A worker that starts, perhaps after the crash of another, looks for
    orphaned jobs at once rather than at beat's next round."""
    jobs_requeue_stale.delay()
