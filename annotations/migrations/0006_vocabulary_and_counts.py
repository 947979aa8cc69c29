"""Activity verbs become a fixed vocabulary of codes; import job counts are
named as counts; a job's progress fields say what they count; article text
is compressed with lz4 (formerly a step of 0003, and harmless to repeat).

Existing activity rows are translated to the codes. Rows logged on evidence
or a comment keep pointing at them (new ones point at their claim); a verb
nobody knows any more becomes ``claim.edited`` with the old verb kept in
its comment, so nothing is lost.
"""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion

# Old free-text verbs whose meaning does not depend on the object.
OLD_VERBS = {
    "marked": "claim.marked",
    "deleted": "claim.deleted",
    "took": "claim.taken",
    "released": "claim.released",
    "marked not checkable": "claim.marked_not_checkable",
    "marked duplicate": "claim.marked_duplicate",
    "submitted for review": "claim.submitted",
    "changes requested": "claim.changes_requested",
    "drafted": "verdict.drafted",
    "submitted": "verdict.submitted",
    "requested changes": "verdict.changes_requested",
    "approved": "verdict.approved",
    "corrected": "verdict.corrected",
    "published correction": "verdict.correction_published",
    "retracted": "verdict.retracted",
    "added evidence": "evidence.added",
    "edited evidence": "evidence.edited",
    "removed evidence": "evidence.removed",
    "commented": "comment.added",
    "resolved comment": "comment.resolved",
    "queued": "job.queued",
    "expired": "job.expired",
    "requeued": "job.requeued",
}
# The vocabulary as it stood when this migration was written.
CHOICES = [
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
]
CODES = [code for code, _ in CHOICES]
# Old verbs shared by several kinds of object: the code is <object>.<verb>.
BY_OBJECT = {"created": "created", "edited": "edited", "updated": "updated", "published": "published"}
ROLE_VERBS = (("added as ", "membership.added"), ("role changed to ", "membership.role_changed"))

LZ4 = """
DO $$ BEGIN
    ALTER TABLE annotations_article ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
END $$;
"""


def _code(verb, object_type):
    if verb in OLD_VERBS:
        return OLD_VERBS[verb], None
    if verb == "removed":
        return "membership.removed", None
    for prefix, code in ROLE_VERBS:
        if verb.startswith(prefix):
            return code, verb[len(prefix) :]
    if verb in BY_OBJECT and object_type in ("article", "claim", "verdict", "project", "rating"):
        return f"{object_type}.{BY_OBJECT[verb]}", None
    return None, None


def verbs_to_codes(apps, schema_editor):
    Activity = apps.get_model("annotations", "Activity")
    codes = {value for value, _ in Activity._meta.get_field("verb").choices}
    for activity in Activity.objects.exclude(verb__in=codes).iterator():
        code, role = _code(activity.verb, activity.object_type)
        if code not in codes:
            code, activity.comment = "claim.edited", f"{activity.verb}: {activity.comment}".strip(": ")
        activity.verb = code
        if role:
            activity.to_state = role
        activity.save(update_fields=["verb", "to_state", "comment"])


def compress_text(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LZ4, params=None)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0005_article_search_trigger_when")]

    operations = [
        migrations.RenameField("importjob", "created", "created_count"),
        migrations.RenameField("importjob", "duplicates", "duplicate_count"),
        migrations.RenameField("importjob", "failed", "failed_count"),
        migrations.RenameField("importjob", "processed", "bytes_read"),
        migrations.RenameField("importjob", "total", "bytes_total"),
        migrations.RenameField("exportjob", "processed", "claims_done"),
        migrations.RenameField("exportjob", "total", "claims_total"),
        migrations.AlterField(
            model_name="activity",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="activities",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for a claim imported from elsewhere.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="created_claims",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="comments",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="verdict",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="verdicts",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="claims_done",
            field=models.PositiveBigIntegerField(default=0, help_text="Claims written so far."),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="claims_total",
            field=models.PositiveBigIntegerField(blank=True, help_text="Claims the export holds.", null=True),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="bytes_read",
            field=models.PositiveBigIntegerField(default=0, help_text="Bytes of the file read so far."),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="bytes_total",
            field=models.PositiveBigIntegerField(blank=True, help_text="The file's size.", null=True),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="created_count",
            field=models.PositiveIntegerField(default=0, help_text="Records that became new articles."),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="duplicate_count",
            field=models.PositiveIntegerField(default=0, help_text="Records the project already had."),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="failed_count",
            field=models.PositiveIntegerField(default=0, help_text="Records refused, each with its reason."),
        ),
        migrations.AlterField(
            model_name="activity",
            name="verb",
            field=models.CharField(max_length=50, choices=CHOICES),
        ),
        migrations.RunPython(verbs_to_codes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(condition=models.Q(verb__in=CODES), name="activity_valid_verb"),
        ),
        migrations.RunPython(compress_text, migrations.RunPython.noop),
    ]
