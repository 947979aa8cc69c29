"""An import upload past IMPORT_MAX_UPLOAD_BYTES is refused before it is
stored, on the page as in the API: from its declared length before the body
is read, and while streaming once its file passes the limit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client
from rest_framework.test import APIClient

from annotations.models import ImportJob

pytestmark = pytest.mark.django_db

LIMIT = 100_000
LINE = b'{"title": "Putin dan Kim", "text": "AS telah menuduh Korea Utara."}\n'


class Recorder(FileUploadHandler):
    """Counts the bytes handed on to the handlers that store the upload."""

    stored = 0

    def receive_data_chunk(self, raw_data, start):
        Recorder.stored += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.IMPORT_MAX_UPLOAD_BYTES = LIMIT
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # a real temporary file on disk
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads-in-progress"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.Recorder", *settings.FILE_UPLOAD_HANDLERS]
    Recorder.stored = 0


def jsonl(size):
    return (LINE * (size // len(LINE) + 1))[:size]


def page_upload(user, project, content, **extra):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    url = f"/projects/{project.slug}/imports/"
    return client.post(url, {"file": SimpleUploadedFile("artikel.jsonl", content)}, **extra)


def api_upload(user, project, content, **extra):
    client = APIClient(SERVER_NAME="localhost", enforce_csrf_checks=True)
    client.force_login(user)  # a session: its CSRF check reads the body, after the limit
    url = f"/api/v1/projects/{project.pk}/imports/"
    return client.post(url, {"file": SimpleUploadedFile("artikel.jsonl", content)}, format="multipart", **extra)


def assert_nothing_kept(settings):
    assert not ImportJob.objects.exists()
    assert not list(settings.FILE_UPLOAD_TEMP_DIR.iterdir())
    assert Recorder.stored <= LIMIT


def test_the_page_refuses_an_upload_from_its_declared_length_without_reading_it(editor, project, settings):
    # The test body is tiny: reading the declared 2 GiB would fail the request.
    response = page_upload(editor, project, jsonl(10), CONTENT_LENGTH=str(2 * 1024**3))
    assert response.status_code == 413
    assert f"The file is larger than the limit of {LIMIT} bytes." in response.content.decode()
    assert Recorder.stored == 0
    assert_nothing_kept(settings)


def test_the_page_stops_storing_an_upload_once_it_passes_the_limit(editor, project, settings):
    # Within the declared allowance for the form around the file, so only the stream can tell.
    response = page_upload(editor, project, jsonl(LIMIT + 50_000))
    assert response.status_code == 413
    assert f"The file is larger than the limit of {LIMIT} bytes." in response.content.decode()
    assert 0 < Recorder.stored
    assert_nothing_kept(settings)


def test_the_page_still_imports_a_file_of_exactly_the_limit(editor, project):
    response = page_upload(editor, project, jsonl(LIMIT))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/imports/{job.pk}/")
    assert job.file.size == LIMIT


def test_the_import_page_still_checks_csrf(editor, project):
    client = Client(SERVER_NAME="localhost", enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/projects/{project.slug}/imports/", {"file": SimpleUploadedFile("a.jsonl", LINE)})
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_the_api_refuses_an_upload_from_its_declared_length_without_reading_it(editor, project, settings):
    response = api_upload(editor, project, jsonl(10), CONTENT_LENGTH=str(2 * 1024**3))
    assert response.status_code == 413
    assert response.json()["error"]["message"] == f"The file is larger than the limit of {LIMIT} bytes."
    assert Recorder.stored == 0
    assert_nothing_kept(settings)


def test_the_api_stops_storing_an_upload_once_it_passes_the_limit(editor, project, settings):
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(editor)
    response = client.post(
        f"/api/v1/projects/{project.pk}/imports/",
        {"file": SimpleUploadedFile("artikel.jsonl", jsonl(LIMIT + 50_000))},
        format="multipart",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert_nothing_kept(settings)
