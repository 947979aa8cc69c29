"""Indonesian is complete: every string marked for translation in the code and
the templates has its Indonesian text, and the compiled catalog holds it.

The strings are collected as a translator would (``makemessages``), in a
copy of the project, so that the test never rewrites the catalog it checks.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "id" / "LC_MESSAGES"

pytestmark = pytest.mark.skipif(
    not shutil.which("xgettext") and os.environ.get("CI") != "true", reason="needs GNU gettext (xgettext)"
)


def compiled(mo: Path) -> dict:
    with open(mo, "rb") as stream:
        return dict(gettext.GNUTranslations(stream)._catalog)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """The catalog as makemessages leaves it after collecting today's strings."""
    copy = tmp_path_factory.mktemp("project")
    for name in ("manage.py", "factcheck", "annotations", "templates", "locale"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, copy / name)
    env = {**os.environ, "DEBUG": "true", "VAR_DIR": str(copy / "var")}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete", "-v0"],
        cwd=copy, env=env, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        ["msgfmt", "--check", "-o", "django.mo", "django.po"], cwd=copy / "locale/id/LC_MESSAGES", check=True
    )
    return copy / "locale/id/LC_MESSAGES"


def test_every_string_a_user_sees_has_its_indonesian_translation(collected):
    missing = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(collected / "django.po")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(collected / "django.po")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    untranslated = [line for line in missing.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    guessed = [line for line in fuzzy.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    assert not untranslated, f"no Indonesian for {len(untranslated)} strings: {untranslated[:20]}"
    assert not guessed, f"{len(guessed)} translations guessed by makemessages, to check: {guessed[:20]}"


def test_the_committed_catalog_is_up_to_date_and_compiled(collected):
    # makemessages found nothing new to add, and the .mo the app loads is the .po compiled.
    assert compiled(collected / "django.mo") == compiled(CATALOG / "django.mo")
