"""JSON Lines: one JSON object per line, read as a stream."""

import orjson

from .records import Record

BOM = b"\xef\xbb\xbf"


def _parse_error(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"invalid UTF-8 at byte {bad.start}"
    try:
        orjson.loads(raw.rstrip(b"\r\n"))  # again without the line end, for a column within the line
    except orjson.JSONDecodeError as exc:
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    return "invalid JSON"


def read(stream, name="", **options):
    """Yield a Record for every non-blank line of a binary stream."""
    prefix = f"{name} " if name else ""
    # readline, not iteration: Django's File iterates lines in Python.
    for number, raw in enumerate(iter(stream.readline, b""), start=1):
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        if not raw.strip():
            continue
        try:
            # orjson: several times faster than json, and it refuses what
            # PostgreSQL could not store (invalid UTF-8, lone surrogates).
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            yield Record(number, f"{prefix}line {number}", error=_parse_error(raw))
            continue
        if not isinstance(data, dict):
            yield Record(number, f"{prefix}line {number}", error="expected a JSON object")
            continue
        yield Record(number, f"{prefix}line {number}", data)
