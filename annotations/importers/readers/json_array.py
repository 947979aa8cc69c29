"""JSON: an array of objects, or one object, or objects one after another
(pretty-printed "JSON Lines"), streamed, never loaded whole."""

import ijson

from .. import messages
from .records import Record, place


def _start(stream):
    """Position the stream after any BOM; return the first significant byte."""
    head = stream.read(4096)
    offset = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    stripped = head[offset:].lstrip(b" \t\r\n")
    stream.seek(offset)
    return stripped[:1]


def read(stream, name="", **options):
    first = _start(stream)
    if first not in (b"[", b"{"):
        yield Record(1, place("record", 1, name), error=messages.NOT_AN_ARRAY)
        return
    number = 0
    try:
        items = (
            ijson.items(stream, "item", use_float=True)
            if first == b"["
            else ijson.items(stream, "", use_float=True, multiple_values=True)
        )
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                yield Record(number, place("record", number, name), item)
            else:
                yield Record(number, place("record", number, name), error=messages.NOT_AN_OBJECT)
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        # A streaming parser cannot resynchronise after a syntax error.
        reason = str(exc).split("\n", 1)[0]
        error = messages.INVALID_JSON_REST % {"reason": reason}
        yield Record(number + 1, place("record", number + 1, name), error=error)
