"""Fact-checks by others, imported from the files publishers really serve
(tests/data/factchecks: Meedan's fixtures of some 20 fact-checking
organisations), in a ZIP as a desk would collect them."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations import workflow
from annotations.exporters import ClaimReviewExporter, FeverExporter
from annotations.factchecks import extract_html, extract_json
from annotations.models import ExternalFactCheck, JobStatus

from ..conftest import published
from ..exporters.conftest import render
from ..factchecks.fixtures import documents
from ..factchecks.realdata import source_files

pytestmark = pytest.mark.django_db


def meedan_zip(source="meedan-fetch"):
    """Every page and API answer of the source's fixtures, one file each, zipped."""
    buffer, urls = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in source_files(source):
            for index, document in enumerate(documents(path)):
                if document.kind == "html":
                    archive.writestr(f"{path.stem}-{index}.html", document.content)
                    found = extract_html(document.content)
                else:
                    archive.writestr(f"{path.stem}-{index}.json", json.dumps(document.content, ensure_ascii=False))
                    found = extract_json(document.content)
                urls |= {record.url or record.claim_reviewed for record in found.records}
    return buffer.getvalue(), urls


def test_the_fact_checks_in_a_zip_of_real_pages_and_api_answers_all_arrive(desk, django_capture_on_commit_callbacks):
    content, expected = meedan_zip()
    editor = desk.users["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        job = workflow.import_queue(project=desk.project, user=editor, upload=SimpleUploadedFile("meedan.zip", content))
    job.refresh_from_db()
    assert job.status in (JobStatus.COMPLETED, JobStatus.COMPLETED_WITH_ERRORS)
    stored = set(ExternalFactCheck.objects.filter(project=desk.project).values_list("key", flat=True))
    assert len(expected) >= 60 and len(stored) == len(expected)
    # Ratings read in the publisher's language and kept as published, not as ratings of the desk.
    by_label = dict(ExternalFactCheck.objects.values_list("rating_label", "verdict_class"))
    assert {by_label[label] for label in ("Falso", "Faux", "Falsch", "False")} == {"false"}
    assert by_label["Engañoso"] == by_label["Misleading"] == "misleading"
    assert desk.project.ratings.filter(label__in=list(by_label)).count() == 0
    assert job.warning_count == len(job.warnings) > 0
    # Imported again, nothing is added.
    with django_capture_on_commit_callbacks(execute=True):
        again = workflow.import_queue(
            project=desk.project, user=editor, upload=SimpleUploadedFile("again.zip", content)
        )
    again.refresh_from_db()
    assert ExternalFactCheck.objects.filter(project=desk.project).count() == len(expected)
    assert again.duplicate_count >= len(expected)


def test_the_desks_exports_hold_only_the_desks_own_work_after_importing_others(
    desk, django_capture_on_commit_callbacks
):
    published(desk)
    content, _ = meedan_zip()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.import_queue(
            project=desk.project, user=desk.users["editor"], upload=SimpleUploadedFile("m.zip", content)
        )
    assert ExternalFactCheck.objects.count() > 60
    reviews = json.loads(render(ClaimReviewExporter(desk.project)))
    assert [review["claimReviewed"] for review in reviews] == [desk.claim.statement or desk.claim.quote]
    assert {review["author"]["name"] for review in reviews} == {desk.project.publisher_name}
    assert len(render(FeverExporter(desk.project)).splitlines()) == 1


def _imported(desk, django_capture_on_commit_callbacks):
    review = {"@type": "ClaimReview", "claimReviewed": "Korea Utara menyuplai rudal ke Rusia", "url": "https://x.example/3",
              "author": {"@type": "Organization", "name": "Cek Lain"}, "inLanguage": "id",
              "reviewRating": {"alternateName": "Sebagian benar"}}  # fmt: skip
    upload = SimpleUploadedFile("one.jsonld", json.dumps(review).encode())
    with django_capture_on_commit_callbacks(execute=True):
        workflow.import_queue(project=desk.project, user=desk.users["editor"], upload=upload)
    return ExternalFactCheck.objects.get()


def test_fact_checks_by_others_are_listed_searched_and_shown_to_members_only(desk, django_capture_on_commit_callbacks):
    from django.test import Client
    from rest_framework.test import APIClient

    fact_check = _imported(desk, django_capture_on_commit_callbacks)
    api = APIClient(SERVER_NAME="localhost")
    api.force_authenticate(desk.users["annotator"])
    rows = api.get("/api/v1/fact-checks/?q=rudal").json()["results"]
    assert [(row["id"], row["verdict_class"], row["rating_label"]) for row in rows] == [
        (fact_check.pk, "mixed", "Sebagian benar")
    ]
    assert api.get("/api/v1/fact-checks/?q=vaksin").json()["results"] == []
    outsider = APIClient(SERVER_NAME="localhost")
    outsider.force_authenticate(desk.users["outsider"])
    assert outsider.get("/api/v1/fact-checks/").json()["results"] == []
    assert outsider.get(f"/api/v1/fact-checks/{fact_check.pk}/").status_code == 404
    page = Client(SERVER_NAME="localhost")
    page.force_login(desk.users["annotator"])
    html = page.get(f"/projects/{desk.project.slug}/fact-checks/?verdict_class=mixed").content.decode()
    assert "Korea Utara menyuplai rudal ke Rusia" in html and "Cek Lain" in html
    detail = page.get(f"/projects/{desk.project.slug}/fact-checks/{fact_check.pk}/").content.decode()
    assert "A fact-check by Cek Lain, not by this desk." in detail and "https://x.example/3" in detail


def test_the_import_command_lists_what_it_kept_with_a_change(desk, tmp_path, capsys):
    from django.core.management import call_command

    review = {"@type": "ClaimReview", "claimReviewed": "Bumi datar", "url": "https://x.example/4",
              "datePublished": "2024-06-19 08:00", "reviewRating": {"alternateName": "Salah"}}  # fmt: skip
    path = tmp_path / "one.jsonld"
    path.write_text(json.dumps(review))
    call_command("import_articles", str(path), "--project", desk.project.slug, "--user", "editor", "--inline")
    out, err = capsys.readouterr()
    job = desk.project.importjobs.get()
    assert f"1 created, 0 duplicates, {job.warning_count} warnings, 0 failed" in out and job.warning_count >= 1
    assert "warning: record 1: datePublished" in err
    assert all(f"warning: record 1: {warning['reason']}" in err for warning in job.warnings)
