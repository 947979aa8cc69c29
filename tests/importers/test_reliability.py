"""Imports that cannot be turned against the desk: a live job is never run
twice, one bad record never fails a file, no stored reason breaks a page."""

import json
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from annotations import workflow
from annotations.importers.writers import articles
from annotations.models import Article, Claim, ImportJob, JobStatus, Superseded, Verdict

from .test_pipeline import line

pytestmark = pytest.mark.django_db


def test_a_run_whose_job_was_queued_again_stops_at_its_next_beat(run_import, settings):
    job = run_import("one.jsonl", line(text="Satu."))
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    job.refresh_from_db()
    assert job.start()
    settings.JOB_STALE_SECONDS = 2
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=10))
    assert workflow.jobs_requeue_stale() == 1  # taken for dead: its lease is gone
    with pytest.raises(Superseded):
        job.beat(created_count=99)
    assert ImportJob.objects.get(pk=job.pk).created_count == 1


def test_a_superseded_run_leaves_the_job_to_the_new_run_without_failing_it(run_import, monkeypatch, settings):
    settings.JOB_BATCH_SIZE = 1
    settings.JOB_STALE_SECONDS = 2
    write, calls = articles.write, []

    def slow_then_requeued(job, batch):
        calls.append(batch)
        if len(calls) == 2:  # the worker looked dead: another run took the job meanwhile
            ImportJob.objects.filter(pk=job.pk).update(run_id="another-run")
        return write(job, batch)

    monkeypatch.setattr(articles, "write", slow_then_requeued)
    job = run_import("many.jsonl", b"".join(line(text=f"Artikel {n}.") for n in range(5)))
    # The run stopped at the beat after its second batch; that batch, its
    # checkpoint and the requeue made inside it (here: no other process) were rolled back.
    assert (job.status, job.message, job.created_count, job.checkpoint) == (JobStatus.RUNNING, "", 1, 1)
    assert Article.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: the beat waits for the batch")
@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_stays_fresh_while_a_slow_batch_works(editor, project):
    job = ImportJob.objects.create(project=project, owner=editor, format="jsonl", status=JobStatus.QUEUED)
    assert job.start()
    started = ImportJob.objects.get(pk=job.pk).heartbeat_at
    with job.heartbeat(interval=0.1), transaction.atomic():
        Article.objects.filter(project=project).select_for_update().count()  # a batch holding its transaction
        time.sleep(0.6)
    assert ImportJob.objects.get(pk=job.pk).heartbeat_at > started + timedelta(seconds=0.2)


def _record(text, **claim):
    good = {"start": 0, "end": 5, "statement": "Klaim."}
    return line(text=text, claims=[{**good, **claim}])


@pytest.mark.parametrize(
    "poison",
    [
        {"verdicts": [{"status": "bogus", "rating": "Salah", "summary": "x"}]},
        {"verdicts": [{"status": "draft", "evidence": [{"url": "https://x.example/", "kind": "evil"}]}]},
        {"verdicts": [{"status": "draft", "version": 0, "rating": "Salah"}]},
        {"verdicts": [{"status": "draft", "is_current": True}, {"status": "draft", "is_current": True, "version": 2}]},
        {"activity": [{"verb": 5}]},
        {"activity": [{"verb": "approved; forged"}]},
        {"verdicts": [{"status": "draft", "summary": {"a": 1}}]},
        {"verdicts": [{"status": "draft", "evidence": [{"url": "javascript:alert(document.cookie)"}]}]},
        {"appearance_urls": ["javascript:alert(document.domain)"]},
    ],
    ids=["bad-status", "bad-kind", "version-0", "two-current", "verb-number", "unknown-verb", "summary-object",
         "javascript-evidence", "javascript-appearance"],
)  # fmt: skip
def test_one_bad_record_is_reported_and_the_rest_of_the_file_imports(run_import, poison):
    content = b"".join([_record("Satu baik."), _record("Dua buruk.", **poison), _record("Tiga baik.")])
    job = run_import("history.jsonl", content)
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED_WITH_ERRORS, 2, 1), job.errors
    assert job.errors[0]["where"] == "line 2"
    assert sorted(Article.objects.values_list("text", flat=True)) == ["Satu baik.", "Tiga baik."]
    assert not Claim.objects.filter(article__text="Dua buruk.").exists()


def test_imported_verdicts_stay_drafts_unless_the_importer_may_publish_them(run_import, project, editor):
    project.allow_self_approval = False
    project.save()
    published = {"status": "published", "rating": "Salah", "summary": "Tidak benar.", "author": editor.username,
                 "published_at": "2024-06-19T08:00:00Z"}  # fmt: skip
    job = run_import("history.jsonl", _record("Klaim diterbitkan.", status="published", verdicts=[published]))
    assert job.status == JobStatus.COMPLETED, job.errors
    verdict = Verdict.objects.get()
    # The importer wrote it (they are its author here): four eyes hold, so it arrives as a draft.
    assert (verdict.status, verdict.claim.status) == ("draft", "in_progress")
    assert job.warning_count == 1 and "draft" in job.warnings[0]["reason"]
    page = Client(SERVER_NAME="localhost").get(f"/claims/{verdict.claim_id}/report/")
    assert page.status_code == 404  # nothing public that nobody reviewed


def test_an_undecodable_csv_header_is_reported_and_every_page_still_answers(run_import, project, editor):
    job = run_import("header.csv", b"titl\x81e;body\nhello;world\n", encoding="cp1252")
    assert job.status == JobStatus.FAILED or job.failed_count >= 1
    stored = json.dumps(ImportJob.objects.values("errors", "message").get(pk=job.pk))
    stored.encode("utf-8")  # nothing a UTF-8 page cannot hold
    api = APIClient(SERVER_NAME="localhost")
    api.force_authenticate(editor)
    assert api.get(f"/api/v1/import-jobs/{job.pk}/").status_code == 200
    assert api.get(f"/api/v1/import-jobs/?project={project.pk}").status_code == 200
    client = Client(SERVER_NAME="localhost")
    client.force_login(editor)
    assert client.get(f"/projects/{project.slug}/imports/{job.pk}/").status_code == 200


def test_a_line_longer_than_the_record_limit_is_reported_without_being_held(run_import, settings):
    settings.IMPORT_MAX_RECORD_BYTES = 1024
    content = line(text="Pendek.") + line(text="x" * 5000) + line(text="Juga pendek.")
    job = run_import("long.jsonl", content)
    assert (job.created_count, job.failed_count) == (2, 1)
    assert job.errors == [{"where": "line 2", "reason": "line longer than 1024 bytes"}]


def test_a_plain_text_file_longer_than_a_text_may_be_is_refused_as_read(run_import, settings):
    settings.IMPORT_MAX_TEXT_CHARS = 100
    job = run_import("long.txt", b"a" * 10_000)
    assert job.errors == [{"where": "file", "reason": "text longer than 100 characters"}]
