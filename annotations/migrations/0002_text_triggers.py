"""Database triggers for the two invariants a CHECK constraint cannot see
because they span two tables:

- a claim's quote equals the article text at its offsets
  (``substr`` counts code points on PostgreSQL and SQLite alike, as Python does);
- an article's text cannot change once a claim points into it.

SQLite rebuilds a table for most ALTERs, and the rebuild drops the table's
triggers: a later migration that alters annotations_claim or
annotations_article on SQLite must drop these triggers first and create
them again after (``forwards`` / ``backwards`` below). The model tests,
which run on SQLite too, fail when a trigger is missing.
"""

from django.db import migrations

POSTGRES = [
    (
        """
        CREATE FUNCTION annotations_claim_quote_check() RETURNS trigger AS $$
        BEGIN
            IF NEW.quote IS DISTINCT FROM (
                SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
                FROM annotations_article a WHERE a.id = NEW.article_id
            ) THEN
                RAISE EXCEPTION 'claim quote does not match the article text at % to %', NEW.start, NEW."end"
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER annotations_claim_quote_check
            BEFORE INSERT OR UPDATE OF start, "end", quote, article_id ON annotations_claim
            FOR EACH ROW EXECUTE FUNCTION annotations_claim_quote_check();

        CREATE FUNCTION annotations_article_text_immutable() RETURNS trigger AS $$
        BEGIN
            IF NEW.text IS DISTINCT FROM OLD.text
               AND EXISTS (SELECT 1 FROM annotations_claim c WHERE c.article_id = OLD.id) THEN
                RAISE EXCEPTION 'article % has claims: its text cannot change', OLD.id
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER annotations_article_text_immutable
            BEFORE UPDATE OF text ON annotations_article
            FOR EACH ROW EXECUTE FUNCTION annotations_article_text_immutable();
        """,
        """
        DROP TRIGGER annotations_article_text_immutable ON annotations_article;
        DROP FUNCTION annotations_article_text_immutable();
        DROP TRIGGER annotations_claim_quote_check ON annotations_claim;
        DROP FUNCTION annotations_claim_quote_check();
        """,
    )
]

_QUOTE_MISMATCH = """
    NEW.quote IS NOT (
        SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
        FROM annotations_article a WHERE a.id = NEW.article_id
    )
"""

SQLITE = [
    (
        f"""CREATE TRIGGER annotations_claim_quote_insert BEFORE INSERT ON annotations_claim
        WHEN {_QUOTE_MISMATCH}
        BEGIN SELECT RAISE(ABORT, 'claim quote does not match the article text'); END;""",
        "DROP TRIGGER annotations_claim_quote_insert;",
    ),
    (
        f"""CREATE TRIGGER annotations_claim_quote_update
        BEFORE UPDATE OF start, "end", quote, article_id ON annotations_claim
        WHEN {_QUOTE_MISMATCH}
        BEGIN SELECT RAISE(ABORT, 'claim quote does not match the article text'); END;""",
        "DROP TRIGGER annotations_claim_quote_update;",
    ),
    (
        """CREATE TRIGGER annotations_article_text_immutable BEFORE UPDATE OF text ON annotations_article
        WHEN NEW.text IS NOT OLD.text
             AND EXISTS (SELECT 1 FROM annotations_claim c WHERE c.article_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'article has claims: its text cannot change'); END;""",
        "DROP TRIGGER annotations_article_text_immutable;",
    ),
]


def forwards(apps, schema_editor):
    for sql, _ in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    for _, sql in reversed(POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE):
        schema_editor.execute(sql, params=None)


def drop_sqlite_triggers(apps, schema_editor):
    """For a later migration that rebuilds a table on SQLite, which refuses to while these triggers name it:
    it drops them first and makes them again last (``create_sqlite_triggers``)."""
    if schema_editor.connection.vendor == "sqlite":
        for _, sql in reversed(SQLITE):
            schema_editor.execute(sql, params=None)


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql, _ in SQLITE:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
