"""CSV with a header row. The delimiter is sniffed (comma, semicolon, tab,
pipe); the encoding is the user's, or UTF-8 with or without BOM, or
detected. Column names are matched case-insensitively."""

import csv

from django.conf import settings

from .. import messages
from .records import Record, detect_encoding, has_undecodable, place, text_stream


def read(stream, name="", encoding="", **options):
    # Articles can be long, beyond csv's 128 KiB default, but a cell is
    # never held past the size of a record, however the file was quoted.
    csv.field_size_limit(settings.IMPORT_MAX_RECORD_BYTES)
    with text_stream(stream, detect_encoding(stream, encoding)) as text:
        yield from _rows(text, name)


def _rows(text, name):
    sample = text.read(64 * 1024)
    text.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text, dialect)
    header = next(reader, None)
    if not header:
        return
    columns = [column.strip().lstrip("\ufeff").lower() for column in header]
    if "text" not in columns:
        yield Record(1, place("line", 1, name), error=messages.NO_TEXT_COLUMN % {"columns": ", ".join(columns)})
        return
    line = reader.line_num
    for number, row in enumerate(_guarded(reader), start=1):
        where = place("line", line + 1, name)
        line = reader.line_num
        if isinstance(row, csv.Error):
            yield Record(number, where, error=messages.CSV_STOPPED % {"error": row})
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield Record(number, where, error=messages.TOO_MANY_CELLS % {"cells": len(row), "columns": len(columns)})
            continue
        if any(has_undecodable(value) for value in row):
            yield Record(number, where, error=messages.UNDECODABLE)
            continue
        yield Record(number, where, dict(zip(columns, row, strict=False)))


def _guarded(reader):
    """The rows, then the error that stopped the reader (a cell larger than
    a record may be, an unclosed quote), if one did."""
    try:
        yield from reader
    except csv.Error as error:
        yield error
