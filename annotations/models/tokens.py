"""API tokens: several per user, each with a name, revocable, ending.

A key is sent as ``Authorization: Token <key>`` (40 hexadecimal characters,
as DRF's own tokens). Only its SHA-256 is stored, so that a copy of the
database holds no usable key; a key is random, so a fast hash is enough. The
key is shown once, when the token is issued.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A token's last use is written at most this often: not a write per request.
LAST_USED_RESOLUTION = timedelta(minutes=5)
PREFIX_LENGTH = 8


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's own tokens."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def issue(self, *, user, name: str = "") -> tuple["ApiToken", str]:
        """A new token for the user, ending after ``API_TOKEN_DAYS`` (0: never),
        and its key, which is not stored and cannot be shown again."""
        key = secrets.token_hex(20)
        days = settings.API_TOKEN_DAYS
        token = self.model(
            user=user, name=name, key_hash=key_hash(key), prefix=key[:PREFIX_LENGTH],
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )  # fmt: skip
        token.full_clean()
        token.save()
        return token, key

    def by_key(self, key: str):
        """The token with this key, with its user, or None."""
        try:
            return self.select_related("user").get(key_hash=key_hash(key))
        except self.model.DoesNotExist:
            return None


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("What the token is for."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False, help_text="SHA-256 of the key, in hex.")
    prefix = models.CharField(
        max_length=PREFIX_LENGTH, editable=False, help_text="The key's first characters, to tell tokens apart."
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, help_text=_("Empty: never."))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.prefix}… ({self.name or 'API token'}) of {self.user}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def record_use(self):
        """Note that the token was used now, unless it was noted a moment ago."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    def revoke(self):
        """The token stops working at once."""
        self.delete()
