"""Imports: one reader per input format, a writer per kind of record, and
the shared pipeline that runs a job through them.

- ``readers/``: each takes a binary stream and yields ``Record``s; none
  holds the whole input in memory (an HTML page, one article, is the
  exception).
- ``writers/``: each cleans a batch of records (``prepare``) and writes
  it (``write``) in the job's transaction, returning (created, duplicates,
  errors, warnings): every refused record, and every record kept with a change.
- ``FORMATS``, below, is the one list of what can be imported: the forms,
  the API, the command and the pipeline all read it.

Performance knobs and traps (measured in ``make bench-import``):

- On PostgreSQL, articles go in by binary COPY of ``writers.articles.COPY_COLUMNS``
  only. A new NOT NULL field of ``Article`` without a ``db_default`` breaks
  PostgreSQL imports while SQLite (``bulk_create``) keeps passing; a test
  (``test_copy_columns_cover_every_required_field``) guards it.
- Imports defer the search vectors (``defer_search``): the trigger skips
  those rows and ``search.index_pending`` fills them in afterwards, because
  the vectors triple the cost of an insert.
- SQLite rebuilds a table for many ``ALTER TABLE`` operations, and drops
  its triggers when it does (see migration 0002).
"""

import codecs
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from django.utils.translation import gettext_lazy as _

from .readers import archive, claimreview, csv, html, json_array, jsonl, plaintext, tagged
from .writers import articles, fact_checks


@dataclass(frozen=True)
class Format:
    label: str
    reader: object
    writer: ModuleType
    extensions: tuple = ()


FORMATS = {
    "jsonl": Format("JSON Lines", jsonl.read, articles, (".jsonl", ".ndjson")),
    "json": Format("JSON", json_array.read, articles, (".json",)),
    "csv": Format("CSV", csv.read, articles, (".csv", ".tsv")),
    "txt": Format(_("Plain text"), plaintext.read, articles, (".txt", ".text")),
    "html": Format("HTML", html.read, articles, (".html", ".htm")),
    "conll": Format(_("CoNLL (tokens and their tags)"), tagged.read_conll, articles, (".conll",)),
    "fasttext": Format(_("fastText (labelled lines)"), tagged.read_fasttext, articles),
    "zip": Format(_("ZIP of these"), archive.read, articles, (".zip",)),
    "claimreview": Format(_("ClaimReview (fact-checks by others)"), claimreview.read, fact_checks, (".jsonld",)),
}

# How much of a JSON file is looked at for ClaimReview.
SNIFF_BYTES = 64 * 1024
EXTENSIONS = {extension: name for name, format in FORMATS.items() for extension in format.extensions}


def format_for(filename, stream=None):
    """The format of a file by its extension, or None. Given the open file,
    JSON that holds ClaimReview is read as fact-checks (``claimreview``), and
    a text file of ``__label__`` lines or of tokens and their tags as
    fastText or CoNLL, as doccano exports them."""
    format = EXTENSIONS.get(PurePath(filename).suffix.lower())
    if format not in ("json", "txt") or stream is None:
        return format
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if format == "json" and (b"ClaimReview" in head or b'"claimReview"' in head):
        return "claimreview"
    lines = [line for line in head.lstrip(codecs.BOM_UTF8).splitlines()[:20] if line.strip()]
    if format == "txt" and lines and lines[0].startswith(tagged.FASTTEXT_LABEL.encode()):
        return "fasttext"
    if format == "txt" and len(lines) >= 2 and all(tagged.CONLL_LINE.fullmatch(line.strip()) for line in lines[:-1]):
        return "conll"  # the last line of the sample may be cut short
    return format


def format_choices():
    return [(name, format.label) for name, format in FORMATS.items()]
