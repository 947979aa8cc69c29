"""Plain text: one article per file; the title is the first line."""

from .records import Record, detect_encoding, has_undecodable, text_stream, title_from


def read(stream, name="", encoding="", **options):
    with text_stream(stream, detect_encoding(stream, encoding)) as wrapper:
        text = wrapper.read()
    where = name or "file"
    if has_undecodable(text):
        yield Record(1, where, error="bytes that are not valid in the file's encoding")
    elif text.strip():
        yield Record(1, where, {"text": text, "title": options.get("title") or title_from(text)})
