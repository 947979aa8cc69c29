"""Exports as jobs: the API, the download's answers, expiry, the command,
and the JSONL export read back by the import without loss."""

import json
import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from annotations import workflow
from annotations.exporters import JSONLExporter
from annotations.exporters import job as export_jobs
from annotations.models import Claim, ExportJob, JobStatus, Role, Verdict

from ..factories import ProjectFactory, member
from .conftest import render

pytestmark = pytest.mark.django_db


def client(user):
    api = APIClient(SERVER_NAME="localhost")
    api.force_authenticate(user)
    return api


def test_an_export_is_queued_polled_and_downloaded(desk, django_capture_on_commit_callbacks):
    editor = client(desk.users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/api/v1/projects/{desk.project.pk}/exports/", {"format": "claimreview"}, format="json")
    assert response.status_code == 202
    job = editor.get(response["Location"]).json()
    assert (job["status"], job["claims_done"], job["claims_total"], job["progress"]) == ("completed", 2, 2, 100)
    download = editor.get(job["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/ld+json"
    assert download["Content-Disposition"].startswith('attachment; filename="demo-claimreview-')
    assert len(json.loads(b"".join(download.streaming_content))) == 2


def test_the_download_answers_409_while_running_and_410_when_failed_or_expired(desk):
    editor = client(desk.users["editor"])
    job = ExportJob.objects.create(project=desk.project, owner=desk.users["editor"], format="csv")
    assert editor.get(f"/api/v1/export-jobs/{job.pk}/download/").status_code == 409
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message="disk full")
    gone = editor.get(f"/api/v1/export-jobs/{job.pk}/download/")
    assert (gone.status_code, gone.json()["error"]["message"]) == (410, "This export is failed: disk full.")


def test_files_expire_after_their_retention_time(desk):
    job = workflow.export_queue(project=desk.project, user=desk.users["editor"], format="csv")
    job.start()
    export_jobs.run(job)
    job.refresh_from_db()
    path = job.result.path
    assert job.status == JobStatus.COMPLETED and job.expires_at > timezone.now() + timedelta(hours=71)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert workflow.exports_expire() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED and not job.result
    assert not os.path.exists(path)
    assert client(desk.users["editor"]).get(f"/api/v1/export-jobs/{job.pk}/download/").status_code == 410


def test_only_editors_and_admins_export(desk):
    url = f"/api/v1/projects/{desk.project.pk}/exports/"
    assert client(desk.users["reviewer"]).post(url, {"format": "csv"}, format="json").status_code == 403
    outsider = member(ProjectFactory(), Role.ADMIN)
    assert client(outsider).post(url, {"format": "csv"}, format="json").status_code == 404
    bad = client(desk.users["editor"]).post(url, {"format": "xlsx"}, format="json")
    assert bad.status_code == 400
    assert not ExportJob.objects.exists()


def test_export_filters_are_validated_and_kept(desk, django_capture_on_commit_callbacks):
    url = f"/api/v1/projects/{desk.project.pk}/exports/"
    filters = {"status": ["published"], "published_after": "2020-01-01", "tag": "nato"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client(desk.users["editor"]).post(url, {"format": "csv", "filters": filters}, format="json")
    job = ExportJob.objects.get(pk=response.json()["id"])
    assert job.filters == filters and (job.status, job.claims_total) == ("completed", 1)
    wrong = client(desk.users["editor"]).post(url, {"format": "csv", "filters": {"status": ["nope"]}}, format="json")
    assert wrong.status_code == 400


def test_the_export_command_writes_the_file(desk, tmp_path):
    out = tmp_path / "claims.csv"
    call_command("export_report", "--project", "demo", "--format", "csv", "-o", str(out), "--inline")
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("claim_id,article_id")


def test_the_jsonl_export_is_imported_back_without_loss(desk, django_capture_on_commit_callbacks):
    content = render(JSONLExporter(desk.project))
    target = ProjectFactory(slug="copy", language="id")
    editor = member(target, Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        job = workflow.import_queue(project=target, user=editor, upload=SimpleUploadedFile("all.jsonl", content))
    job.refresh_from_db()
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED, 2, 0), job.errors

    def snapshot(project):
        claims = Claim.objects.filter(project=project).order_by("start")
        return [
            (c.article.text, c.start, c.end, c.quote, c.statement, c.claimant, c.claimant_type, c.status, c.tags,
             [(v.version, v.status, v.rating.label, v.summary, v.analysis, v.is_current,
               [(e.url, e.title, e.accessed_at) for e in v.evidence.all()])
              for v in Verdict.objects.filter(claim=c).order_by("version")],
             list(project.activities.filter(object_type="claim", object_id=c.pk).values_list("verb", "to_state")))
            for c in claims
        ]  # fmt: skip

    assert snapshot(target) == snapshot(desk.project)
    assert render(JSONLExporter(target)).count(b"\n") == 2
    again = workflow.import_queue(project=target, user=editor, upload=SimpleUploadedFile("all.jsonl", content))
    assert again.pk and Claim.objects.filter(project=target).count() == 3
