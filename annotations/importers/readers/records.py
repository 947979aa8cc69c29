import codecs
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from charset_normalizer import from_bytes
from dateutil import parser as dateparser
from django.core.exceptions import ValidationError

from .. import messages


@dataclass(slots=True)
class Record:
    """One input record.

    ``number`` orders the records of a file (the checkpoint of a resumed job
    counts them); ``where`` tells a person where the record is ("line 12",
    "feed.csv line 3"); ``fields`` holds what was read, or ``error`` why not;
    ``notes``, what the reader changed in it (the job's warnings).
    """

    number: int
    where: str
    fields: dict = field(default_factory=dict)
    error: str = ""
    notes: tuple = ()


def place(kind: str, number: int, name: str = "") -> str:
    """Where a record is, as a person reads it: "line 12", "feed.csv line 3"
    (``kind``: "line" or "record")."""
    if kind == "line":
        return messages.LINE_IN_FILE % {"file": name, "number": number} if name else messages.LINE % {"number": number}
    return messages.RECORD_IN_FILE % {"file": name, "number": number} if name else messages.RECORD % {"number": number}


SAMPLE_BYTES = 64 * 1024

# An http(s) URL with a host and no white space: a lighter check than
# Django's URLValidator, which would cost a third of an import's Python time.
_WEB_URL = re.compile(
    r"https?://(?:[^\s/?#@]*@)?(?:\[[0-9a-f:.]+\]|[^\s/?#@:\[\]]+)(?::\d*)?(?:[/?#]\S*)?", re.IGNORECASE
)


def is_web_url(value: str) -> bool:
    return bool(_WEB_URL.fullmatch(value))


def text_encoding(label):
    """The name of the codec that reads ``label`` as text, or None: for a
    name Python does not know, and for one of its codecs that turns bytes
    into bytes or str into str (``zlib_codec``, ``base64``, ``rot13``),
    which ``bytes.decode`` refuses (it asks the same flag)."""
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    return codec.name if getattr(codec, "_is_text_encoding", True) else None


def detect_encoding(stream, named=""):
    """The encoding to read a text file with: the one the user named, UTF-8
    (with or without BOM) when the start of the file is valid UTF-8, or the
    best guess of charset-normalizer. The stream is left at its start."""
    if named:
        return named
    sample = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    try:
        # A multi-byte character may be cut at the end of the sample.
        sample.decode("utf-8") if len(sample) < SAMPLE_BYTES else sample[:-4].decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        guesses = list(from_bytes(sample))
        # On a short sample several Windows code pages look equally likely;
        # the Western one is by far the most common among them.
        for guess in guesses:
            if guess.encoding == "cp1252" and guess.chaos <= guesses[0].chaos + 0.05:
                return "cp1252"
        return guesses[0].encoding if guesses else "cp1252"


@contextmanager
def text_stream(stream, encoding):
    """A text view of a binary stream. Undecodable bytes become lone
    surrogates, so that a record holding them is reported, not the file.
    The binary stream stays open afterwards (the pipeline reads its position)."""
    wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    try:
        yield wrapper
    finally:
        wrapper.detach()


def has_undecodable(value):
    return isinstance(value, str) and any("\udc80" <= char <= "\udcff" for char in value)


def title_from(text):
    """A title from the first line of a text: at most 120 characters, cut at a word."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0] + "…"


def parse_date(value):
    """An aware datetime from ISO 8601 or RFC 2822 text (UTC when no zone is given)."""
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)  # fast, and most feeds' form
    except ValueError:
        try:
            moment = dateparser.isoparse(text)
        except (ValueError, OverflowError):
            try:
                moment = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                raise ValidationError(messages.BAD_DATE, params={"date": repr(text)}) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
