"""Projects, members, invitations and ratings."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import (
    Invitation,
    Membership,
    Project,
    Rating,
    Role,
    Verb,
)
from .base import Conflict, _locked, _save, _set_fields, activity_log

logger = logging.getLogger(__name__)

# What an admin may change of a project (the slug stays: links and exports name it).
PROJECT_SETTINGS = {
    "name", "language", "publisher_name", "publisher_url", "allow_self_approval", "retracted_verdict_public",
    "auto_link_matches",
}  # fmt: skip


@transaction.atomic
def project_create(*, user, rating_preset: str | None = None, **fields) -> Project:
    """Create a project; its creator becomes its admin. Staff only, unless
    ``PROJECT_CREATION_OPEN``."""
    permissions.check_create_project(user)
    project = Project(**fields)
    project.full_clean()
    project.save()
    Membership.objects.create(project=project, user=user, role=Role.ADMIN)
    project.install_rating_preset(rating_preset or ("id" if project.language == "id" else "en"))
    activity_log(project=project, actor=user, verb=Verb.PROJECT_CREATED, obj=project)
    return project


@transaction.atomic
def project_update(*, project: Project, user, **fields) -> Project:
    permissions.check(user, "project.manage", project)
    project = _locked(project)
    _set_fields(project, fields, PROJECT_SETTINGS)
    return _save(project, user=user, verb=Verb.PROJECT_UPDATED)


def _admins_left(project, excluding):
    return permissions.admins(project).exclude(pk=excluding.pk).exists()


@transaction.atomic
def membership_add(*, project: Project, user, member, role: str) -> Membership:
    """Add an existing user of the instance (staff, or where ``MEMBERS_FROM_INSTANCE``);
    everyone else joins by invitation."""
    permissions.check_add_instance_users(user, project)
    if project.memberships.filter(user=member).exists():
        raise Conflict(_("%(user)s is already a member of this project.") % {"user": member})
    membership = Membership(project=project, user=member, role=role)
    return _save(membership, user=user, verb=Verb.MEMBERSHIP_ADDED, to_state=role)


@transaction.atomic
def membership_update(*, membership: Membership, user, role: str) -> Membership:
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if permissions.is_admin(membership) and role != Role.ADMIN and not _admins_left(membership.project, membership):
        raise Conflict(_("A project keeps at least one admin."))
    from_role, membership.role = membership.role, role
    return _save(membership, user=user, verb=Verb.MEMBERSHIP_ROLE_CHANGED, from_state=from_role, to_state=role)


@transaction.atomic
def membership_remove(*, membership: Membership, user):
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if permissions.is_admin(membership) and not _admins_left(membership.project, membership):
        raise Conflict(_("A project keeps at least one admin."))
    activity_log(
        project=membership.project, actor=user, verb=Verb.MEMBERSHIP_REMOVED, obj=membership, from_state=membership.role
    )
    membership.delete()


@transaction.atomic
def invitation_create(*, project: Project, user, role: str, email: str = "", name: str = "") -> Invitation:
    """Invite someone to join the project with a role. The link goes to
    ``email`` when given (once the row is committed); the admin can always
    pass it on themselves. Whether anyone on the instance has that address
    or name is neither looked up nor said."""
    permissions.check(user, "member.manage", project)
    invitation = Invitation(project=project, email=email.strip(), name=name.strip(), role=role, invited_by=user)
    invitation = _save(invitation, user=user, verb=Verb.INVITATION_SENT, to_state=role)
    if invitation.email:
        transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _send_invitation(invitation: Invitation):
    link = settings.PUBLIC_BASE_URL + invitation.get_absolute_url()
    project = invitation.project
    subject = _("Invitation to %(project)s") % {"project": project.name}
    body = _(
        "%(inviter)s invites you to join the fact-check desk %(project)s as %(role)s.\n\n"
        "Open this link to accept; it works once, until %(expires)s (UTC):\n%(link)s\n"
    ) % {
        "inviter": invitation.invited_by or project.name, "project": project.name,
        "role": Role(invitation.role).label, "expires": f"{invitation.expires_at:%Y-%m-%d %H:%M}", "link": link,
    }  # fmt: skip
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError:
        # The invitation stands, and its link is on the members page.
        logger.warning("Could not send invitation %s to %s", invitation.pk, invitation.email, exc_info=True)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user=None, username: str = "", password: str = "") -> Membership:
    """Accept an invitation: as the logged-in ``user``, or as a new account
    made here from ``username`` and ``password``. The invitation then is
    used; a second use, like an expired or revoked one, is a Conflict."""
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None or invitation.accepted_at or invitation.expires_at <= timezone.now():
        raise Conflict(_("This invitation was already used, revoked or has expired."))
    project = invitation.project
    if user is None:
        user = get_user_model()(username=username, email=invitation.email)
        user.set_password(password)
        user.full_clean()
        user.save()
    elif project.memberships.filter(user=user).exists():
        raise Conflict(_("You are already a member of this project."))
    membership = Membership(project=project, user=user, role=invitation.role)
    membership.full_clean()
    membership.save()
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    activity_log(project=project, actor=user, verb=Verb.INVITATION_ACCEPTED, obj=membership, to_state=membership.role)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user):
    """Withdraw a pending invitation: its link stops working."""
    permissions.check(user, "member.manage", invitation.project)
    invitation = _locked(invitation)
    if invitation.accepted_at:
        raise Conflict(_("This invitation was accepted already; remove the member instead."))
    activity_log(project=invitation.project, actor=user, verb=Verb.INVITATION_REVOKED, obj=invitation,
                 from_state=invitation.role)  # fmt: skip
    invitation.delete()


@transaction.atomic
def rating_create(*, project: Project, user, **fields) -> Rating:
    permissions.check(user, "rating.manage", project)
    rating = Rating(project=project, **fields)
    return _save(rating, user=user, verb=Verb.RATING_CREATED)


@transaction.atomic
def rating_update(*, rating: Rating, user, **fields) -> Rating:
    """Change a rating. Ratings are retired (``active=False``), never deleted,
    so that verdicts given with them stay valid."""
    permissions.check(user, "rating.manage", rating.project)
    rating = _locked(rating)
    _set_fields(rating, fields, {"label", "value", "description", "order", "active", "fever_label", "colour"})
    return _save(rating, user=user, verb=Verb.RATING_UPDATED)


def rating_for_label(project: Project, label: str, *, user=None, value=None, cache=None) -> Rating | None:
    """The project's rating with this label (case aside), or a new retired
    one when its scale lacks it: verdicts that arrive by an import keep
    their label, and the desk's active scale stays as it was. ``cache``, a
    dict, saves the lookups of a batch."""
    label = (label or "").strip()[:100]
    if not label:
        return None
    key = label.casefold()
    if cache is not None and key in cache:
        return cache[key]
    rating = project.ratings.filter(label__iexact=label).first()
    if rating is None:
        rating = Rating(
            project=project, label=label, value=value if value and value >= 1 else None, active=False,
            description="Added by an import.", order=1000,
        )  # fmt: skip
        _save(rating, user=user, verb=Verb.RATING_CREATED, comment="added by an import")
    if cache is not None:
        cache[key] = rating
    return rating
