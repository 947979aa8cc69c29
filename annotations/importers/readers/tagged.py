"""Text tagged token by token or line by line, as doccano imports it; each
example becomes a record in doccano's JSONL shape (``text`` and ``label``),
which ``peers`` turns into an article with claims.

- CoNLL: a token and its tag a line (tab between, or spaces; the tag is
  the last column, so CoNLL-2003's four columns read too), a blank line
  between examples. The text is the tokens joined by a space, as doccano
  joins them; runs of ``B-``/``I-`` tags (IOB2, and IOBES/BILOU's ``S-``,
  ``E-``, ``U-``, ``L-``) become labelled spans.
- fastText: an example a line; its ``__label__X`` tokens are its categories,
  the rest is the text.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings

from .. import messages
from .records import Record, detect_encoding, has_undecodable, place, text_stream

FASTTEXT_LABEL = "__label__"
_TAG = re.compile(r"(?:O|([BIESLUM])-(.+))")
# A line of a CoNLL file: a token, perhaps other columns, and a tag.
CONLL_LINE = re.compile(rb"\S+(?:[ \t]+\S+)*[ \t]+(?:O|[BIESLUM]-\S+)")


def _spans(tokens, tags):
    """[start, end, label] of each tagged run, in the text the tokens joined by a space make."""
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    spans, open_run = [], None  # open_run: (first token, label)

    def close(last):
        nonlocal open_run
        if open_run:
            first, label = open_run
            spans.append([starts[first], starts[last] + len(tokens[last]), label])
        open_run = None

    for index, tag in enumerate(tags):
        prefix, label = _TAG.fullmatch(tag).groups()
        continues = open_run is not None and open_run[1] == label and prefix in ("I", "M", "E", "L")
        if not continues:
            close(index - 1)
            if prefix:
                open_run = (index, label)
        if prefix in ("E", "L", "S", "U"):
            close(index)
    close(len(tags) - 1)
    return spans


def _lines(stream, encoding):
    """(number, line) of each line, a line longer than a record may be
    skipped in pieces, never held whole, and given as None."""
    limit = settings.IMPORT_MAX_RECORD_BYTES
    with text_stream(stream, detect_encoding(stream, encoding)) as text:
        number = 0
        while line := text.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                while (piece := text.readline(limit)) and not piece.endswith("\n"):
                    pass
                yield number, None
            else:
                yield number, line.rstrip("\r\n").lstrip("\ufeff")


def _at_line(number, reason):
    return messages.AT_LINE % {"number": number, "reason": reason}


@dataclass
class _Example:
    first: int
    last: int = 0
    tokens: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    problem: str = ""

    def add(self, number, line):
        self.last = number
        if self.problem:
            return
        columns = line.split("\t") if line and "\t" in line else (line or "").split()
        if line is None:
            self.problem = _at_line(number, messages.LONGER_THAN % {"limit": settings.IMPORT_MAX_RECORD_BYTES})
        elif len(columns) < 2 or not _TAG.fullmatch(columns[-1].strip()):
            self.problem = _at_line(number, messages.NOT_TOKEN_AND_TAG % {"found": repr(line[:60])})
        elif has_undecodable(line):
            self.problem = _at_line(number, messages.UNDECODABLE)
        elif sum(map(len, self.tokens)) + len(self.tokens) > settings.IMPORT_MAX_TEXT_CHARS:
            self.problem = messages.TEXT_TOO_LONG % {"limit": settings.IMPORT_MAX_TEXT_CHARS}
        else:
            self.tokens.append(columns[0].strip())
            self.tags.append(columns[-1].strip())

    def record(self, count, name):
        if self.last > self.first:
            lines = {"file": name, "first": self.first, "last": self.last}
            where = messages.LINES_IN_FILE % lines if name else messages.LINES % lines
        else:
            where = place("line", self.first, name)
        if self.problem:
            return Record(count, where, error=self.problem)
        return Record(count, where, {"text": " ".join(self.tokens), "label": _spans(self.tokens, self.tags)})


def read_conll(stream, name="", encoding="", **options):
    example, count = None, 0
    for number, line in _lines(stream, encoding):
        if line is not None and (not line.strip() or line.startswith("-DOCSTART-")):
            if example:
                count += 1
                yield example.record(count, name)
            example = None
            continue
        example = example or _Example(first=number)
        example.add(number, line)
    if example:
        yield example.record(count + 1, name)


def read_fasttext(stream, name="", encoding="", **options):
    for number, line in _lines(stream, encoding):
        where = place("line", number, name)
        if line is None:
            yield Record(number, where, error=messages.LINE_LONGER_THAN % {"limit": settings.IMPORT_MAX_RECORD_BYTES})
            continue
        if not line.strip():
            continue
        words = line.split(" ")
        labels = [word[len(FASTTEXT_LABEL) :] for word in words if word.startswith(FASTTEXT_LABEL)]
        text = " ".join(word for word in words if not word.startswith(FASTTEXT_LABEL)).strip()
        if not text:
            yield Record(number, where, error=messages.LABELS_WITHOUT_TEXT)
        elif has_undecodable(text):
            yield Record(number, where, error=messages.UNDECODABLE)
        else:
            yield Record(number, where, {"text": text, "label": [label for label in labels if label]})
