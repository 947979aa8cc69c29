"""Who may do what: one table, used by the workflow, the API and the pages.

Roles are cumulative (an editor can do what a reviewer can, and so on).
A user who is not a member of a project may not even learn that it exists:
lookups answer "not found" for them, never "forbidden".
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import permissions as drf_permissions

from .models import ROLE_RANK, Project, Role

# The least role that may perform each action.
ACTIONS = {
    "view": Role.ANNOTATOR,
    "comment": Role.ANNOTATOR,
    "claim.mark": Role.ANNOTATOR,
    "claim.take": Role.REVIEWER,
    "claim.triage": Role.REVIEWER,  # not checkable, duplicate
    "verdict.write": Role.REVIEWER,
    "verdict.review": Role.EDITOR,  # approve, request changes, publish, correct, retract
    "claim.edit_any": Role.EDITOR,
    "comment.resolve_any": Role.EDITOR,
    "rating.manage": Role.EDITOR,
    "article.import": Role.EDITOR,
    "article.export": Role.EDITOR,
    "member.manage": Role.ADMIN,
    "project.manage": Role.ADMIN,
}


def role_allows(role, action) -> bool:
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[ACTIONS[action]]


def role_in(user, project: Project):
    """The user's role in the project, cached on the user for one request."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_project_roles", {})
    if project.pk not in cache:
        cache[project.pk] = project.role_of(user)
    return cache[project.pk]


def can(user, action: str, project: Project) -> bool:
    return role_allows(role_in(user, project), action)


def check(user, action: str, project: Project):
    """Raise unless the user may perform the action: 404 for a non-member,
    403 for a member whose role is too small."""
    role = role_in(user, project)
    if role is None:
        raise Http404("No such project.")
    if not role_allows(role, action):
        raise PermissionDenied(f"Your role ({role}) may not do this ({action}).")


def check_owner_or(user, owner, action: str, project: Project):
    """Members may act on what they own; others need the given action."""
    check(user, "view", project)
    if owner is not None and owner == user:
        return
    check(user, action, project)


class IsProjectMember(drf_permissions.BasePermission):
    """Object-level gate for the API: members see a project's objects; the
    querysets are already scoped, so this guards objects reached otherwise."""

    def has_object_permission(self, request, view, obj):
        project = obj if isinstance(obj, Project) else obj.project
        if role_in(request.user, project) is None:
            raise Http404
        return True
