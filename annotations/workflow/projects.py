"""Projects, members and ratings."""

from django.db import transaction

from .. import permissions
from ..models import (
    Membership,
    Project,
    Rating,
    Role,
)
from .base import Conflict, _locked, _save, _set_fields, activity_log


@transaction.atomic
def project_create(*, user, rating_preset: str | None = None, **fields) -> Project:
    """Create a project; its creator becomes its admin."""
    project = Project(**fields)
    project.full_clean()
    project.save()
    Membership.objects.create(project=project, user=user, role=Role.ADMIN)
    project.install_rating_preset(rating_preset or ("id" if project.language == "id" else "en"))
    activity_log(project=project, actor=user, verb="created", obj=project)
    return project


@transaction.atomic
def project_update(*, project: Project, user, **fields) -> Project:
    permissions.check(user, "project.manage", project)
    project = _locked(project)
    _set_fields(project, fields, {"name", "language", "publisher_name", "publisher_url", "allow_self_approval"})
    return _save(project, user=user, verb="updated")


def _admins_left(project, excluding):
    return project.memberships.filter(role=Role.ADMIN).exclude(pk=excluding.pk).exists()


@transaction.atomic
def membership_add(*, project: Project, user, member, role: str) -> Membership:
    permissions.check(user, "member.manage", project)
    if project.memberships.filter(user=member).exists():
        raise Conflict(f"{member} is already a member of this project.")
    membership = Membership(project=project, user=member, role=role)
    return _save(membership, user=user, verb=f"added as {role}")


@transaction.atomic
def membership_update(*, membership: Membership, user, role: str) -> Membership:
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if membership.role == Role.ADMIN and role != Role.ADMIN and not _admins_left(membership.project, membership):
        raise Conflict("A project keeps at least one admin.")
    from_role, membership.role = membership.role, role
    return _save(membership, user=user, verb=f"role changed to {role}", from_state=from_role)


@transaction.atomic
def membership_remove(*, membership: Membership, user):
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if membership.role == Role.ADMIN and not _admins_left(membership.project, membership):
        raise Conflict("A project keeps at least one admin.")
    activity_log(project=membership.project, actor=user, verb="removed", obj=membership, from_state=membership.role)
    membership.delete()


@transaction.atomic
def rating_create(*, project: Project, user, **fields) -> Rating:
    permissions.check(user, "rating.manage", project)
    rating = Rating(project=project, **fields)
    return _save(rating, user=user, verb="created")


@transaction.atomic
def rating_update(*, rating: Rating, user, **fields) -> Rating:
    """Change a rating. Ratings are retired (``active=False``), never deleted,
    so that verdicts given with them stay valid."""
    permissions.check(user, "rating.manage", rating.project)
    rating = _locked(rating)
    _set_fields(rating, fields, {"label", "value", "description", "order", "active", "fever_label"})
    return _save(rating, user=user, verb="updated")
