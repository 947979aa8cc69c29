"""Full-text search on PostgreSQL: triggers fill ``search_vector`` with the
text-search configuration of the article's language ("simple" for a
language PostgreSQL has no configuration for), and GIN indexes serve it.
On SQLite the column stays empty and search falls back to substring matches.

Bulk imports set ``annotations.defer_search`` for their transactions: the
article trigger then leaves the vector empty (computing it triples the cost
of an import) and ``search.index_pending`` fills it in right after.
"""

from django.conf import settings
from django.db import migrations

# A frozen copy of models.TEXT_SEARCH_CONFIGS as it was when this migration
# was written: replaying it must create what it created then. A change to
# the live map needs a migration of its own that replaces the function.
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

_CASES = "\n".join(f"WHEN '{code}' THEN '{config}'" for code, config in TEXT_SEARCH_CONFIGS.items())

FORWARD = f"""
CREATE FUNCTION annotations_ts_config(language text) RETURNS regconfig AS $$
    SELECT (CASE lower(split_part(replace(coalesce(language, ''), '_', '-'), '-', 1)) {_CASES} ELSE 'simple' END)::regconfig
$$ LANGUAGE sql STABLE;

CREATE FUNCTION annotations_article_vector(title text, body text, language text) RETURNS tsvector AS $$
    SELECT setweight(to_tsvector(annotations_ts_config(language), coalesce(title, '')), 'A')
        || setweight(to_tsvector(annotations_ts_config(language), body), 'B')
$$ LANGUAGE sql STABLE;

CREATE FUNCTION annotations_article_search() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('annotations.defer_search', true), '') = 'on' THEN
        NEW.search_vector := NULL;
    ELSE
        NEW.search_vector := annotations_article_vector(NEW.title, NEW.text, NEW.language);
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER annotations_article_search BEFORE INSERT OR UPDATE OF title, text, language
    ON annotations_article FOR EACH ROW EXECUTE FUNCTION annotations_article_search();

CREATE FUNCTION annotations_claim_search() RETURNS trigger AS $$
DECLARE config regconfig;
BEGIN
    SELECT annotations_ts_config(a.language) INTO config FROM annotations_article a WHERE a.id = NEW.article_id;
    NEW.search_vector :=
        setweight(to_tsvector(config, coalesce(NEW.statement, '')), 'A')
        || setweight(to_tsvector(config, NEW.quote), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.claimant, '')), 'C');
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER annotations_claim_search BEFORE INSERT OR UPDATE OF statement, quote, claimant
    ON annotations_claim FOR EACH ROW EXECUTE FUNCTION annotations_claim_search();

CREATE INDEX article_search_pending ON annotations_article (id) WHERE search_vector IS NULL;
"""

BACKWARD = """
DROP INDEX article_search_pending;
DROP TRIGGER annotations_claim_search ON annotations_claim;
DROP FUNCTION annotations_claim_search();
DROP TRIGGER annotations_article_search ON annotations_article;
DROP FUNCTION annotations_article_search();
DROP FUNCTION annotations_article_vector(text, text, text);
DROP FUNCTION annotations_ts_config(text);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_text_triggers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
