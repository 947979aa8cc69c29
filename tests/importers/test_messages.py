"""What an import says of its records is said in the reader's language:
stored in English (the API's), each message a marked template that the
pages translate as they show it, values and all."""

import re

import pytest
from django.test import Client

from annotations.importers import messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def shouting(monkeypatch):
    """A stand-in catalog (the Indonesian is the translators' to write):
    every marked message translates to capitals, its placeholders kept."""
    marked = {msgid for _, msgid in messages._TEMPLATES} | {
        value for value in vars(messages).values() if isinstance(value, str) and " " in value
    }

    def gettext(msgid):
        if msgid not in marked:
            return msgid
        return re.sub(r"%\((\w+)\)S", lambda m: f"%({m.group(1).lower()})s", msgid.upper())

    monkeypatch.setattr(messages, "gettext", gettext)


def test_a_stored_error_is_said_again_from_its_template_with_its_values(shouting):
    assert messages.say("line 12") == "LINE 12"
    assert messages.say("feed.zip/a.jsonl line 3") == "feed.zip/a.jsonl LINE 3"
    assert messages.say("missing text (the record has title)") == "MISSING TEXT (THE RECORD HAS title)"
    # A value that is a message itself is said too.
    assert messages.say("claims: the text is empty") == "CLAIMS: THE TEXT IS EMPTY"
    # Text no template made (an old job, a library's words) stays as stored.
    assert messages.say("something else entirely") == "something else entirely"


def test_the_import_page_says_the_records_errors_and_the_counts_in_the_readers_language(
    run_import, editor, project, shouting
):
    job = run_import("broken.jsonl")
    stored = {error["where"]: error["reason"] for error in job.errors}
    assert stored["line 3"] == "missing text (the record has title)"  # the API's English, as before
    client = Client(SERVER_NAME="localhost")
    client.force_login(editor)
    html = client.get(f"/projects/{project.slug}/imports/{job.pk}/").content.decode()
    assert "<td>LINE 3</td><td>MISSING TEXT (THE RECORD HAS title)</td>" in html
    assert "<td>LINE 2</td><td>INVALID JSON: " in html


def test_every_template_matches_the_text_it_makes():
    for pattern, msgid in messages._TEMPLATES:
        names = pattern.groupindex
        # A number where the template counts, a repr where it quotes the file.
        samples = {"number": 7, "count": 2, "index": 3, "first": 4, "last": 9, "value": "'x'"}
        text = msgid % {name: samples.get(name, f"<{name}>") for name in names}
        assert pattern.match(text), msgid


def test_every_error_of_a_broken_file_is_a_marked_message(run_import, shouting):
    job = run_import("broken.jsonl")
    assert job.errors
    for error in job.shown_errors():
        assert error["where"].startswith("LINE"), error
        assert any(word.isupper() for word in error["reason"].split()), error


def test_a_value_from_the_file_stays_as_the_file_had_it(shouting, monkeypatch):
    catalog = messages.gettext
    monkeypatch.setattr(messages, "gettext", lambda msgid: "JUDUL" if msgid == "title" else catalog(msgid))
    assert messages.say("missing text (the record has title)") == "MISSING TEXT (THE RECORD HAS title)"
