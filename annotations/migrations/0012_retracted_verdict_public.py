"""A project decides what its public report keeps of a retracted fact-check
(default: the claim and the retraction note only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0011_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="retracted_verdict_public",
            field=models.BooleanField(
                default=False,
                help_text="Whether the public report of a retracted fact-check still shows its rating, summary, analysis and evidence below the retraction note. Off, readers see the claim and the note only.",
            ),
        ),
    ]
