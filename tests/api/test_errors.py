"""Every API error has one JSON shape, whatever raised it."""

import base64

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


def _nested(depth):
    return "[" * depth + "]" * depth


def test_json_nested_too_deeply_is_a_400_even_on_the_token_endpoint(desk):
    anonymous = client_for()
    response = anonymous.post("/api/v1/auth/token/", _nested(5000), content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "parse_error"
    editor = client_for(desk.users["editor"])
    response = editor.post("/api/v1/claims/", _nested(5000), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("position", ["abc", "2024-13-45", "%00", "9" * 5000])
@pytest.mark.parametrize("ordering", ["", "&ordering=created_at"])
def test_a_tampered_cursor_is_a_400(desk, position, ordering):
    cursor = base64.b64encode(f"p={position}".encode()).decode()
    for resource in ("claims", "articles"):
        response = client_for(desk.users["editor"]).get(f"/api/v1/{resource}/?cursor={cursor}{ordering}")
        assert response.status_code == 400, (resource, response.content[:200])
        assert response.json()["error"]["fields"] == {"cursor": ["Invalid cursor."]}
    garbage = client_for(desk.users["editor"]).get("/api/v1/claims/?cursor=%%%not-base64")
    assert garbage.status_code == 400


@pytest.mark.parametrize("query", ["rating=99999999999999999999", "rating=-2.27e+113"])
def test_a_number_out_of_range_in_a_filter_is_a_400(desk, query):
    response = client_for(desk.users["editor"]).get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400, response.content[:200]
    assert response.json()["error"]["status"] == 400


def test_an_id_too_large_for_the_database_is_never_a_500(desk):
    # SQLite's integers stop at 64 bits (a 400); PostgreSQL compares it as a number and finds nothing.
    response = client_for(desk.users["editor"]).get("/api/v1/claims/?article=99999999999999999999")
    assert response.status_code in (200, 400), response.content[:200]
    if response.status_code == 200:
        assert response.json()["results"] == []


@pytest.mark.parametrize(
    "query",
    ["page_size=0", "page_size=201", "page_size=false", "page_size=2.5", "page_size=", "has_claims=yes",
     "has_claims=1", "project=", "project=1.5", "created_after=", "import_job=-1"],
)  # fmt: skip
def test_a_filter_the_schema_refuses_is_a_400_not_ignored(desk, query):
    response = client_for(desk.users["editor"]).get(f"/api/v1/articles/?{query}")
    assert set(error_of(response, 400)["fields"]) == {query.split("=")[0]}


def test_a_verdicts_project_filter_takes_whole_numbers_only(desk):
    editor = client_for(desk.users["editor"])
    assert error_of(editor.get("/api/v1/verdicts/?project=1.5"), 400)["fields"] == {
        "project": ["Enter a whole number."]
    }
    assert editor.get(f"/api/v1/verdicts/?project={desk.project.pk}").status_code == 200


def test_an_unrouted_api_url_is_a_404_in_the_error_shape(desk):
    response = client_for(desk.users["editor"]).get("/api/v1/claims/0.5/take/")
    assert response["Content-Type"] == "application/json"
    assert error_of(response, 404)["code"] == "not_found"
    assert client_for().get("/no-such-page/")["Content-Type"].startswith("text/html")
