"""JSON Lines: one JSON object per line, read as a stream."""

import orjson
from django.conf import settings

from .. import messages
from . import json_array
from .records import Record, place

BOM = b"\xef\xbb\xbf"


def _parse_error(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return messages.INVALID_UTF8 % {"byte": bad.start}
    try:
        orjson.loads(raw.rstrip(b"\r\n"))  # again without the line end, for a column within the line
    except orjson.JSONDecodeError as exc:
        return messages.INVALID_JSON_AT % {"reason": exc.msg, "column": exc.colno}
    return messages.INVALID_JSON


def _lines(stream, limit):
    """The lines of a stream, each read to at most ``limit`` bytes: a longer
    line is skipped in pieces, never held whole, and yields None."""
    # readline, not iteration: Django's File iterates lines in Python.
    while raw := stream.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while (piece := stream.readline(limit)) and not piece.endswith(b"\n"):
            pass
        yield None


def _pretty_printed(stream):
    """Whether the file holds objects spread over lines (as some tools'
    "JSON Lines" exports do): its first line opens an object and ends there."""
    first = b""
    while not first.strip() and (line := stream.readline(4096)):
        first = line
    stream.seek(0)
    return first.strip().lstrip(BOM) in (b"{", b"[")


def read(stream, name="", **options):
    """Yield a Record for every non-blank line of a binary stream."""
    limit = settings.IMPORT_MAX_RECORD_BYTES
    if _pretty_printed(stream):
        yield from json_array.read(stream, name)
        return
    for number, raw in enumerate(_lines(stream, limit), start=1):
        if raw is None:
            yield Record(number, place("line", number, name), error=messages.LINE_TOO_LONG % {"limit": limit})
            continue
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        if not raw.strip():
            continue
        try:
            # orjson: several times faster than json, and it refuses what
            # PostgreSQL could not store (invalid UTF-8, lone surrogates).
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            yield Record(number, place("line", number, name), error=_parse_error(raw))
            continue
        if not isinstance(data, dict):
            yield Record(number, place("line", number, name), error=messages.NOT_AN_OBJECT)
            continue
        yield Record(number, place("line", number, name), data)
