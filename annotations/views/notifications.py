"""The inbox: the user's notifications, newest first, a page after another;
following one marks it read. And the account's e-mail preference."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import notifications, permissions
from ..models import NotificationPreference
from .common import safe_next

PAGE_SIZE = 25


def _listed(user):
    return (
        permissions.notifications_for(user)
        .select_related("actor", "project", "claim", "article")
        .defer("claim__search_vector", "article__text", "article__search_vector")
    )


@login_required
def inbox(request):
    """Newest first; ``?before=<id>`` pages on by id (a keyset: no count,
    no offset, and nothing skipped when new ones arrive meanwhile)."""
    rows = _listed(request.user)
    before = request.GET.get("before", "")
    if before:
        if before.isascii() and before.isdigit() and len(before) <= 18:
            rows = rows.filter(pk__lt=int(before))
        else:
            messages.error(request, _("That page of notifications does not exist; here are the newest."))
            before = ""
    page = list(rows.order_by("-pk")[: PAGE_SIZE + 1])
    older = page[PAGE_SIZE - 1].pk if len(page) > PAGE_SIZE else None
    page = page[:PAGE_SIZE]
    for notification in page:
        notification.label = notifications.object_label(notification)
    context = {"notifications": page, "older": older, "paged": bool(before)}
    return render(request, "annotations/notifications.html", context)


@login_required
def notification_open(request, pk):
    """Follow a notification to its object; it is read from now on."""
    notification = get_object_or_404(_listed(request.user), pk=pk)
    notification.mark_read()
    return redirect(notifications.target_url(notification, request.user))


@login_required
@require_POST
def notification_read(request, pk):
    get_object_or_404(permissions.notifications_for(request.user), pk=pk).mark_read()
    return redirect(safe_next(request, "annotations:notifications"))


@login_required
@require_POST
def notifications_read_all(request):
    marked = permissions.notifications_for(request.user).mark_read()
    message = ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", marked)
    messages.success(request, message % {"count": marked})
    return redirect(safe_next(request, "annotations:notifications"))


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email"]


@login_required
@require_POST
def notification_preference(request):
    preference = NotificationPreference.objects.filter(user=request.user).first()
    form = PreferenceForm(request.POST, instance=preference or NotificationPreference(user=request.user))
    if not form.is_valid():
        messages.error(request, _("Your choice could not be read; nothing changed."))
    elif form.cleaned_data["email"] and not request.user.email:
        messages.error(
            request,
            _("Your account has no e-mail address, so nothing can be sent; ask an administrator to add one."),
        )
    else:
        form.save()
        if form.cleaned_data["email"]:
            messages.success(
                request, _("Your notifications will also go to %(email)s.") % {"email": request.user.email}
            )
        else:
            messages.success(request, _("Your notifications will no longer be e-mailed."))
    return redirect("annotations:account")
