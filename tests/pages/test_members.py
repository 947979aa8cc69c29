"""The members page and the invitation link: admins invite, see the links
of pending invitations and revoke them; the invitee joins through the link,
once; nothing on a page says whether a username exists."""

import re

import pytest
from django.core import mail
from django.test import Client

from annotations.models import Invitation, Project

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def client_as(user=None):
    client = Client(SERVER_NAME="localhost")
    if user:
        client.force_login(user)
    return client


def members_url(desk, tail=""):
    return f"/projects/{desk.project.slug}/members/{tail}"


def project_url(desk, tail):
    return f"/projects/{desk.project.slug}/{tail}"


def messages_of(response):
    return re.findall(r'<ul class="messages".*?</ul>', response.content.decode(), re.S)


def test_adding_by_username_says_the_same_whether_the_user_exists_or_not(desk):
    admin = client_as(desk.users["admin"])
    existing = admin.post(members_url(desk, "add/"), {"username": "outsider", "role": "reviewer"}, follow=True)
    missing = admin.post(members_url(desk, "add/"), {"username": "nosuchuser1", "role": "reviewer"}, follow=True)
    assert messages_of(existing) == messages_of(missing) and "invit" in messages_of(existing)[0]
    assert "No user has this username" not in existing.content.decode()
    assert desk.project.role_of(desk.users["outsider"]) is None


def test_the_members_page_offers_adding_users_of_the_instance_only_where_allowed(desk, settings):
    page = client_as(desk.users["admin"]).get(members_url(desk)).content.decode()
    assert "Invite someone" in page and "Add a user of this instance" not in page
    settings.MEMBERS_FROM_INSTANCE = True
    assert "Add a user of this instance" in client_as(desk.users["admin"]).get(members_url(desk)).content.decode()
    editor = client_as(desk.users["editor"]).get(members_url(desk)).content.decode()
    assert "Invite someone" not in editor and "Project settings" not in editor
    assert 'id="id_label"' in editor  # editors still add ratings there


def test_an_admin_invites_sees_the_link_and_the_invitee_joins_once(desk, django_capture_on_commit_callbacks):
    admin = client_as(desk.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        page = admin.post(project_url(desk, "invitations/"), {"email": "budi@example.org", "role": "editor"},
                          follow=True)  # fmt: skip
    html = page.content.decode()
    assert "Invitation sent to budi@example.org" in html and "Pending invitations" in html
    link = re.search(r'value="(http://localhost/invitations/[^"]+)"', html).group(1)
    assert link.removeprefix("http://localhost") in mail.outbox[0].body
    # An editor of the desk does not see the links.
    assert "/invitations/" not in client_as(desk.users["editor"]).get(members_url(desk)).content.decode()

    invitee = client_as()
    path = link.removeprefix("http://localhost")
    offer = invitee.get(path).content.decode()
    assert desk.project.name in offer and "Editor" in offer
    joined = invitee.post(path, {"username": "budi", "password1": "panjang-sekali-1", "password2": "panjang-sekali-1"},
                          follow=True)  # fmt: skip
    assert joined.redirect_chain[-1][0] == f"/projects/{desk.project.slug}/"
    assert desk.project.role_of(joined.wsgi_request.user) == "editor"
    assert joined.wsgi_request.user.email == "budi@example.org"

    again = client_as().post(path, {"username": "budi2", "password1": "panjang-sekali-1",
                                    "password2": "panjang-sekali-1"})  # fmt: skip
    assert again.status_code == 404 and "does not work" in again.content.decode()
    assert "Pending invitations" not in admin.get(members_url(desk)).content.decode()


def test_a_logged_in_user_joins_with_their_account(desk):
    client_as(desk.users["admin"]).post(project_url(desk, "invitations/"), {"name": "Orang luar", "role": "reviewer"})
    path = Invitation.objects.get().get_absolute_url()
    outsider = client_as(desk.users["outsider"])
    assert "Join as outsider" in outsider.get(path).content.decode()
    outsider.post(path)
    assert desk.project.role_of(desk.users["outsider"]) == "reviewer"


def test_a_revoked_invitations_link_stops_working(desk):
    admin = client_as(desk.users["admin"])
    admin.post(project_url(desk, "invitations/"), {"name": "Budi", "role": "reviewer"})
    invitation = Invitation.objects.get()
    path = invitation.get_absolute_url()
    refused = client_as(desk.users["editor"]).post(project_url(desk, f"invitations/{invitation.pk}/revoke/"))
    assert refused.status_code == 302 and client_as().get(path).status_code == 200
    admin.post(project_url(desk, f"invitations/{invitation.pk}/revoke/"), {"confirmed": "1"})
    assert client_as().get(path).status_code == 404
    assert client_as().get("/invitations/tampered:token/").status_code == 404


def test_an_invitation_needs_an_email_address_or_a_name(desk):
    page = client_as(desk.users["admin"]).post(project_url(desk, "invitations/"), {"role": "reviewer"}, follow=True)
    assert "Give the email address or the name" in page.content.decode()
    assert not Invitation.objects.exists()


def test_the_new_project_link_and_page_are_for_those_who_may_create_projects(desk, settings):
    admin = client_as(desk.users["admin"])
    assert "New project" not in admin.get("/").content.decode()
    assert admin.get("/new-project/").status_code == 403
    staff = UserFactory(is_staff=True)
    assert "/new-project/" in client_as(staff).get("/").content.decode()
    created = client_as(staff).post("/new-project/", {"name": "Desk baru", "slug": "desk-baru", "language": "id"})
    assert created.status_code == 302 and created["Location"] == "/projects/desk-baru/"
    assert Project.objects.get(slug="desk-baru").role_of(staff) == "admin"
    settings.PROJECT_CREATION_OPEN = True
    assert "/new-project/" in admin.get("/").content.decode()


def test_admins_set_what_a_retraction_keeps_public_on_the_members_page(desk):
    fields = {"name": desk.project.name, "language": "id", "publisher_name": "", "publisher_url": "",
              "retracted_verdict_public": "on"}  # fmt: skip
    client_as(desk.users["editor"]).post(project_url(desk, "settings/"), fields)
    assert Project.objects.get(pk=desk.project.pk).retracted_verdict_public is False
    admin = client_as(desk.users["admin"])
    assert "A retracted fact-check keeps its text public" in admin.get(members_url(desk)).content.decode()
    admin.post(project_url(desk, "settings/"), fields)
    assert Project.objects.get(pk=desk.project.pk).retracted_verdict_public is True
