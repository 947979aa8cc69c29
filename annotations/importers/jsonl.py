"""JSON Lines: one JSON object per line, read as a stream."""

import json

from .records import Record


def read(stream, name="", **options):
    """Yield a Record for every non-blank line of a binary stream."""
    prefix = f"{name} " if name else ""
    for number, raw in enumerate(stream, start=1):
        where = f"{prefix}line {number}"
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)  # bytes: decoded as UTF-8 (after a BOM, if any) by json itself
        except UnicodeDecodeError as exc:
            yield Record(number, where, error=f"invalid UTF-8 at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield Record(number, where, error=f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(data, dict):
            yield Record(number, where, error="expected a JSON object")
            continue
        yield Record(number, where, data)
