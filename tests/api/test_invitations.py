"""Projects and members through the API: creating a project is for staff
(or everyone where the instance opens it); people join by invitation; no
answer says whether a username exists."""

import pytest

from annotations.models import Invitation, Membership, Project

from ..conftest import client_for
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def add_by_username(desk, username, who="admin"):
    body = {"project": desk.project.pk, "username": username, "role": "reviewer"}
    return client_for(desk.users[who]).post("/api/v1/members/", body, format="json")


def test_adding_by_username_answers_the_same_whether_the_user_exists_or_not(desk):
    existing, missing = add_by_username(desk, "outsider"), add_by_username(desk, "nosuchuser1")
    assert (existing.status_code, existing.json()) == (missing.status_code, missing.json())
    assert existing.status_code == 403 and "invit" in existing.json()["error"]["message"]
    assert desk.project.role_of(desk.users["outsider"]) is None


def test_where_the_instance_allows_it_admins_add_its_users_by_username(desk, settings):
    settings.MEMBERS_FROM_INSTANCE = True
    response = add_by_username(desk, "outsider")
    assert response.status_code == 201 and response.json()["role"] == "reviewer"


def test_only_staff_create_projects_by_default(desk, settings):
    body = {"name": "Baru", "slug": "baru"}
    refused = client_for(desk.users["outsider"]).post("/api/v1/projects/", body, format="json")
    assert refused.status_code == 403 and not Project.objects.filter(slug="baru").exists()
    staff = UserFactory(is_staff=True)
    assert client_for(staff).post("/api/v1/projects/", body, format="json").status_code == 201
    settings.PROJECT_CREATION_OPEN = True
    opened = client_for(desk.users["outsider"]).post("/api/v1/projects/", {"name": "B", "slug": "b"}, format="json")
    assert opened.status_code == 201 and opened.json()["role"] == "admin"


def test_an_admin_invites_and_the_answer_holds_the_link(desk):
    body = {"project": desk.project.pk, "email": "budi@example.org", "role": "editor"}
    response = client_for(desk.users["admin"]).post("/api/v1/invitations/", body, format="json")
    assert response.status_code == 201, response.content
    invitation = response.json()
    assert invitation["role"] == "editor" and invitation["invited_by"] == "admin"
    assert invitation["url"].startswith("http://localhost/invitations/")
    page = client_for().get(invitation["url"].removeprefix("http://localhost"))
    assert page.status_code == 200 and desk.project.name in page.content.decode()


def test_inviting_answers_the_same_for_an_address_of_an_existing_user_and_adds_nobody(desk):
    desk.users["outsider"].email = "outsider@example.org"
    desk.users["outsider"].save()

    def invite(email):
        body = {"project": desk.project.pk, "email": email, "role": "editor"}
        response = client_for(desk.users["admin"]).post("/api/v1/invitations/", body, format="json")
        assert response.status_code == 201
        return {k: v for k, v in response.json().items() if k not in ("id", "url", "created_at", "expires_at")}

    known, unknown = invite("outsider@example.org"), invite("nobody@example.org")
    assert known == {**unknown, "email": "outsider@example.org"}
    assert not Membership.objects.filter(project=desk.project, user=desk.users["outsider"]).exists()


@pytest.mark.parametrize("who, status", [("editor", 403), ("outsider", 404)])
def test_only_admins_invite(desk, who, status):
    body = {"project": desk.project.pk, "name": "Budi", "role": "admin"}
    response = client_for(desk.users[who]).post("/api/v1/invitations/", body, format="json")
    assert response.status_code == status
    assert not Invitation.objects.exists()


def test_only_admins_see_invitations_and_revoking_one_kills_its_link(desk):
    body = {"project": desk.project.pk, "name": "Budi", "role": "reviewer"}
    invitation = client_for(desk.users["admin"]).post("/api/v1/invitations/", body, format="json").json()
    assert client_for(desk.users["editor"]).get("/api/v1/invitations/").json()["results"] == []
    assert client_for(desk.users["outsider"]).get(f"/api/v1/invitations/{invitation['id']}/").status_code == 404
    admin = client_for(desk.users["admin"])
    assert [row["id"] for row in admin.get("/api/v1/invitations/").json()["results"]] == [invitation["id"]]
    assert client_for(desk.users["editor"]).delete(f"/api/v1/invitations/{invitation['id']}/").status_code == 404
    assert admin.delete(f"/api/v1/invitations/{invitation['id']}/").status_code == 204
    assert client_for().get(invitation["url"].removeprefix("http://localhost")).status_code == 404
    assert admin.get("/api/v1/invitations/").json()["results"] == []
