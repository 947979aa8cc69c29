"""Fact-checks published by others as their own table; a project's own
rating-label entries; import jobs count and list warnings; the verb of an
imported fact-check."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0006_vocabulary_and_counts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExternalFactCheck",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "key",
                    models.CharField(
                        editable=False, help_text="The URL, or a hash of claim and publisher.", max_length=2100
                    ),
                ),
                ("url", models.URLField(blank=True, help_text="The fact-check's own page.", max_length=2000)),
                ("claim_reviewed", models.TextField(blank=True)),
                ("headline", models.CharField(blank=True, max_length=1000)),
                ("summary", models.TextField(blank=True)),
                ("publisher_name", models.CharField(blank=True, max_length=300)),
                ("publisher_url", models.URLField(blank=True, max_length=2000)),
                ("authors", models.JSONField(blank=True, default=list)),
                ("date_published", models.DateTimeField(blank=True, null=True)),
                ("date_modified", models.DateTimeField(blank=True, null=True)),
                ("language", models.CharField(blank=True, help_text="BCP 47.", max_length=35)),
                ("claimant_name", models.CharField(blank=True, max_length=300)),
                ("claimant_url", models.URLField(blank=True, max_length=2000)),
                ("claim_date", models.DateTimeField(blank=True, null=True)),
                (
                    "appearances",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Where the claim was seen: [{url, kind}], kind appearance, firstAppearance or itemReviewed.url; never the fact-check's own URL.",
                    ),
                ),
                ("rating_label", models.CharField(blank=True, help_text="As published.", max_length=500)),
                ("rating_value", models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True)),
                ("rating_best", models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True)),
                ("rating_worst", models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True)),
                (
                    "verdict_class",
                    models.CharField(
                        choices=[
                            ("false", "False"),
                            ("mostly_false", "Mostly false"),
                            ("mixed", "Mixed"),
                            ("mostly_true", "Mostly true"),
                            ("true", "True"),
                            ("misleading", "Misleading"),
                            ("missing_context", "Missing context"),
                            ("satire", "Satire"),
                            ("unproven", "Unproven"),
                            ("unrated", "Unrated"),
                        ],
                        default="unrated",
                        max_length=16,
                    ),
                ),
                ("rating_notes", models.JSONField(blank=True, default=list, help_text="How the rating was read.")),
                (
                    "warnings",
                    models.JSONField(blank=True, default=list, help_text="Fields dropped or repaired at import."),
                ),
                (
                    "raw",
                    models.JSONField(blank=True, default=dict, help_text="The ClaimReview as found, for provenance."),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "external fact-check",
                "ordering": ["-date_published", "-id"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="activity",
            name="activity_valid_verb",
        ),
        migrations.AddField(
            model_name="importjob",
            name="warning_count",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Changes made to records that were kept (a field dropped or repaired), each listed.",
            ),
        ),
        migrations.AddField(
            model_name="importjob",
            name="warnings",
            field=models.JSONField(
                blank=True, default=list, help_text="Record warnings: [{where, reason}], the first 1,000."
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="rating_labels",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The project\'s own entries for reading other publishers\' ratings: {label: class}, e.g. {"Hoaks berat": "false"}; they come before the built-in table.',
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="verb",
            field=models.CharField(
                choices=[
                    ("article.created", "added article %(id)s"),
                    ("claim.marked", "marked claim %(id)s"),
                    ("claim.imported", "imported claim %(id)s"),
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
            model_name="externalfactcheck",
            name="import_job",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="external_fact_checks",
                to="annotations.importjob",
            ),
        ),
        migrations.AddField(
            model_name="externalfactcheck",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="external_fact_checks",
                to="annotations.project",
            ),
        ),
        migrations.AddIndex(
            model_name="externalfactcheck",
            index=models.Index(fields=["project", "-date_published"], name="external_fact_check_published"),
        ),
        migrations.AddConstraint(
            model_name="externalfactcheck",
            constraint=models.UniqueConstraint(fields=("project", "key"), name="external_fact_check_unique_key"),
        ),
        migrations.AddConstraint(
            model_name="externalfactcheck",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "verdict_class__in",
                        (
                            "false",
                            "mostly_false",
                            "mixed",
                            "mostly_true",
                            "true",
                            "misleading",
                            "missing_context",
                            "satire",
                            "unproven",
                            "unrated",
                        ),
                    )
                ),
                name="external_fact_check_valid_class",
            ),
        ),
        migrations.AddConstraint(
            model_name="externalfactcheck",
            constraint=models.CheckConstraint(
                condition=models.Q(("key", ""), _negated=True), name="external_fact_check_has_key"
            ),
        ),
    ]
