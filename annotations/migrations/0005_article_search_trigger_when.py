"""The article search trigger is skipped, not called, while a bulk import
defers search vectors (``annotations.defer_search``): a WHEN clause costs a
third of what a PL/pgSQL call does that only returns. The function keeps its
own check for the UPDATE it also serves."""

from django.db import migrations

TRIGGER = """
DROP TRIGGER annotations_article_search ON annotations_article;
CREATE TRIGGER annotations_article_search BEFORE INSERT OR UPDATE OF title, text, language
    ON annotations_article FOR EACH ROW
    {when}EXECUTE FUNCTION annotations_article_search();
"""
WHEN = "WHEN (current_setting('annotations.defer_search', true) IS DISTINCT FROM 'on')\n    "


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER.format(when=WHEN), params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER.format(when=""), params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0004_article_project_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
