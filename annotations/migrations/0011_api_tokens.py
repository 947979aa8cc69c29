"""API tokens of our own (several per user, revocable, ending, the key
hashed) in place of DRF's one plaintext token per user. The keys of DRF's
tokens are carried over, hashed, so that clients keep working, and then
erased from DRF's table, which the app no longer uses."""

import datetime
import hashlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def carry_over_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("annotations", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = [
            (key, user_id, created if created.tzinfo else created.replace(tzinfo=datetime.timezone.utc))
            for key, user_id, created in cursor.fetchall()
        ]
        ApiToken.objects.bulk_create(
            ApiToken(
                user_id=user_id,
                name="API",
                key_hash=hashlib.sha256(key.encode()).hexdigest(),
                prefix=key[:8],
                created_at=created,
            )
            for key, user_id, created in rows
        )
        cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0010_checkworthy_sentences"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        blank=True, help_text="What the token is for.", max_length=100, verbose_name="name"
                    ),
                ),
                (
                    "key_hash",
                    models.CharField(
                        editable=False, help_text="SHA-256 of the key, in hex.", max_length=64, unique=True
                    ),
                ),
                (
                    "prefix",
                    models.CharField(
                        editable=False, help_text="The key's first characters, to tell tokens apart.", max_length=8
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created")),
                ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="last used")),
                (
                    "expires_at",
                    models.DateTimeField(blank=True, help_text="Empty: never.", null=True, verbose_name="expires"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "API token",
                "verbose_name_plural": "API tokens",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.RunPython(carry_over_drf_tokens, migrations.RunPython.noop),
    ]
