"""Plain text: one article per file; the title is the first line."""

from django.conf import settings

from .. import messages
from .records import Record, detect_encoding, has_undecodable, text_stream, title_from


def read(stream, name="", encoding="", **options):
    limit = settings.IMPORT_MAX_TEXT_CHARS
    with text_stream(stream, detect_encoding(stream, encoding)) as wrapper:
        text = wrapper.read(limit + 1)  # no more than a text may hold, whatever the file's size
    where = name or "file"
    if len(text) > limit:
        yield Record(1, where, error=messages.TEXT_TOO_LONG % {"limit": limit})
    elif has_undecodable(text):
        yield Record(1, where, error=messages.UNDECODABLE)
    elif text.strip():
        yield Record(1, where, {"text": text, "title": options.get("title") or title_from(text)})
