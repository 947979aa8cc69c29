from rest_framework import authentication

from .json_rows import prepared_statements


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, its lookup prepared once per connection."""

    def authenticate_credentials(self, key):
        with prepared_statements():
            return super().authenticate_credentials(key)
