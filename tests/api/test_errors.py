"""Every API error has one JSON shape, whatever raised it."""

import pytest

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def error_of(response, status):
    assert response.status_code == status, response.content.decode()
    error = response.json()["error"]
    assert error["status"] == status and error["code"] and error["message"]
    return error


def test_errors_share_one_shape(desk, api):
    assert error_of(client_for().get("/api/v1/claims/"), 401)["code"] == "not_authenticated"
    assert error_of(api("outsider").get(f"/api/v1/claims/{desk.claim.pk}/"), 404)["code"] == "not_found"
    forbidden = error_of(api("annotator").post(f"/api/v1/claims/{desk.claim.pk}/take/"), 403)
    assert forbidden["message"] == "Your role (annotator) may not do this (claim.take)."
    invalid = error_of(api("annotator").post("/api/v1/claims/", {"article": desk.article.pk}), 400)
    assert set(invalid["fields"]) == {"start", "end"}
    api("reviewer").post(f"/api/v1/claims/{desk.claim.pk}/take/")
    conflict = error_of(api("writer").post(f"/api/v1/claims/{desk.claim.pk}/take/"), 409)
    assert conflict["state"] == "in_progress"
    assert error_of(api("annotator").put(f"/api/v1/claims/{desk.claim.pk}/"), 405)["code"] == "method_not_allowed"
    malformed = client_for(desk.users["annotator"]).post(
        "/api/v1/claims/", "{not json", content_type="application/json"
    )
    assert error_of(malformed, 400)["code"] == "parse_error"


def test_a_token_is_issued_for_a_username_and_password(desk):
    desk.users["editor"].set_password("rahasia-sekali")
    desk.users["editor"].save()
    client = client_for()
    token = client.post("/api/v1/auth/token/", {"username": "editor", "password": "rahasia-sekali"}).json()["token"]
    wrong = client.post("/api/v1/auth/token/", {"username": "editor", "password": "salah"})
    assert error_of(wrong, 400)["message"] == "Wrong username or password."
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/projects/").json()["results"][0]["role"] == "editor"
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert error_of(client.get("/api/v1/projects/"), 401)["code"] == "authentication_failed"


def test_a_date_filter_with_an_exotic_offset_is_read_as_utc_not_a_server_error(desk, api):
    # Found by schemathesis: valid ISO 8601, but beyond PostgreSQL's offsets.
    response = api("annotator").get("/api/v1/activity/", {"created_after": "1931-08-14T20:39:20+22:12"})
    assert response.status_code == 200
    overflow = api("annotator").get("/api/v1/claims/", {"created_before": "0001-01-01T00:10:00+05:00"})
    assert error_of(overflow, 400)["fields"] == {"created_before": ["Date out of range."]}
