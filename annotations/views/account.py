"""The user's own account: their API tokens, their password, and whether their notifications are e-mailed."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import permissions
from ..models import ApiToken, NotificationPreference
from .common import confirmation
from .notifications import PreferenceForm


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=100, required=False, help_text=gettext_lazy("What the token is for.")
    )


@login_required
def account(request):
    """The account page; a POST issues a new token, whose key is shown on
    this answer only (it is not stored, and never put in a message)."""
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = ApiToken.objects.issue(user=request.user, name=form.cleaned_data["name"] or "API")
        form = TokenForm()
    preference = NotificationPreference.objects.filter(user=request.user).first()
    context = {
        "form": form, "tokens": permissions.tokens_for(request.user), "new_key": new_key,
        "preference_form": PreferenceForm(instance=preference),
    }  # fmt: skip
    return render(request, "annotations/account.html", context)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(permissions.tokens_for(request.user), pk=pk)
    if page := confirmation(request, "token_revoke", reverse("annotations:account")):
        return page
    token.revoke()
    messages.success(request, _("The token %(prefix)s… was revoked.") % {"prefix": token.prefix})
    return redirect("annotations:account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (the session stays logged in); changing the
    password revokes the user's API tokens (``logins.RevokeTokensOnPasswordChange``)."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("annotations:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed, and your API tokens were revoked."))
        return response


password_change = PasswordChangeView.as_view()
