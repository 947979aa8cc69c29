from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, suggestions, workflow
from ..forms import InvitationForm, MemberForm, ProjectForm, ProjectSettingsForm, RatingForm
from ..models import (
    Activity,
    AgreementScope,
    ClaimStatus,
    Invitation,
    Membership,
    Project,
    Rating,
    Role,
    Sentence,
    Verb,
    Verdict,
    VerdictStatus,
)
from .common import confirmation, error_text, form_errors, project_for, refusals_to_messages

# What counts as an editor's review in the dashboard's table of work.
REVIEW_VERBS = [Verb.VERDICT_APPROVED, Verb.VERDICT_PUBLISHED, Verb.VERDICT_CHANGES_REQUESTED]
# The dashboard shows this much activity, the first few open.
ACTIVITY_SHOWN, ACTIVITY_OPEN = 15, 5
# Where the feed links an object that is not in a text: its page, and what
# a member must be allowed to open it (None: every member).
ACTIVITY_PAGES = {
    "importjob": ("annotations:import_job", "article.import"),
    "exportjob": ("annotations:export_job", "article.export"),
    "externalfactcheck": ("annotations:fact_check", None),
}
MEMBERS_PAGE_OBJECTS = {"rating", "membership", "invitation", "project"}


def activity_feed(project, user, limit):
    """The project's latest activity, each event with ``url``, the page of
    its object (none for a deleted claim, or a page the user may not open):
    four queries, whatever the limit."""
    events = list(project.activities.select_related("actor")[:limit])
    may_open = {action: permissions.can(user, action, project) for _, action in ACTIVITY_PAGES.values() if action}

    def ids(kind):
        return {event.object_id for event in events if event.object_type == kind}

    # Where each claim, verdict and sentence is: its article's text.
    claims = dict(project.claims.filter(pk__in=ids("claim")).values_list("pk", "article_id"))
    verdicts = {
        pk: (claim, article)
        for pk, claim, article in Verdict.objects.filter(claim__project=project, pk__in=ids("verdict")).values_list(
            "pk", "claim_id", "claim__article_id"
        )
    }
    sentences = dict(
        Sentence.objects.filter(article__project=project, pk__in=ids("sentence")).values_list("pk", "article_id")
    )

    def text(article, anchor=""):
        return reverse("annotations:workspace", args=[project.slug, article]) + anchor

    for event in events:
        kind, pk = event.object_type, event.object_id
        event.url = None
        if kind == "article":
            event.url = text(pk)
        elif kind == "claim" and pk in claims:
            event.url = text(claims[pk], f"#claim-{pk}")
        elif kind == "verdict" and pk in verdicts:
            claim, article = verdicts[pk]
            event.url = text(article, f"#claim-{claim}")
        elif kind == "sentence" and pk in sentences:
            event.url = text(sentences[pk], f"#sentence-{pk}")
        elif kind in ACTIVITY_PAGES:
            page, action = ACTIVITY_PAGES[kind]
            if action is None or may_open[action]:
                event.url = reverse(page, args=[project.slug, pk])
        elif kind in MEMBERS_PAGE_OBJECTS:
            event.url = reverse("annotations:members", args=[project.slug])
    return events


# The dashboard's project-wide counts are counted again only when the desk
# did something (a new Activity: every move of the workflow writes one, an
# import's end too): each one reads an index over the whole project (about
# 0.3 s together at a million articles), too much for every view of a page
# that only informs. The cache keeps them at most this long.
DASHBOARD_COUNTS_SECONDS = 600


def project_counts(project, latest_activity):
    """The dashboard's counts over the whole project, as they were when the
    project's latest Activity (its id, ``latest_activity``) was written."""

    def count():
        week = timezone.now() - timedelta(days=7)
        # A claim marked and deleted again is no work done (deletions are few: a cheap subquery).
        deleted = Activity.objects.filter(project=project, verb=Verb.CLAIM_DELETED).values("object_id")
        published = Q(verdicts__is_current=True, verdicts__status=VerdictStatus.PUBLISHED)
        return {
            "by_status": dict(project.claims.order_by().values_list("status").annotate(n=Count("*"))),
            "by_rating": dict(
                project.ratings.order_by().annotate(n=Count("verdicts", filter=published)).values_list("pk", "n")
            ),
            "work": list(
                Activity.objects.filter(project=project, created_at__gte=week, actor__isnull=False)
                .values("actor__username")
                .annotate(
                    marked=Count("id", filter=Q(verb=Verb.CLAIM_MARKED) & ~Q(object_id__in=deleted)),
                    verdicts=Count("id", filter=Q(verb=Verb.VERDICT_SUBMITTED)),
                    reviews=Count("id", filter=Q(verb__in=REVIEW_VERBS)),
                    total=Count("id"),
                )
                .order_by("-total")
            ),
            "articles": project.articles.count(),
            "submitted": Verdict.objects.filter(claim__project=project).current().awaiting_decision().count(),
        }  # fmt: skip

    return cache.get_or_set(f"dashboard-counts:{project.pk}:{latest_activity}", count, DASHBOARD_COUNTS_SECONDS)


@login_required
def dashboard(request, slug):
    project = project_for(request, slug)
    activity = activity_feed(project, request.user, ACTIVITY_SHOWN)
    counted = project_counts(project, activity[0].pk if activity else 0)
    by_status = counted["by_status"]
    statuses = [(value, label, by_status.get(value, 0)) for value, label in ClaimStatus.choices]
    ratings = list(project.ratings.order_by("order", "value"))
    for rating in ratings:
        rating.n = counted["by_rating"].get(rating.pk, 0)
    context = {
        "project": project,
        "statuses": statuses,
        "total_claims": sum(n for _, _, n in statuses),
        "ratings": ratings,
        "rating_max": max([r.n for r in ratings] + [1]),
        "work": counted["work"],
        "activity": activity[:ACTIVITY_OPEN],
        "activity_earlier": activity[ACTIVITY_OPEN:],
        # What an editor assigned to this user to annotate and they have not finished: first on the page.
        "assigned_articles": list(
            project.articles.filter(assignments__annotator=request.user, assignments__done_at__isnull=True)
            .defer("text", "search_vector")
            .order_by("-assignments__assigned_at", "-id")[:10]
        ),
        **suggestions.quality(project),
        # Stored by tasks.compute_agreement: the dashboard only reads it.
        "agreement": project.agreements.filter(scope=AgreementScope.PROJECT).first(),
        "weeks": list(project.agreements.weeks().reverse()[:8])[::-1],
        "counts": {
            "articles": counted["articles"],
            "open": by_status.get(ClaimStatus.OPEN, 0),
            "mine": project.claims.assigned_to(request.user).filter(status=ClaimStatus.IN_PROGRESS).count(),
            "submitted": counted["submitted"],
        },
    }
    return render(request, "annotations/dashboard.html", context)


@login_required
def project_new(request):
    """A new project, for those who may create one (``permissions.can_create_project``)."""
    permissions.check_create_project(request.user)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = workflow.project_create(user=request.user, **form.cleaned_data)
        except workflow.REFUSALS as exc:
            messages.error(request, error_text(exc))
        else:
            return redirect("annotations:dashboard", slug=project.slug)
    return render(request, "annotations/project_new.html", {"form": form})


@login_required
@require_POST
@refusals_to_messages
def project_settings(request, slug):
    project = project_for(request, slug, "project.manage")
    form = ProjectSettingsForm(request.POST, instance=Project.objects.get(pk=project.pk))
    if form.is_valid():
        workflow.project_update(project=project, user=request.user, **form.cleaned_data)
        messages.success(request, _("Project settings saved."))
    else:
        messages.error(request, form_errors(form))
    return redirect("annotations:members", slug=slug)


@login_required
def members(request, slug):
    project = project_for(request, slug)
    can_manage = permissions.can(request.user, "member.manage", project)
    invitations = project.invitations.pending().select_related("invited_by") if can_manage else []
    can_manage_ratings = permissions.can(request.user, "rating.manage", project)
    ratings = project.ratings.order_by("order", "value")
    context = {
        "project": project,
        "memberships": project.memberships.select_related("user").order_by("user__username"),
        # Each rating with its edit form, for those who may change the scale.
        "ratings": [
            (rating, RatingForm(instance=rating, auto_id=f"rating-{rating.pk}-%s") if can_manage_ratings else None)
            for rating in ratings
        ],
        # Four forms on one page: ids of their own, so that each label finds its field.
        "member_form": MemberForm(auto_id="member-%s"),
        "rating_form": RatingForm(),
        "invitation_form": InvitationForm(auto_id="invitation-%s"),
        "settings_form": ProjectSettingsForm(instance=project, auto_id="settings-%s"),
        "invitations": [
            (invitation, request.build_absolute_uri(invitation.get_absolute_url())) for invitation in invitations
        ],  # fmt: skip
        "can_manage_members": can_manage,
        "can_add_instance_users": permissions.can_add_instance_users(request.user, project),
        "can_manage_project": permissions.can(request.user, "project.manage", project),
        "can_manage_ratings": can_manage_ratings,
    }
    return render(request, "annotations/members.html", context)


@login_required
@require_POST
@refusals_to_messages
def member_add(request, slug):
    """Add an existing user by username, where the instance allows it. Elsewhere
    it is refused before any lookup, so the answer is the same for a username
    that exists and one that does not."""
    project = project_for(request, slug, "member.manage")
    permissions.check_add_instance_users(request.user, project)
    form = MemberForm(request.POST)
    if form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            messages.error(request, _("No user has this username."))
        else:
            workflow.membership_add(project=project, user=request.user, member=user, role=form.cleaned_data["role"])
            role = Role(form.cleaned_data["role"]).label
            messages.success(request, _("%(user)s joined as %(role)s.") % {"user": user.username, "role": role})
    return redirect("annotations:members", slug=slug)


@login_required
@require_POST
@refusals_to_messages
def member_change(request, slug, pk):
    project = project_for(request, slug, "member.manage")
    membership = get_object_or_404(Membership, project=project, pk=pk)
    if request.POST.get("remove"):
        if page := confirmation(request, "member_remove", reverse("annotations:members", args=[slug])):
            return page
        workflow.membership_remove(membership=membership, user=request.user)
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user.username})
    else:
        workflow.membership_update(membership=membership, user=request.user, role=request.POST.get("role", ""))
    return redirect("annotations:members", slug=slug)


@login_required
@require_POST
@refusals_to_messages
def invitation_add(request, slug):
    project = project_for(request, slug, "member.manage")
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("annotations:members", slug=slug)
    invitation = workflow.invitation_create(project=project, user=request.user, **form.cleaned_data)
    who = invitation.email or invitation.name
    if invitation.email:
        messages.success(request, _("Invitation sent to %(who)s. Its link is below too.") % {"who": who})
    else:
        messages.success(request, _("Invitation for %(who)s made: pass its link below on.") % {"who": who})
    return redirect("annotations:members", slug=slug)


@login_required
@require_POST
@refusals_to_messages
def invitation_revoke(request, slug, pk):
    project = project_for(request, slug, "member.manage")
    invitation = get_object_or_404(Invitation, project=project, pk=pk)
    if page := confirmation(request, "invitation_revoke", reverse("annotations:members", args=[slug])):
        return page
    workflow.invitation_revoke(invitation=invitation, user=request.user)
    messages.success(request, _("Invitation revoked: its link no longer works."))
    return redirect("annotations:members", slug=slug)


@login_required
@require_POST
@refusals_to_messages
def rating_save(request, slug, pk=None):
    project = project_for(request, slug, "rating.manage")
    rating = get_object_or_404(Rating, project=project, pk=pk) if pk else None
    form = RatingForm(request.POST, instance=rating)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    elif rating:
        rating = workflow.rating_update(rating=rating, user=request.user, **form.cleaned_data)
        messages.success(request, _("Rating “%(label)s” saved.") % {"label": rating.label})
    else:
        rating = workflow.rating_create(project=project, user=request.user, **form.cleaned_data)
        messages.success(request, _("Rating “%(label)s” added.") % {"label": rating.label})
    return redirect("annotations:members", slug=slug)
