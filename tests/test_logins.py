"""Logins lock out after repeated failures, on the login page, the admin's
login and the API token endpoint: per username from any address, and per
address for any usernames, until a cool-off has passed."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import client_for
from .factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3
LOCKED = "Too many failed logins for this username or from this address."


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def rina(db):
    return UserFactory(username="rina", password="benar-sekali")


@pytest.fixture
def boss(db):
    return UserFactory(username="boss", password="benar-sekali", is_staff=True, is_superuser=True)


def page_login(username, password, address="192.0.2.1", **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    response = client.post("/login/", {"username": username, "password": password})
    response.logged_in = client.get("/").status_code == 200
    return response


def admin_login(username, password, address="192.0.2.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    response.logged_in = client.get("/admin/").status_code == 200
    return response


def api_login(username, password, address="192.0.2.1", **extra):
    return client_for().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def assert_page_locked_out(response):
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not response.logged_in


def assert_api_locked_out(response):
    assert response.status_code == 429, response.content
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (429, "locked_out")
    assert error["message"].startswith(LOCKED)
    assert int(response["Retry-After"]) == 15 * 60
    assert "token" not in response.json()


def test_the_login_page_locks_a_username_out_and_then_refuses_even_the_right_password(rina):
    for _ in range(LIMIT - 1):
        wrong = page_login("rina", "salah")
        assert wrong.status_code == 200 and "Your username and password" in wrong.content.decode()
    assert_page_locked_out(page_login("rina", "salah"))
    assert_page_locked_out(page_login("rina", "benar-sekali"))


def test_the_admin_login_locks_out_too(boss):
    for _ in range(LIMIT - 1):
        assert admin_login("boss", "salah").status_code == 200
    assert_page_locked_out(admin_login("boss", "salah"))
    assert_page_locked_out(admin_login("boss", "benar-sekali"))


def test_the_api_token_endpoint_locks_out_in_the_apis_error_shape(rina):
    for _ in range(LIMIT - 1):
        assert api_login("rina", "salah").status_code == 400
    assert_api_locked_out(api_login("rina", "salah"))
    assert_api_locked_out(api_login("rina", "benar-sekali"))


def test_failures_count_for_one_username_across_pages_and_addresses(rina):
    page_login("rina", "salah", address="192.0.2.1")
    admin_login("rina", "salah", address="198.51.100.2")
    api_login("rina", "salah", address="203.0.113.3")
    # A fresh address does not help, the username is locked out.
    assert_page_locked_out(page_login("rina", "benar-sekali", address="203.0.113.99"))
    assert_api_locked_out(api_login("rina", "benar-sekali", address="203.0.113.99"))


def test_failures_count_for_one_address_across_usernames(rina):
    for n in range(LIMIT):
        api_login(f"guess{n}", "salah", address="192.0.2.7")
    assert_page_locked_out(page_login("rina", "benar-sekali", address="192.0.2.7"))
    # The same user from elsewhere is not locked out.
    assert page_login("rina", "benar-sekali", address="192.0.2.8").logged_in


def test_a_client_cannot_choose_its_address_with_x_forwarded_for(rina):
    for n in range(LIMIT):
        response = page_login(f"guess{n}", "salah", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert_page_locked_out(response)
    assert_api_locked_out(api_login("rina", "benar-sekali", HTTP_X_FORWARDED_FOR="203.0.113.200"))


def test_the_token_throttle_ignores_x_forwarded_for_too(rina, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # the throttle, not the lockout
    statuses = [api_login(f"guess{n}", "salah", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(21)]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_clients(rina, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for n in range(LIMIT):
        # What the client sent comes first; the proxy appends what it saw.
        page_login(f"guess{n}", "salah", address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7")
    locked = page_login("rina", "benar-sekali", address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert_page_locked_out(locked)
    # Another client behind the same proxy is not locked out.
    assert page_login("rina", "benar-sekali", address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8").logged_in


def test_the_lockout_ends_after_the_cool_off(rina, settings):
    for _ in range(LIMIT):
        api_login("rina", "salah")
    assert_page_locked_out(page_login("rina", "benar-sekali"))
    # As if the cool-off had passed since the last failure.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert page_login("rina", "benar-sekali").logged_in
    assert "token" in api_login("rina", "benar-sekali").json()


def test_tries_during_a_lockout_do_not_prolong_it(rina, settings):
    for _ in range(LIMIT):
        page_login("rina", "salah")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
    assert_page_locked_out(page_login("rina", "salah"))
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=2))
    assert page_login("rina", "benar-sekali").logged_in


def test_the_lockout_costs_authenticated_requests_no_query(rina, settings):
    token = api_login("rina", "benar-sekali").json()["token"]
    api = client_for()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    api.get("/api/v1/projects/")  # the token's first use is written down, once
    page = Client()
    page.force_login(rina)
    counts = {}
    for enabled in (True, False):
        settings.AXES_ENABLED = enabled
        with CaptureQueriesContext(connection) as api_queries:
            assert api.get("/api/v1/projects/").status_code == 200
        with CaptureQueriesContext(connection) as page_queries:
            assert page.get("/").status_code == 200
        counts[enabled] = (len(api_queries), len(page_queries))
    assert counts[True] == counts[False]
