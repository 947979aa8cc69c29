"""Projects, members and ratings."""

from django.db import transaction

from .. import permissions
from ..models import (
    Membership,
    Project,
    Rating,
    Role,
    Verb,
)
from .base import Conflict, _locked, _save, _set_fields, activity_log

# What an admin may change of a project (the slug stays: links and exports name it).
PROJECT_SETTINGS = {
    "name", "language", "publisher_name", "publisher_url", "allow_self_approval", "retracted_verdict_public",
}  # fmt: skip


@transaction.atomic
def project_create(*, user, rating_preset: str | None = None, **fields) -> Project:
    """Create a project; its creator becomes its admin."""
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
    permissions.check(user, "member.manage", project)
    if project.memberships.filter(user=member).exists():
        raise Conflict(f"{member} is already a member of this project.")
    membership = Membership(project=project, user=member, role=role)
    return _save(membership, user=user, verb=Verb.MEMBERSHIP_ADDED, to_state=role)


@transaction.atomic
def membership_update(*, membership: Membership, user, role: str) -> Membership:
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if permissions.is_admin(membership) and role != Role.ADMIN and not _admins_left(membership.project, membership):
        raise Conflict("A project keeps at least one admin.")
    from_role, membership.role = membership.role, role
    return _save(membership, user=user, verb=Verb.MEMBERSHIP_ROLE_CHANGED, from_state=from_role, to_state=role)


@transaction.atomic
def membership_remove(*, membership: Membership, user):
    permissions.check(user, "member.manage", membership.project)
    membership = _locked(membership)
    if permissions.is_admin(membership) and not _admins_left(membership.project, membership):
        raise Conflict("A project keeps at least one admin.")
    activity_log(
        project=membership.project, actor=user, verb=Verb.MEMBERSHIP_REMOVED, obj=membership, from_state=membership.role
    )
    membership.delete()


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
    _set_fields(rating, fields, {"label", "value", "description", "order", "active", "fever_label"})
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
