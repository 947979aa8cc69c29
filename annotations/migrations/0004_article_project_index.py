"""Drop the article table's index on project alone: the unique (project,
text_hash) index serves the same lookups, and the planner, misled by stale
statistics during a large import, preferred the narrower one.

Only the index is dropped. Letting Django alter the field would rebuild the
table on SQLite (losing the triggers of 0002) and re-check the foreign key
on PostgreSQL."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "annotations_article_project_id_edeaca9e"


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0003_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="project",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="articles",
                        to="annotations.project",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    f'CREATE INDEX {INDEX} ON annotations_article ("project_id")',
                ),
            ],
        ),
    ]
