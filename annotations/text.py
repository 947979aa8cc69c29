"""Article text: normalised once, at creation, and never again.

Claim offsets are indices into the normalised text as a Python ``str``
(Unicode code points), so the normal form must not change afterwards.
"""

import hashlib
import re
import unicodedata

# C0 and C1 control characters other than tab and newline, the line and
# paragraph separators that some editors paste, and lone surrogates (which
# no UTF-8 text can hold; a JSON escape such as "\\ud800" makes one).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# The bytes of the C0 controls other than tab and newline (so a carriage
# return as well, which becomes a newline), and DEL.
_C0_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])


def normalise(text: str) -> str:
    """Newlines become ``\\n``, the text becomes Unicode NFC, and control
    characters other than tab and newline are removed."""
    if text.isascii() and text.isprintable():
        return text  # nothing to change, and the common case for short fields
    return normalise_utf8(text)[0]


def normalise_utf8(text: str) -> tuple[str, bytes]:
    """``normalise(text)`` and its UTF-8 encoding.

    Most texts hold nothing to remove. Looking for it in the UTF-8 bytes,
    which the hash needs anyway, is three times faster than a regular
    expression over the text; the expression runs only on a text that may
    hold something to remove.
    """
    if text.isascii() and text.isprintable():
        return text, text.encode()
    try:
        utf8 = text.encode()
        clean = (
            len(utf8.translate(None, _C0_BYTES)) == len(utf8)
            and b"\xc2" not in utf8  # U+0080 to U+00BF: the C1 controls among them
            and "\u2028" not in text
            and "\u2029" not in text
        )
    except UnicodeEncodeError:  # a lone surrogate
        clean = False
    if not clean:
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    nfc = unicodedata.normalize("NFC", text)
    return nfc, utf8 if clean and nfc is text else nfc.encode()


def text_hash(text: str) -> str:
    """The hash that identifies an article's text within a project."""
    return utf8_hash(text.encode())


def utf8_hash(utf8: bytes) -> str:
    """``text_hash`` of a text already encoded as UTF-8."""
    return hashlib.sha256(utf8).hexdigest()


def message(value, limit=1000) -> str:
    """A text fit to store and show as a message: lone surrogates (from bytes
    read with ``surrogateescape``, or a bad JSON escape) written as escapes,
    since no UTF-8 column or page can hold them, and cut to ``limit``."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"
