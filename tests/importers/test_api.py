"""Uploading an import through the API."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from annotations.models import Article, ImportJob

from ..factories import MembershipFactory
from .conftest import DATA

pytestmark = pytest.mark.django_db


def upload(user, project, name, content=None, **fields):
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(user)
    content = (DATA / name).read_bytes() if content is None else content
    return client.post(
        f"/api/v1/projects/{project.pk}/imports/", {"file": SimpleUploadedFile(name, content), **fields},
        format="multipart",
    )  # fmt: skip


def test_an_upload_is_answered_202_with_the_job_to_poll(editor, project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor, project, "articles.jsonl")
    assert response.status_code == 202
    assert response["Location"].endswith(f"/api/v1/import-jobs/{response.json()['id']}/")
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(editor)
    job = client.get(response["Location"]).json()
    assert (job["status"], job["created_count"], job["bytes_read"], job["bytes_total"]) == ("completed", 2, 2973, 2973)
    assert Article.objects.count() == 2


def test_a_large_upload_streams_to_disk_and_moves_into_storage(editor, project, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # articles.jsonl is 2,973 bytes: a temporary file
    response = upload(editor, project, "articles.jsonl")
    assert response.status_code == 202
    job = ImportJob.objects.get()
    assert job.file.read() == (DATA / "articles.jsonl").read_bytes()
    assert os.stat(job.file.path).st_dev == os.stat(settings.FILE_UPLOAD_TEMP_DIR).st_dev
    assert not list(settings.FILE_UPLOAD_TEMP_DIR.iterdir())  # moved, not left behind


def test_an_oversized_upload_gets_413_and_no_job(editor, project, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    response = upload(editor, project, "articles.jsonl")
    assert response.status_code == 413
    assert "larger than the limit of 100 bytes" in response.json()["error"]["message"]
    assert not ImportJob.objects.exists()


def test_an_empty_file_or_a_wrong_type_gets_400_and_no_job(editor, project):
    empty = upload(editor, project, "empty.jsonl")
    assert empty.json()["error"]["fields"] == {"file": ["The submitted file is empty."]}
    picture = upload(editor, project, "photo.png", b"\x89PNG\r\n")
    assert picture.status_code == 400
    assert picture.json()["error"]["fields"]["file"][0].startswith("Unsupported file type 'photo.png'")
    encoding = upload(editor, project, "a.csv", b"text\nx\n", encoding="klingon-8")
    assert encoding.json()["error"]["fields"]["encoding"][0].startswith("Unknown text encoding 'klingon-8'")
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("codec", ["zlib_codec", "base64", "rot13", "hex"])
def test_a_codec_that_is_not_a_text_encoding_gets_400_and_no_job(editor, project, codec):
    # Python knows these names, but they do not turn bytes into text: the job would fail.
    response = upload(editor, project, "a.csv", b"text\nx\n", encoding=codec)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["encoding"][0].startswith(f"Unknown text encoding '{codec}'")
    assert not ImportJob.objects.exists()


def test_a_named_text_encoding_is_taken(editor, project):
    assert upload(editor, project, "a.csv", "text\nŁódź\n".encode("iso-8859-2"), encoding="latin2").status_code == 202


def test_only_editors_and_admins_import(project):
    reviewer = MembershipFactory(project=project, role="reviewer").user
    assert upload(reviewer, project, "articles.jsonl").status_code == 403
    outsider = MembershipFactory(role="admin").user
    assert upload(outsider, project, "articles.jsonl").status_code == 404
    assert not ImportJob.objects.exists()


def test_the_page_articles_option_is_taken_and_shown(editor, project):
    response = upload(editor, project, "seed-article.html", page_articles="true")
    assert response.status_code == 202 and response.json()["page_articles"] is True
    assert ImportJob.objects.get().page_articles
