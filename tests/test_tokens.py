"""API tokens end: a user lists and revokes their own, on the account page
and in the API; a password change revokes them all; they expire."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from annotations.models import ApiToken

from .conftest import client_for
from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "benar-sekali-2026"


@pytest.fixture
def rina(db):
    return UserFactory(username="rina", password=PASSWORD)


def issue(username="rina", password=PASSWORD, **fields):
    response = client_for().post("/api/v1/auth/token/", {"username": username, "password": password, **fields})
    assert response.status_code == 200, response.content
    return response.json()


def api_with(key):
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def works(key):
    return api_with(key).get("/api/v1/projects/").status_code == 200


def page_as(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def test_each_login_issues_a_new_token_and_the_key_is_not_stored(rina):
    first, second = issue(name="notebook"), issue()
    assert first["token"] != second["token"] and len(first["token"]) == 40
    assert (first["name"], second["name"]) == ("notebook", "API")
    assert works(first["token"]) and works(second["token"])
    stored = ApiToken.objects.get(pk=first["id"])
    assert first["token"] not in {stored.key_hash, stored.prefix} and first["token"].startswith(stored.prefix)


def test_a_user_lists_their_own_tokens_in_the_api_and_sees_which_one_is_in_use(rina):
    mine = issue(name="notebook")
    other = issue(name="cron")
    UserFactory(username="budi", password=PASSWORD)
    issue("budi")
    listed = api_with(mine["token"]).get("/api/v1/tokens/").json()["results"]
    assert {(t["id"], t["name"], t["current"]) for t in listed} == {
        (mine["id"], "notebook", True),
        (other["id"], "cron", False),
    }
    assert all("token" not in t and "key_hash" not in t for t in listed)


def test_a_revoked_token_stops_working_at_once(rina):
    keep, revoke = issue(), issue()
    response = api_with(keep["token"]).delete(f"/api/v1/tokens/{revoke['id']}/")
    assert response.status_code == 204
    assert not works(revoke["token"])
    assert works(keep["token"])
    # A token may revoke itself.
    assert api_with(keep["token"]).delete(f"/api/v1/tokens/{keep['id']}/").status_code == 204
    assert not works(keep["token"])


def test_no_one_sees_or_revokes_another_users_tokens(rina):
    UserFactory(username="budi", password=PASSWORD, is_staff=True, is_superuser=True)
    rinas = issue()
    budi = issue("budi")
    assert [t["id"] for t in api_with(budi["token"]).get("/api/v1/tokens/").json()["results"]] == [budi["id"]]
    assert api_with(budi["token"]).delete(f"/api/v1/tokens/{rinas['id']}/").status_code == 404
    assert (
        page_as(ApiToken.objects.get(pk=budi["id"]).user).post(f"/account/tokens/{rinas['id']}/revoke/").status_code
        == 404
    )
    assert works(rinas["token"])


def test_the_account_page_lists_creates_and_revokes_tokens(rina):
    old = issue(name="notebook")
    page = page_as(rina)
    html = page.get("/account/").content.decode()
    assert "notebook" in html and f"{old['token'][:8]}…" in html and old["token"] not in html
    created = page.post("/account/", {"name": "cron"})
    key = created.context["new_key"]
    assert key in created.content.decode() and works(key)
    assert key not in page.get("/account/").content.decode()  # shown once
    revoked = page.post(f"/account/tokens/{old['id']}/revoke/", {"confirmed": "1"}, follow=True)
    assert "was revoked" in revoked.content.decode()
    assert not works(old["token"]) and works(key)


def test_every_user_changes_their_password_and_it_revokes_their_tokens(rina):
    token = issue()
    page = page_as(rina)
    assert 'href="/account/password/"' in page.get("/account/").content.decode()
    form = page.get("/account/password/").content.decode()
    assert "Changing your password revokes your API tokens." in form
    response = page.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "kata-sandi-baru-77", "new_password2": "kata-sandi-baru-77"},
        follow=True,
    )
    assert "Your password was changed, and your API tokens were revoked." in response.content.decode()
    assert page.get("/account/").status_code == 200  # this session stays logged in
    assert not works(token["token"])
    assert "token" in issue(password="kata-sandi-baru-77")
    assert Client().post("/login/", {"username": "rina", "password": PASSWORD}).status_code == 200  # refused


def test_a_wrong_old_password_changes_nothing(rina):
    token = issue()
    response = page_as(rina).post(
        "/account/password/",
        {"old_password": "salah", "new_password1": "kata-sandi-baru-77", "new_password2": "kata-sandi-baru-77"},
    )
    assert response.status_code == 200 and "old password was entered incorrectly" in response.content.decode()
    assert works(token["token"])


def test_a_password_changed_elsewhere_revokes_the_tokens_too(rina, monkeypatch):
    token = issue()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "kata-sandi-baru-77")
    call_command("changepassword", "rina", stdout=None)
    assert not works(token["token"])


def test_a_token_expires_after_the_configured_days(rina, settings):
    settings.API_TOKEN_DAYS = 30
    token = issue()
    expires = ApiToken.objects.get(pk=token["id"]).expires_at
    assert timedelta(days=29) < expires - timezone.now() <= timedelta(days=30)
    assert works(token["token"])
    ApiToken.objects.filter(pk=token["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_with(token["token"]).get("/api/v1/projects/")
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


def test_with_no_expiry_configured_a_token_does_not_end(rina, settings):
    settings.API_TOKEN_DAYS = 0
    token = issue()
    assert token["expires_at"] is None and works(token["token"])


def test_a_deactivated_users_token_is_refused(rina):
    token = issue()
    rina.is_active = False
    rina.save()
    assert api_with(token["token"]).get("/api/v1/projects/").status_code == 401


def test_the_last_use_is_noted_without_a_write_per_request(rina):
    token = issue()
    client = api_with(token["token"])
    client.get("/api/v1/tokens/")
    used = ApiToken.objects.get(pk=token["id"]).last_used_at
    assert used is not None
    client.get("/api/v1/tokens/")
    assert ApiToken.objects.get(pk=token["id"]).last_used_at == used
