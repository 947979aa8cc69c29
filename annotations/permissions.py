"""Who may do what: one table, used by the workflow, the API and the pages.

Roles are cumulative (an editor can do what a reviewer can, and so on).
A user who is not a member of a project may not even learn that it exists:
lookups answer "not found" for them, never "forbidden".
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import permissions as drf_permissions

from .models import ROLE_RANK, ApiToken, ClaimStatus, Evidence, Notification, Project, Role, Verdict

# The least role that may perform each action.
ACTIONS = {
    "view": Role.ANNOTATOR,
    "comment": Role.ANNOTATOR,
    "claim.mark": Role.ANNOTATOR,
    "claim.take": Role.REVIEWER,
    "claim.assign": Role.EDITOR,  # to a reviewer, or off them (``workflow.claim_assign``)
    "claim.triage": Role.REVIEWER,  # not checkable, duplicate
    "claim.reopen": Role.EDITOR,  # undo the triage: back among the open claims
    "verdict.write": Role.REVIEWER,
    "verdict.review": Role.EDITOR,  # approve, request changes, publish, correct, retract
    "claim.edit_any": Role.EDITOR,
    "claim.clusters": Role.EDITOR,  # the claim clusters page
    "comment.resolve_any": Role.EDITOR,
    "rating.manage": Role.EDITOR,
    "article.import": Role.EDITOR,
    "article.export": Role.EDITOR,
    "article.assign": Role.EDITOR,  # to an annotator, or to k annotators independently
    "article.adjudicate": Role.EDITOR,  # see everyone's independent claims, accept or reject them
    "claim.send_for_rating": Role.EDITOR,  # to k reviewers, who rate its verdict independently
    "claim.rate": Role.REVIEWER,  # rate a claim one was sent, without seeing the others' ratings
    "claim.adjudicate_ratings": Role.EDITOR,  # see the k ratings, set the one the verdict carries on with
    "member.manage": Role.ADMIN,
    "project.manage": Role.ADMIN,
}


# How a refusal names the work of an action.
ACTION_NAMES = {"claim.take": gettext_lazy("check claims"), "claim.mark": gettext_lazy("mark claims")}


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
        raise PermissionDenied(
            _("Your role (%(role)s) may not do this (%(action)s).") % {"role": role, "action": action}
        )


def check_owner_or(user, owner, action: str, project: Project):
    """Members may act on what they own; others need the given action."""
    check(user, "view", project)
    if owner is not None and owner == user:
        return
    check(user, action, project)


def admins(project: Project):
    """The project's admin memberships (a project keeps at least one)."""
    return project.memberships.filter(role=Role.ADMIN)


def is_admin(membership) -> bool:
    return membership.role == Role.ADMIN


def roles_allowed(action: str) -> list[str]:
    """The roles that may perform the action."""
    return [role for role in Role.values if role_allows(role, action)]


def projects_where(user, action: str):
    """The projects in which the user may perform the action."""
    if not user.is_authenticated:
        return Project.objects.none()
    roles = roles_allowed(action)
    # One filter() call: both conditions hold for the same membership row.
    return Project.objects.filter(memberships__user=user, memberships__role__in=roles)


def members_who_may(project: Project, action: str):
    """The users whose role in the project allows the action: those a claim
    may be assigned to (``claim.take``), or an article (``claim.mark``)."""
    return get_user_model().objects.filter(memberships__project=project, memberships__role__in=roles_allowed(action))


def check_assignee(assignee, action: str, project: Project):
    """Refuse an assignee whose role does not allow the work assigned
    (``claim.take`` for a claim, ``claim.mark`` for an article)."""
    if not can(assignee, action, project):
        message = _("%(user)s may not %(work)s in this project.")
        raise ValidationError({"assignee": message % {"user": assignee.username, "work": ACTION_NAMES[action]}})


def visible(model, user):
    """The rows of ``model`` the user may name (in a filter, say): those of
    their projects, and the users who share a project with them. Anything
    else is, for them, as if it did not exist."""
    projects = Project.objects.for_user(user)
    if model is Project:
        return projects
    if model is get_user_model():
        return model.objects.filter(memberships__project__in=projects).distinct()
    path = {Verdict: "claim__project", Evidence: "verdict__claim__project"}.get(model, "project")
    return model._default_manager.filter(**{f"{path}__in": projects})


def can_see_claim(user, claim) -> bool:
    """One claim's answer to ``Claim.objects.visible_to(user)``."""
    return can(user, "view", claim.project) and (
        claim.status != ClaimStatus.INDEPENDENT
        or claim.created_by_id == user.pk
        or can(user, "article.adjudicate", claim.project)
    )


def notifications_for(user):
    """The user's own notifications about what they may still see: of the
    projects they are a member of today, and not about a claim hidden from
    them (the rule of ``ClaimQuerySet.visible_to``, through the same single
    membership join). A notification never tells more than its object's page."""
    if not user.is_authenticated:
        return Notification.objects.none()
    # One filter() call: both membership conditions hold for the same row.
    return Notification.objects.filter(
        Q(recipient=user, project__memberships__user=user)
        & (
            Q(claim__isnull=True)
            | ~Q(claim__status=ClaimStatus.INDEPENDENT)
            | Q(claim__created_by=user)
            | Q(project__memberships__role__in=roles_allowed("article.adjudicate"))
        )
    )


def can_create_project(user) -> bool:
    """Staff create projects; everyone else only where ``PROJECT_CREATION_OPEN`` is on."""
    return user.is_authenticated and (user.is_staff or settings.PROJECT_CREATION_OPEN)


def check_create_project(user):
    if not can_create_project(user):
        raise PermissionDenied(_("Only staff may create projects on this instance."))


def can_add_instance_users(user, project: Project) -> bool:
    """Whether a project admin may add an existing account of the instance
    by its username, rather than invite: staff always, other admins only
    where ``MEMBERS_FROM_INSTANCE`` is on (off, nobody learns which
    usernames exist)."""
    return can(user, "member.manage", project) and (user.is_staff or settings.MEMBERS_FROM_INSTANCE)


def check_add_instance_users(user, project: Project):
    check(user, "member.manage", project)
    if not can_add_instance_users(user, project):
        raise PermissionDenied(_("Members join by invitation on this instance: invite them instead."))


def claim_edit_states(user, claim) -> frozenset:
    """The states in which this user may edit (or delete) this claim: its
    author while nobody has taken it, an editor until it is published."""
    if can(user, "claim.edit_any", claim.project):
        return ClaimStatus.EDITABLE_BY_EDITOR
    if claim.created_by_id == user.pk and can(user, "view", claim.project):
        return ClaimStatus.EDITABLE_BY_AUTHOR
    return frozenset()


def can_edit_claim(user, claim) -> bool:
    """Whether the user may edit the claim in its present state."""
    return claim.status in claim_edit_states(user, claim)


def check_edit_claim(user, claim):
    """Raise unless the user may edit the claim in some state: 404 for a
    non-member, 403 without the right. The state is for the workflow to
    refuse (409), so that a member learns why."""
    check_owner_or(user, claim.created_by, "claim.edit_any", claim.project)


def can_reopen_claim(user, claim) -> bool:
    """Whether "Reopen" is offered: an editor, on a claim set aside by
    triage (not checkable, or a duplicate)."""
    return can(user, "claim.reopen", claim.project) and claim.status in ClaimStatus.REOPENABLE


def check_reopen_claim(user, claim):
    """404 for a non-member, 403 below an editor; the state is the workflow's to refuse (409)."""
    check(user, "claim.reopen", claim.project)


def can_link_automatically(project: Project) -> bool:
    """Whether the app itself may link a new claim as a duplicate of a desk
    claim it repeats (above "confirm", long enough: ``checked_before``): only
    where the project's admins turned ``auto_link_matches`` on."""
    return project.auto_link_matches


def check_link_automatically(project: Project):
    if not can_link_automatically(project):
        raise PermissionDenied(_("This project does not link duplicates automatically."))


def can_cite_match(user, claim, verdict, creates_draft=False) -> bool:
    """Whether "Cite as evidence" is offered: the claim's verdict exists, may
    still change, and the user may write it (``workflow.evidence_add``); or,
    on the verdict editor (``creates_draft``, whose submit starts the draft),
    the claim being checked has no verdict yet."""
    if verdict is None:
        return creates_draft and claim.status == ClaimStatus.IN_PROGRESS and can_write_verdict(user, claim)
    return verdict.is_editable and can_write_verdict(user, claim)


def can_write_verdict(user, claim) -> bool:
    """The claim's assignee (a reviewer) or an editor may write its verdict."""
    return can(user, "verdict.write", claim.project) and (
        claim.assignee_id == user.pk or can(user, "verdict.review", claim.project)
    )


def check_write_verdict(user, claim):
    check(user, "verdict.write", claim.project)
    if not can_write_verdict(user, claim):
        raise PermissionDenied(_("Only the claim's assignee or an editor may write its verdict."))


def can_decide(user, verdict) -> bool:
    """Whether the user may approve or publish the verdict, or publish a
    correction of it: an editor, and not its author where the project keeps
    four eyes (``allow_self_approval`` off)."""
    return can(user, "verdict.review", verdict.project) and (
        verdict.author_id != user.pk or verdict.project.allow_self_approval
    )


def check_decide(user, verdict):
    check(user, "verdict.review", verdict.project)
    if not can_decide(user, verdict):
        raise PermissionDenied(_("Editors may not approve or publish their own verdicts in this project."))


def check_rate(user, claim, sent):
    """Raise unless the user may rate the claim independently: a reviewer it
    was sent to (``sent``: their IndependentRating row, or None)."""
    check(user, "claim.rate", claim.project)
    if sent is None:
        raise PermissionDenied(_("Only the reviewers this claim was sent to may rate it."))


def visible_ratings(user, ratings):
    """The independent ratings (a queryset) the user may see: their own;
    and, of a claim no longer being rated (adjudicated), everyone's, for the
    project's members. Until then, only those who adjudicate see the others'
    ratings, and an editor who was sent the claim too sees them only once
    every reviewer has rated it: no reviewer sees another's rating before
    their own is in, and a reviewer never before the adjudication."""
    from .models import IndependentRating

    if not user.is_authenticated:
        return ratings.none()
    mine = IndependentRating.objects.filter(claim=OuterRef("claim"), reviewer=user)
    return ratings.filter(
        Q(claim__project__memberships__user=user)
        & (
            Q(reviewer=user)
            | ~Q(claim__status__in=ClaimStatus.RATING_INDEPENDENTLY)
            | (
                Q(claim__project__memberships__role__in=roles_allowed("claim.adjudicate_ratings"))
                & (Q(claim__status=ClaimStatus.RATED) | ~Exists(mine))
            )
        )
    )


def tokens_for(user):
    """The API tokens a user may list and revoke: their own, and no one
    else's, staff included (they are credentials; the admin site is where an
    administrator revokes other people's)."""
    return ApiToken.objects.for_user(user)


def allowed_actions(user, project: Project) -> dict:
    """Every action of the table and whether the user may do it, keyed for
    templates (``claim.take`` as ``claim_take``): ``request.can.claim_take``."""
    role = role_in(user, project)
    return {action.replace(".", "_"): role_allows(role, action) for action in ACTIONS}


class IsProjectMember(drf_permissions.BasePermission):
    """Object-level gate for the API: members see a project's objects; the
    querysets are already scoped, so this guards objects reached otherwise."""

    def has_object_permission(self, request, view, obj):
        project = obj if isinstance(obj, Project) else obj.project
        if role_in(request.user, project) is None:
            raise Http404
        return True
