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
from annotations.models import Activity, Claim, Comment, ExportJob, JobStatus, Role, Verb, Verdict

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
    # A date is kept as the moment it stands for: its first moment, in UTC.
    assert job.filters == {**filters, "published_after": "2020-01-01T00:00:00+00:00"}
    assert (job.status, job.claims_total) == ("completed", 1)
    wrong = client(desk.users["editor"]).post(url, {"format": "csv", "filters": {"status": ["nope"]}}, format="json")
    assert wrong.status_code == 400


def test_a_bad_item_of_a_list_filter_is_named_by_its_place_and_reason(desk):
    url = f"/api/v1/projects/{desk.project.pk}/exports/"
    filters = {"rating": [desk.project.ratings.first().pk, 10**30]}
    response = client(desk.users["editor"]).post(url, {"format": "csv", "filters": filters}, format="json")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message.startswith("filters.rating: item 2: ") and "less than or equal to" in message
    assert not ExportJob.objects.exists()


def test_the_export_command_writes_the_file(desk, tmp_path):
    out = tmp_path / "claims.csv"
    call_command("export_report", "--project", "demo", "--format", "csv", "-o", str(out), "--inline")
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("claim_id,article_id")


def _history(project):
    """Everything a project holds about its claims, with people by username
    and without database ids or the import's own trace."""

    def user(u):
        return u.username if u else None

    def events(obj):
        return [
            (user(a.actor), a.verb, a.from_state, a.to_state, a.comment, a.created_at)
            for a in Activity.objects.filter(object_type=obj._meta.model_name, object_id=obj.pk)
            .exclude(verb=Verb.CLAIM_IMPORTED)
            .order_by("id")
        ]

    def comments(**target):
        return [
            (user(c.author), c.body, c.resolved, user(c.resolved_by), c.created_at)
            for c in Comment.objects.filter(**target).order_by("id")
        ]

    rows = []
    for c in Claim.objects.filter(project=project).order_by("article__text_hash", "start"):
        rows.append(
            (
                c.article.text,
                c.article.title,
                c.article.url,
                c.article.published_at,
                c.start,
                c.end,
                c.quote,
                c.statement,
                c.claimant,
                c.claimant_url,
                c.claimant_type,
                c.claim_date,
                c.appearance_urls,
                c.check_worthiness,
                c.tags,
                c.status,
                (c.duplicate_of.quote if c.duplicate_of else None),
                user(c.created_by),
                user(c.assignee),
                c.created_at,
                events(c),
                comments(claim=c),
                [
                    (
                        v.version,
                        v.status,
                        v.is_current,
                        v.rating.label,
                        v.summary,
                        v.analysis,
                        user(v.author),
                        user(v.reviewed_by),
                        v.published_at,
                        v.correction_note,
                        bool(v.corrects_id),
                        events(v),
                        comments(verdict=v),
                        [
                            (e.url, e.title, e.quote, e.archived_url, e.accessed_at, e.kind, e.order)
                            for e in v.evidence.all()
                        ],
                    )
                    for v in Verdict.objects.filter(claim=c).order_by("version")
                ],
            )
        )
    return rows


def test_the_jsonl_export_is_imported_back_without_loss(desk, django_capture_on_commit_callbacks):
    users = desk.users
    workflow.comment_add(user=users["editor"], claim=desk.open_claim, body="Cek lagi sumbernya.")
    note = workflow.comment_add(user=users["reviewer"], verdict=desk.verdict, body="Sumber kedua lemah?")
    workflow.comment_resolve(comment=note, user=users["editor"])
    workflow.verdict_correct(verdict=desk.verdict, user=users["editor"], correction_note="Ringkasan diperjelas.",
                             summary="AS memang menuduh demikian, dua kali.")  # fmt: skip
    original = desk.open_claim
    repeat = workflow.claim_mark(article=original.article, user=users["annotator"], start=0, end=6, tags=["ulang"])
    workflow.claim_mark_duplicate(claim=repeat, user=users["reviewer"], original=original)
    content = render(JSONLExporter(desk.project))

    # The same people are members of the target project, so that the names link up again.
    target = ProjectFactory(slug="copy", language="id")
    for membership in desk.project.memberships.all():
        target.memberships.create(user=membership.user, role=membership.role)
    editor = users["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        job = workflow.import_queue(project=target, user=editor, upload=SimpleUploadedFile("all.jsonl", content))
    job.refresh_from_db()
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED, 2, 0), job.errors
    assert _history(target) == _history(desk.project)
    assert Activity.objects.filter(project=target, verb=Verb.CLAIM_IMPORTED).count() == 4

    # Exported again, the copy gives the same file but for the import's own
    # trace; imported again, nothing is added.
    def without_import_trace(jsonl):
        records = [json.loads(line) for line in jsonl.splitlines()]
        for claim in (claim for record in records for claim in record["claims"]):
            claim["activity"] = [event for event in claim["activity"] if event["verb"] != Verb.CLAIM_IMPORTED]
        return records

    assert without_import_trace(render(JSONLExporter(target))) == without_import_trace(content)
    with django_capture_on_commit_callbacks(execute=True):
        again = workflow.import_queue(project=target, user=editor, upload=SimpleUploadedFile("all.jsonl", content))
    again.refresh_from_db()
    assert (again.status, again.created_count, again.duplicate_count) == (JobStatus.COMPLETED, 0, 2)
    assert Claim.objects.filter(project=target).count() == 4


def test_an_imported_history_links_no_one_outside_the_project(desk, django_capture_on_commit_callbacks):
    content = render(JSONLExporter(desk.project))
    target = ProjectFactory(slug="elsewhere", language="id")
    editor = member(target, Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        job = workflow.import_queue(project=target, user=editor, upload=SimpleUploadedFile("all.jsonl", content))
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETED, job.errors
    claims = Claim.objects.filter(project=target)
    assert claims.count() == 3 and not claims.exclude(created_by=None).exists()
    assert not Verdict.objects.filter(claim__project=target).exclude(author=None).exists()
    linked = set(Activity.objects.filter(project=target).exclude(actor=None).values_list("actor", flat=True))
    assert linked == {editor.pk}  # only the import's own trace
