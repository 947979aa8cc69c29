"""Jobs through a real broker and real worker processes (not eager)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from annotations import workflow
from annotations.models import Activity, Article, ImportJob, JobStatus, Verb

from .conftest import wait_for
from .factories import MembershipFactory

pytestmark = pytest.mark.worker


def queue_import(lines, **fields):
    membership = MembershipFactory(role="editor")
    content = "".join(json.dumps({"text": text, **fields}, ensure_ascii=False) + "\n" for text in lines)
    with transaction.atomic():
        job = workflow.import_queue(
            project=membership.project, user=membership.user,
            upload=SimpleUploadedFile("feed.jsonl", content.encode()), format="jsonl",
        )  # fmt: skip
    return job


def finished(job):
    job.refresh_from_db()
    return job.is_finished


def test_an_import_job_round_trips_through_a_real_worker(workers):
    workers.start()
    job = queue_import(["Berita satu 🇮🇩.", "Berita dua – “kutipan”."])
    wait_for(lambda: finished(job), timeout=60)
    assert (job.status, job.created_count, job.attempts) == (JobStatus.COMPLETED, 2, 1)
    assert job.started_at and job.finished_at and job.heartbeat_at >= job.started_at
    assert Article.objects.filter(project=job.project).count() == 2


def test_a_job_whose_worker_is_killed_finishes_exactly_once_on_another(workers):
    records = 20_000
    first = workers.start(JOB_BATCH_SIZE=100)
    job = queue_import([f"Artikel nomor {n} tentang rudal – “kutipan” {n}." for n in range(records)])

    def midway():
        job.refresh_from_db()
        return job.checkpoint > 0

    wait_for(midway, timeout=60, interval=0.01)
    workers.kill(first)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING, "the job must still be running when its worker dies"
    assert 0 < job.checkpoint < records

    # Beat's periodic round finds the job silent and queues it again.
    workers.start(beat=True, JOB_BATCH_SIZE=100, JOB_STALE_SECONDS=2, JOB_RECOVERY_INTERVAL_SECONDS=1)
    wait_for(lambda: finished(job), timeout=120)
    assert job.status == JobStatus.COMPLETED
    assert (job.created_count, job.duplicate_count, job.failed_count) == (records, 0, 0)
    assert job.attempts == 2
    assert Article.objects.filter(project=job.project).count() == records
    assert Activity.objects.filter(verb=Verb.JOB_REQUEUED, object_id=job.pk).count() == 1


def test_a_redelivered_task_does_nothing_once_the_job_is_done(workers):
    workers.start()
    job = queue_import(["Hanya satu."])
    wait_for(lambda: finished(job), timeout=60)
    from annotations.tasks import run_import

    run_import.delay(job.pk)
    run_import.delay(job.pk)
    marker = queue_import(["Penanda."])  # queued after the repeats: done means they were handled
    wait_for(lambda: finished(marker), timeout=60)
    assert ImportJob.objects.get(pk=job.pk).attempts == 1
    assert Article.objects.filter(project=job.project).count() == 1
