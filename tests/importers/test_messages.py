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
    marked = {msgid for _, msgid in messages._TEMPLATES} | messages._CONSTANTS

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


# --- another tool's work, tagged text and ClaimReview: each message a template ---

import ast  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from django.utils import translation  # noqa: E402

from annotations.factchecks import messages as fact_check_messages  # noqa: E402
from annotations.models import ExternalFactCheck  # noqa: E402

from .conftest import DATA  # noqa: E402
from .test_fact_checks import meedan_zip  # noqa: E402
from .test_pipeline import line  # noqa: E402


def said_in_indonesian(text):
    """The template an Indonesian reader's page finds for a stored text (the
    catalog's words for it arrive with the translations)."""
    with translation.override("id"):
        messages.say(text)  # never raises, whatever the catalog holds
    return messages.template_of(text)


def values_of(text):
    msgid = messages.template_of(text)
    pattern = next((pattern for pattern, made in messages._TEMPLATES if made == msgid), None)
    return pattern.match(text).groupdict() if pattern else {}  # a message without values has none


def test_a_doccano_note_is_a_template(run_import, shouting):
    job = run_import("peers/doccano-relation-extraction-export.jsonl")
    assert job.warnings == [{"where": "record 1", "reason": "3 relations not kept (claims have no relations)"}]
    assert said_in_indonesian(job.warnings[0]["reason"]) == messages.RELATIONS_NOT_KEPT
    assert job.shown_warnings() == [{"where": "RECORD 1", "reason": "3 RELATIONS NOT KEPT (CLAIMS HAVE NO RELATIONS)"}]


def test_a_doccano_category_keeps_its_label_as_the_file_had_it(run_import, shouting):
    job = run_import("peers/doccano-fasttext.txt")
    reasons = {warning["reason"] for warning in job.warnings}
    assert "categories positive, negative not kept: the article has no span to tag" in reasons
    assert said_in_indonesian("categories positive not kept: the article has no span to tag") == (
        messages.CATEGORIES_NOT_KEPT
    )
    assert messages.say("categories positive not kept: the article has no span to tag") == (
        "CATEGORIES positive NOT KEPT: THE ARTICLE HAS NO SPAN TO TAG"
    )
    # fastText's own error: a line of labels only.
    assert {"where": "line 4", "reason": "a line with labels but no text"} in job.errors
    assert said_in_indonesian("a line with labels but no text") == messages.LABELS_WITHOUT_TEXT


def test_a_label_studio_note_says_where_in_the_task_as_a_message_too(run_import, shouting):
    job = run_import("peers/label-studio-named-entity-completion.json")
    stored = "annotation 1 result 1: the span 343–353 does not hold its text; left out"
    assert job.warnings == [{"where": "record 1", "reason": stored}]
    assert said_in_indonesian(stored) == messages.SPAN_MISSES_TEXT
    assert values_of(stored)["where"] == "annotation 1 result 1"
    assert messages.template_of("annotation 1 result 1") == messages.RESULT
    assert messages.say(stored) == "ANNOTATION 1 RESULT 1: THE SPAN 343–353 DOES NOT HOLD ITS TEXT; LEFT OUT"


def test_a_conll_error_and_its_lines_are_templates(run_import, shouting):
    job = run_import("peers/doccano-labeling-invalid.conll")
    stored = (
        "line 1: a token and its tag (O, or B-, I-, E-, S- and a label) were expected, not 'SOCCERO SOCCERO SOCCERO'"
    )
    assert job.errors == [{"where": "lines 1–12", "reason": stored}]
    assert said_in_indonesian("lines 1–12") == messages.LINES
    assert said_in_indonesian(stored) == messages.AT_LINE
    assert messages.template_of(values_of(stored)["reason"]) == messages.NOT_TOKEN_AND_TAG
    assert job.shown_errors() == [{"where": "LINES 1–12", "reason": (
        "LINE 1: A TOKEN AND ITS TAG (O, OR B-, I-, E-, S- AND A LABEL) WERE EXPECTED, NOT 'SOCCERO SOCCERO SOCCERO'"
    )}]  # fmt: skip


def collector_records():
    return json.loads((DATA / "factchecks/claimreview-collector-records.json").read_text())


def test_a_claimreview_refusal_is_a_template(run_import, shouting):
    review = collector_records()[0]  # AFP Factual's, without its address and its claim
    del review["url"], review["claimReviewed"]
    job = run_import("afp.json", json.dumps(review).encode())
    stored = "no usable fact-check URL and no claim (claimReviewed)"
    assert job.errors == [{"where": "record 1", "reason": stored}]
    assert said_in_indonesian(stored) == fact_check_messages.NO_URL_NO_CLAIM
    assert job.shown_errors()[0]["reason"] == stored.upper()


def test_a_file_without_claimreview_is_said_in_the_readers_language(run_import, shouting):
    job = run_import("none.jsonld", json.dumps({"@type": "WebPage", "name": "bukan"}).encode())
    stored = job.errors[0]["reason"]
    assert stored == "not a ClaimReview (no ClaimReview in it)"
    assert said_in_indonesian(stored) == messages.NOT_A_CLAIMREVIEW
    assert messages.say(stored) == "NOT A CLAIMREVIEW (NO CLAIMREVIEW IN IT)"


def test_claimreview_field_warnings_are_templates_their_field_and_value_as_the_file_had_them(run_import, shouting):
    job = run_import("factchecks/claimreview-collector-records.json")
    warnings = {(warning["where"], warning["reason"]) for warning in job.warnings}
    said = {
        # AFP Factual's date without a zone; PolitiFact's review that names no organisation;
        # Le Monde's without its claim; TjekDet's claimant page without a scheme.
        ("record 1", "datePublished: '2020-10-07 20:05' has no time zone: UTC assumed"): (
            fact_check_messages.NO_TIME_ZONE,
            "datePublished: '2020-10-07 20:05' HAS NO TIME ZONE: UTC ASSUMED",
        ),
        ("record 3", "publisher: no organisation named (author and publisher missing or a person)"): (
            fact_check_messages.NO_ORGANISATION,
            "publisher: NO ORGANISATION NAMED (AUTHOR AND PUBLISHER MISSING OR A PERSON)",
        ),
        ("record 5", "claimReviewed: missing or empty"): (
            fact_check_messages.MISSING_OR_EMPTY,
            "claimReviewed: MISSING OR EMPTY",
        ),
        ("record 6", "itemReviewed.author.sameAs: 'Detdette.dk' has no scheme: https:// assumed"): (
            fact_check_messages.NO_SCHEME,
            "itemReviewed.author.sameAs: 'Detdette.dk' HAS NO SCHEME: HTTPS:// ASSUMED",
        ),
    }
    for (where, stored), (reason, shown) in said.items():
        assert (where, stored) in warnings
        assert said_in_indonesian(stored) == fact_check_messages.FIELD_WARNING
        assert messages.template_of(values_of(stored)["reason"]) == reason
        assert messages.say(stored) == shown
    # The fact-check keeps the same words.
    assert ["claimReviewed: missing or empty"] in ExternalFactCheck.objects.values_list("warnings", flat=True)


def test_a_verdict_that_arrives_as_a_draft_is_said_in_the_readers_language(run_import, project, editor, shouting):
    project.allow_self_approval = False
    project.save()
    verdict = {"status": "published", "rating": "Salah", "summary": "Tidak benar.", "author": editor.username,
               "published_at": "2024-06-19T08:00:00Z"}  # fmt: skip
    claim = {"start": 0, "end": 5, "statement": "Klaim.", "status": "published", "verdicts": [verdict]}
    job = run_import("history.jsonl", line(text="Klaim diterbitkan.", claims=[claim]))
    stored = (
        "claim 0–5: its published verdict arrives as a draft: only an editor who did not write it may publish it here"
    )
    assert job.warnings == [{"where": "line 1", "reason": stored}]
    assert said_in_indonesian(stored) == messages.VERDICT_AS_DRAFT["published"]
    assert job.shown_warnings()[0]["reason"] == stored.upper()


# The files of these formats in tests/data (see SOURCES.md).
PEER_FILES = sorted(str(path.relative_to(DATA)) for path in (DATA / "peers").iterdir())
CLAIMREVIEW_FILES = ["claimreview.json", "factchecks/claimreview-collector-records.json"]


def unmatched(text):
    """The parts of a stored text that no registered message made: the
    text, the place it names, a reason it quotes (a field's, a line's)."""
    msgid = messages.template_of(text)
    if msgid is None:
        return [text]
    values = values_of(text)
    parts = [values["where"]] if "where" in values else []
    if msgid in (fact_check_messages.FIELD_WARNING, messages.AT_LINE):
        parts.append(values["reason"])
    elif msgid == messages.NOT_A_CLAIMREVIEW:
        parts += values["reason"].split("; ")
    return [missed for part in parts for missed in unmatched(part)]


def test_every_message_of_the_peer_tagged_and_claimreview_imports_is_a_registered_template(run_import):
    missed = []
    for name in PEER_FILES + CLAIMREVIEW_FILES:
        job = run_import(name)
        for item in job.errors + job.warnings:
            missed += unmatched(item["where"]) + unmatched(item["reason"])
    for source in ("meedan-fetch", "meedan-newspeek"):  # the pages of some 20 fact-checkers, one member each
        job = run_import(f"{source}.zip", meedan_zip(source)[0])
        for item in job.errors + job.warnings:
            missed += unmatched(item["reason"])
    warnings = [text for listed in ExternalFactCheck.objects.values_list("warnings", flat=True) for text in listed]
    assert len(warnings) > 20
    notes = [text for listed in ExternalFactCheck.objects.values_list("rating_notes", flat=True) for text in listed]
    assert notes  # how some ratings were read: their labels or scales
    for text in warnings + notes:
        missed += unmatched(text)
    assert missed == []


MODULES = [
    "annotations/importers/readers/peers.py",
    "annotations/importers/readers/tagged.py",
    "annotations/importers/readers/claimreview.py",
    "annotations/importers/writers/articles.py",
    "annotations/importers/writers/with_claims.py",
    "annotations/importers/writers/fact_checks.py",
    "annotations/factchecks/shapes.py",
    "annotations/factchecks/pages.py",
    "annotations/factchecks/ratings.py",
]
NOTES = {"notes", "warnings", "w", "problems", "errors"}


def written_messages(tree):
    """Each expression these modules pass as a message: a reason of a
    field, a refusal or an error record, a note, a warning."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        owner = getattr(node.func, "value", None)
        if name == "FieldWarning" and len(node.args) > 1:
            yield node.args[1]
        elif name in ("Refusal", "ValidationError", "PageError", "drop") and node.args:
            yield node.args[0]
        elif name == "append" and getattr(owner, "id", None) in NOTES and node.args:
            (arg,) = node.args
            if isinstance(arg, ast.Dict):
                yield from (value for key, value in zip(arg.keys, arg.values, strict=True) if key.value == "reason")
            else:
                yield from arg.elts if isinstance(arg, ast.Tuple) else [arg]
        yield from (keyword.value for keyword in node.keywords if keyword.arg == "error")


def test_the_readers_and_writers_say_nothing_but_registered_messages():
    """A literal or an f-string where a message goes is text no template
    made: an Indonesian reader would see it in English."""
    root = Path(__file__).resolve().parents[2]
    written = []
    for module in MODULES:
        for node in written_messages(ast.parse((root / module).read_text())):
            text = node.left if isinstance(node, ast.BinOp) else node
            if isinstance(text, ast.JoinedStr) or isinstance(text, ast.Constant) and isinstance(text.value, str):
                written.append(f"{module}:{node.lineno}")
    assert written == []


def test_the_fact_check_page_says_what_the_import_changed_in_the_readers_language(
    run_import, editor, project, shouting
):
    run_import("factchecks/claimreview-collector-records.json")
    fact_check = ExternalFactCheck.objects.get(warnings=["claimReviewed: missing or empty"])
    client = Client(SERVER_NAME="localhost")
    client.force_login(editor)
    html = client.get(f"/projects/{project.slug}/fact-checks/{fact_check.pk}/").content.decode()
    assert "<li>claimReviewed: MISSING OR EMPTY</li>" in html
