"""Logins and credentials: the lockout (django-axes) — which address a login
comes from, what a locked-out client is told, on the pages and in the API
alike — and the end of a user's API tokens when their password changes."""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext, ngettext
from rest_framework.throttling import BaseThrottle


def client_address(request):
    """The address failed logins are counted on: REMOTE_ADDR, or behind
    ``TRUSTED_PROXY_COUNT`` proxies the address the outermost of them saw.

    It is read the way DRF's throttles read it (``NUM_PROXIES``), so that the
    lockout and the throttle agree; what a client writes in X-Forwarded-For
    itself is never used.
    """
    address = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        # Not an address (a proxy that writes something else): the peer's.
        return request.META.get("REMOTE_ADDR")


def cooloff_seconds():
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message():
    minutes = max(1, cooloff_seconds() // 60)
    return ngettext(
        "Too many failed logins for this username or from this address. Wait %(minutes)d minute and try again.",
        "Too many failed logins for this username or from this address. Wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def is_locked_out(request):
    """Whether the last ``authenticate(request, …)`` was refused, or failed
    once too often, because of the lockout."""
    return bool(getattr(request, "axes_locked_out", False))


def lockout_response(request, original_response=None, credentials=None):
    """The login page's (and the admin login's) answer to a locked-out client."""
    response = render(request, "registration/locked_out.html", {"message": lockout_message()}, status=429)
    response["Retry-After"] = str(cooloff_seconds())
    return response


class RevokeTokensOnPasswordChange:
    """In ``AUTH_PASSWORD_VALIDATORS``, for Django's hook: whenever a saved
    password changes (the password page, the admin, ``changepassword``), the
    user's API tokens stop working. It validates nothing."""

    def validate(self, password, user=None):
        pass

    def password_changed(self, password, user=None):
        from .models import ApiToken

        if user is not None and user.pk is not None:
            ApiToken.objects.filter(user=user).delete()

    def get_help_text(self):
        return gettext("Changing your password revokes your API tokens.")
