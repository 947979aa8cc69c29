from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from ..models import ApiToken
from .json_rows import prepared_statements


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` against ``ApiToken``: revoked (deleted),
    expired and inactive users' tokens are refused. The lookup is prepared
    once per connection; the last use is written at most every few minutes."""

    def authenticate_credentials(self, key):
        with prepared_statements():
            token = ApiToken.objects.by_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("This token has expired: get a new one."))
        token.record_use()
        return token.user, token
