"""Article imports: one reader module per input format, one shared pipeline.

A reader takes a binary stream and yields ``Record``s; it never holds the
whole input in memory (an HTML page, one article, is the exception).
"""

from pathlib import PurePath

from . import archive, claimreview, csv, html, json_array, jsonl, plaintext

READERS = {
    "jsonl": jsonl.read,
    "json": json_array.read,
    "csv": csv.read,
    "txt": plaintext.read,
    "html": html.read,
    "zip": archive.read,
    "claimreview": claimreview.read,
}

EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".jsonld": "claimreview", ".csv": "csv",
    ".tsv": "csv", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".zip": "zip",
}  # fmt: skip


def format_for(filename):
    """The format of a file by its extension, or None."""
    return EXTENSIONS.get(PurePath(filename).suffix.lower())
