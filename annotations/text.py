"""Article text: normalised once, at creation, and never again.

Claim offsets are indices into the normalised text as a Python ``str``
(Unicode code points), so the normal form must not change afterwards.
"""

import hashlib
import re
import unicodedata

# C0 and C1 control characters other than tab and newline, plus the
# line and paragraph separators that some editors paste.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def normalise(text: str) -> str:
    """Newlines become ``\\n``, the text becomes Unicode NFC, and control
    characters other than tab and newline are removed."""
    if text.isascii() and text.isprintable():
        return text  # nothing to change, and the common case for short fields
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def text_hash(text: str) -> str:
    """The hash that identifies an article's text within a project."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
