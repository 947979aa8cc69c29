"""Each job run holds a lease (run_id): a run that was queued again elsewhere
stops at its next heartbeat instead of writing beside the new one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0007_external_fact_checks"),
    ]

    operations = [
        migrations.AddField(
            model_name="exportjob",
            name="run_id",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The lease of the run that holds the job (start()).",
                max_length=32,
            ),
        ),
        migrations.AddField(
            model_name="importjob",
            name="run_id",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The lease of the run that holds the job (start()).",
                max_length=32,
            ),
        ),
    ]
