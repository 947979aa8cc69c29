"""Who may create projects and bring people in: staff create projects
(everyone, where the instance opens it); admins invite, and add accounts of
the instance only where it allows that; an invitation's link works once,
until it expires or is revoked."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from annotations import workflow
from annotations.models import Invitation, Membership

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(desk, **fields):
    fields = {"role": "reviewer", "name": "Budi", **fields}
    return workflow.invitation_create(project=desk.project, user=desk.users["admin"], **fields)


def test_only_staff_create_projects_unless_the_instance_opens_it(desk, settings):
    with pytest.raises(PermissionDenied):
        workflow.project_create(user=desk.users["admin"], name="Baru", slug="baru")
    staff = UserFactory(is_staff=True)
    assert workflow.project_create(user=staff, name="Baru", slug="baru").role_of(staff) == "admin"
    settings.PROJECT_CREATION_OPEN = True
    project = workflow.project_create(user=desk.users["outsider"], name="Lain", slug="lain")
    assert project.role_of(desk.users["outsider"]) == "admin"


def test_admins_add_accounts_of_the_instance_only_where_it_allows_it(desk, settings):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied, match="invitation"):
        workflow.membership_add(project=desk.project, user=desk.users["admin"], member=stranger, role="reviewer")
    assert not Membership.objects.filter(user=stranger).exists()
    settings.MEMBERS_FROM_INSTANCE = True
    workflow.membership_add(project=desk.project, user=desk.users["admin"], member=stranger, role="reviewer")
    assert desk.project.role_of(stranger) == "reviewer"


def test_staff_always_add_accounts_of_the_instance(desk):
    admin = desk.users["admin"]
    admin.is_staff = True
    admin.save()
    stranger = UserFactory()
    workflow.membership_add(project=desk.project, user=admin, member=stranger, role="editor")
    assert desk.project.role_of(stranger) == "editor"


def test_only_admins_invite(desk):
    with pytest.raises(PermissionDenied):
        workflow.invitation_create(project=desk.project, user=desk.users["editor"], role="annotator", name="X")
    assert not Invitation.objects.exists()


def test_an_invitation_names_someone(desk):
    with pytest.raises(workflow.REFUSALS):
        invite(desk, name="", email="")


def test_an_invitation_makes_a_new_account_a_member_with_its_role_once(desk):
    invitation = invite(desk, role="editor")
    found = Invitation.objects.from_token(invitation.token)
    membership = workflow.invitation_accept(invitation=found, username="budi", password="kata-sandi-panjang")
    assert membership.user.username == "budi" and membership.user.check_password("kata-sandi-panjang")
    assert desk.project.role_of(membership.user) == "editor"
    assert Invitation.objects.from_token(invitation.token) is None
    with pytest.raises(workflow.Conflict):
        workflow.invitation_accept(invitation=found, username="budi2", password="kata-sandi-panjang")
    assert not Membership.objects.filter(user__username="budi2").exists()


def test_a_logged_in_user_accepts_with_their_account(desk):
    invitation = invite(desk, role="annotator")
    workflow.invitation_accept(invitation=invitation, user=desk.users["outsider"])
    assert desk.project.role_of(desk.users["outsider"]) == "annotator"


def test_a_member_cannot_use_an_invitation_to_change_their_role(desk):
    invitation = invite(desk, role="admin")
    with pytest.raises(workflow.Conflict):
        workflow.invitation_accept(invitation=invitation, user=desk.users["marker"])
    assert desk.project.role_of(desk.users["marker"]) == "annotator"
    assert Invitation.objects.from_token(invitation.token) is not None


def test_an_expired_revoked_or_tampered_link_does_not_work(desk):
    expired = invite(desk)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Invitation.objects.from_token(expired.token) is None
    with pytest.raises(workflow.Conflict):
        workflow.invitation_accept(invitation=expired, user=desk.users["outsider"])
    revoked = invite(desk)
    token = revoked.token
    workflow.invitation_revoke(invitation=revoked, user=desk.users["admin"])
    assert Invitation.objects.from_token(token) is None
    pending = invite(desk)
    forged = signing.Signer(salt="another.salt").sign_object([pending.pk, pending.created_stamp])
    assert Invitation.objects.from_token(forged) is None
    assert Invitation.objects.from_token(pending.token[:-2]) is None
    assert Invitation.objects.from_token("nonsense") is None
    assert desk.project.role_of(desk.users["outsider"]) is None


def test_only_admins_revoke(desk):
    invitation = invite(desk)
    with pytest.raises(PermissionDenied):
        workflow.invitation_revoke(invitation=invitation, user=desk.users["editor"])
    assert Invitation.objects.from_token(invitation.token) is not None


def test_an_invitation_by_email_sends_its_link_once_committed(desk, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_BASE_URL = "https://desk.example"
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(desk, email="budi@example.org", name="")
    (message,) = mail.outbox
    assert message.to == ["budi@example.org"] and desk.project.name in message.subject
    assert f"https://desk.example{invitation.get_absolute_url()}" in message.body


def test_an_invitation_by_name_sends_no_mail(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(desk, name="Budi dari desk")
    assert mail.outbox == []
