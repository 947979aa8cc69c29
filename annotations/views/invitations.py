"""The page an invitation's link opens: the invitee joins the project, with
the account they are logged in with or with a new one made there."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import workflow
from ..models import Invitation, Role
from .common import error_text


@never_cache
def invitation(request, token):
    """GET: what the invitation offers; POST: accept it. A link that is
    tampered, used, revoked or expired gets the same page (404)."""
    invitation = Invitation.objects.select_related("project", "invited_by").from_token(token)
    if invitation is None:
        return render(request, "annotations/invitation.html", {"invitation": None}, status=404)
    form = UserCreationForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                membership = workflow.invitation_accept(invitation=invitation, user=request.user)
            else:
                membership = workflow.invitation_accept(
                    invitation=invitation, username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )  # fmt: skip
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        except workflow.REFUSALS as exc:
            messages.error(request, error_text(exc))
        else:
            role = Role(membership.role).label
            messages.success(request, _("Welcome to %(project)s, as %(role)s.") % {
                "project": membership.project.name, "role": role})  # fmt: skip
            return redirect("annotations:dashboard", slug=membership.project.slug)
    context = {"invitation": invitation, "form": form, "role": Role(invitation.role).label}
    return render(request, "annotations/invitation.html", context)
