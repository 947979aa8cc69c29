"""A page refused or not found is a page of the app, with its header and a
way home, also in the quick start (DEBUG on): never Django's debug page,
which lists every URL of the app."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["production", "quick-start"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def client_as(user=None):
    client = Client(SERVER_NAME="localhost", raise_request_exception=False)
    if user:
        client.force_login(user)
    return client


def test_a_page_the_role_may_not_see_is_a_403_with_the_apps_header(desk, debug):
    response = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/editor/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<header class="topbar">' in html and "Not allowed" in html and 'href="/"' in html


def test_an_unpublished_claims_public_page_is_a_404_without_debug_details(desk, debug):
    response = client_as().get(f"/claims/{desk.claim.pk}/report/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<header class="topbar">' in html and "Not found" in html
    assert "URLconf" not in html and "Traceback" not in html and "claims/&lt;int:pk&gt;" not in html


def test_an_api_404_stays_in_the_apis_error_shape(desk, debug):
    response = client_as(desk.users["editor"]).get("/api/v1/claims/999999/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_every_page_has_a_favicon_and_links_the_api_documentation(desk):
    html = client_as(desk.users["editor"]).get("/").content.decode()
    assert '<link rel="icon" href="/static/annotations/favicon.svg" type="image/svg+xml">' in html
    assert '<a href="/api/docs/">API documentation</a>' in html


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_language_switcher_names_each_language_in_itself(desk, language):
    client = Client(SERVER_NAME="localhost", HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(desk.users["editor"])
    html = client.get("/").content.decode()
    assert '<option value="en" lang="en"' in html and ">English</option>" in html
    assert ">Bahasa Indonesia</option>" in html and "Inggris" not in html
