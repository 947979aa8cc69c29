"""Invitations: a project admin invites someone by email or name with a role;
the link works once, until it expires. The verbs of inviting, joining by
invitation and revoking."""

import annotations.models.projects
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0012_retracted_verdict_public"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Invitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Where the link is sent; empty, the admin passes the link on.",
                        max_length=254,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True, help_text="Who the invitation is for, as the desk knows them.", max_length=150
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("annotator", "Annotator"),
                            ("reviewer", "Reviewer"),
                            ("editor", "Editor"),
                            ("admin", "Admin"),
                        ],
                        default="annotator",
                        max_length=16,
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("expires_at", models.DateTimeField(default=annotations.models.projects._invitation_expiry)),
                ("accepted_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="activity",
            name="activity_valid_verb",
        ),
        migrations.AlterField(
            model_name="activity",
            name="verb",
            field=models.CharField(
                choices=[
                    ("article.created", "added article %(id)s"),
                    ("claim.marked", "marked claim %(id)s"),
                    ("claim.imported", "imported claim %(id)s"),
                    ("sentence.dismissed", "dismissed the suggested sentence %(id)s"),
                    ("claim.edited", "edited claim %(id)s"),
                    ("claim.deleted", "deleted claim %(id)s"),
                    ("claim.taken", "took claim %(id)s to check it"),
                    ("claim.released", "gave claim %(id)s back to the queue"),
                    ("claim.marked_not_checkable", "marked claim %(id)s as not checkable"),
                    ("claim.marked_duplicate", "marked claim %(id)s as a duplicate"),
                    ("claim.submitted", "sent claim %(id)s into review"),
                    ("claim.changes_requested", "sent claim %(id)s back to its reviewer"),
                    ("claim.published", "published the fact-check of claim %(id)s"),
                    ("verdict.drafted", "started verdict %(id)s"),
                    ("verdict.edited", "edited verdict %(id)s"),
                    ("verdict.submitted", "submitted verdict %(id)s to the editors"),
                    ("verdict.changes_requested", "asked for changes to verdict %(id)s"),
                    ("verdict.approved", "approved verdict %(id)s"),
                    ("verdict.published", "published verdict %(id)s"),
                    ("verdict.corrected", "replaced verdict %(id)s by a correction"),
                    ("verdict.correction_published", "published correction %(id)s"),
                    ("verdict.retracted", "retracted verdict %(id)s"),
                    ("evidence.added", "added evidence to claim %(id)s"),
                    ("evidence.edited", "edited evidence of claim %(id)s"),
                    ("evidence.removed", "removed evidence from claim %(id)s"),
                    ("comment.added", "commented on claim %(id)s"),
                    ("comment.resolved", "resolved a comment on claim %(id)s"),
                    ("fact_check.imported", "imported fact-check %(id)s of another publisher"),
                    ("project.created", "created the project"),
                    ("project.updated", "changed the project's settings"),
                    ("membership.added", "added a member as %(to)s"),
                    ("membership.role_changed", "changed a member's role to %(to)s"),
                    ("membership.removed", "removed a member"),
                    ("invitation.sent", "invited someone as %(to)s"),
                    ("invitation.accepted", "joined by invitation as %(to)s"),
                    ("invitation.revoked", "revoked an invitation"),
                    ("rating.created", "added rating %(id)s"),
                    ("rating.updated", "changed rating %(id)s"),
                    ("job.queued", "queued %(object)s %(id)s"),
                    ("job.finished", "finished %(object)s %(id)s"),
                    ("job.requeued", "requeued %(object)s %(id)s"),
                    ("job.expired", "deleted the file of %(object)s %(id)s"),
                ],
                max_length=50,
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "verb__in",
                        [
                            "article.created",
                            "claim.marked",
                            "claim.imported",
                            "sentence.dismissed",
                            "claim.edited",
                            "claim.deleted",
                            "claim.taken",
                            "claim.released",
                            "claim.marked_not_checkable",
                            "claim.marked_duplicate",
                            "claim.submitted",
                            "claim.changes_requested",
                            "claim.published",
                            "verdict.drafted",
                            "verdict.edited",
                            "verdict.submitted",
                            "verdict.changes_requested",
                            "verdict.approved",
                            "verdict.published",
                            "verdict.corrected",
                            "verdict.correction_published",
                            "verdict.retracted",
                            "evidence.added",
                            "evidence.edited",
                            "evidence.removed",
                            "comment.added",
                            "comment.resolved",
                            "fact_check.imported",
                            "project.created",
                            "project.updated",
                            "membership.added",
                            "membership.role_changed",
                            "membership.removed",
                            "invitation.sent",
                            "invitation.accepted",
                            "invitation.revoked",
                            "rating.created",
                            "rating.updated",
                            "job.queued",
                            "job.finished",
                            "job.requeued",
                            "job.expired",
                        ],
                    )
                ),
                name="activity_valid_verb",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="accepted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="invited_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="annotations.project"
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(
                condition=models.Q(("email", ""), ("name", ""), _negated=True),
                name="invitation_names_someone",
                violation_error_message="Give the email address or the name of the person you invite.",
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["annotator", "reviewer", "editor", "admin"])),
                name="invitation_valid_role",
            ),
        ),
    ]
