"""Notifications: a member's inbox of what concerns them, and their choice to get it by e-mail too."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0015_double_annotation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NotificationPreference",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="notification_preference",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("email", models.BooleanField(default=False, verbose_name="Also send me my notifications by e-mail")),
            ],
        ),
        migrations.CreateModel(
            name="Notification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("claim_assigned", "assigned you a claim to check"),
                            ("article_assigned", "assigned you an article to annotate"),
                            ("changes_requested", "asked for changes to your verdict"),
                            ("verdict_approved", "approved your verdict"),
                            ("verdict_published", "published your verdict"),
                            ("claim_comment", "commented on your claim"),
                            ("verdict_comment", "commented on your verdict"),
                            ("mention", "mentioned you in a comment"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "excerpt",
                    models.CharField(
                        blank=True,
                        help_text="The start of the comment or the change request it is about.",
                        max_length=300,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("read_at", models.DateTimeField(blank=True, null=True)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.article",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.claim",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.project",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "verdict",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.verdict",
                    ),
                ),
            ],
            options={
                "ordering": ["-id"],
                "indexes": [
                    models.Index(fields=["recipient", "read_at", "-id"], name="notification_recipient_unread"),
                    models.Index(fields=["recipient", "-id"], name="notification_recipient"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "kind__in",
                                [
                                    "claim_assigned",
                                    "article_assigned",
                                    "changes_requested",
                                    "verdict_approved",
                                    "verdict_published",
                                    "claim_comment",
                                    "verdict_comment",
                                    "mention",
                                ],
                            )
                        ),
                        name="notification_valid_kind",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("claim__isnull", False), ("article__isnull", False), _connector="OR"),
                        name="notification_has_object",
                    ),
                ],
            },
        ),
    ]
