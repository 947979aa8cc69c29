"""Failures that are not the server's bug say so: a body over the limit is
413, a database that cannot be reached is 503 with Retry-After, on the
pages and in the API's one error shape, with no traceback shown."""

import json
from contextlib import contextmanager

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from .conftest import client_for

pytestmark = pytest.mark.django_db

LIMIT = 4096


@pytest.fixture
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT


@pytest.mark.parametrize("csrf_checked", [False, True], ids=["read-by-the-view", "read-by-the-csrf-check"])
def test_a_form_over_the_body_limit_gets_413_not_400(small_limit, csrf_checked):
    client = Client(SERVER_NAME="localhost", enforce_csrf_checks=csrf_checked)
    client.get("/login/")  # the CSRF cookie, as a browser has it
    response = client.post("/login/", {"username": "x" * (2 * LIMIT), "password": "pw"})
    assert response.status_code == 413
    assert f"larger than the limit of {LIMIT} bytes" in response.content.decode()


@pytest.mark.parametrize("user", [None, "editor"], ids=["anonymous-token-endpoint", "logged-in"])
def test_a_json_body_over_the_limit_gets_413_in_the_api_error_shape(desk, small_limit, user):
    client = client_for(desk.users[user] if user else None)
    path = "/api/v1/comments/" if user else "/api/v1/auth/token/"
    body = json.dumps({"username": "x" * (2 * LIMIT), "body": "x" * (2 * LIMIT), "claim": desk.claim.pk})
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == {
        "status": 413, "code": "too_large", "message": f"The request is larger than the limit of {LIMIT} bytes."
    }  # fmt: skip


@contextmanager
def database_down():
    """Every query fails as it does while PostgreSQL restarts (the real
    restart is in tests/test_restarts.py)."""

    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "_execute", refuse)
        yield


def test_a_page_answers_503_with_retry_after_while_the_database_is_down(desk):
    client = Client(SERVER_NAME="localhost", raise_request_exception=False)
    client.force_login(desk.users["editor"])
    with database_down():
        response = client.get(f"/projects/{desk.project.slug}/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = response.content.decode()
    assert "The database cannot be reached at the moment" in page and "Traceback" not in page
    assert client.get(f"/projects/{desk.project.slug}/").status_code == 200  # and back when it is


def test_the_api_answers_503_in_its_error_shape_while_the_database_is_down(desk):
    client = client_for(desk.users["editor"])
    with database_down():
        response = client.get("/api/v1/claims/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response.json()["error"]["code"] == "unavailable"
    assert client.get("/api/v1/claims/").status_code == 200


def test_any_other_server_error_is_still_a_500(desk):
    client = Client(SERVER_NAME="localhost", raise_request_exception=False)
    client.force_login(desk.users["editor"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "_execute", lambda *args, **kwargs: 1 / 0)
        response = client.get(f"/projects/{desk.project.slug}/")
    assert response.status_code == 500
    assert "Retry-After" not in response
