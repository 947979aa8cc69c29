"""What an import says of a record it refused or changed, in one place.

A job stores its errors and warnings in English, the language of the API
and the logs. Each message is a template here, marked for translation;
``say`` finds the template a stored text was made from and says it again
in the reader's language (so old jobs translate too, and the stored shape
stays ``{where, reason}``). A text no template made is shown as stored.
"""

import re

from django.utils.translation import gettext, gettext_noop

_TEMPLATES = []


def template(msgid: str) -> str:
    """Register a message template (``%(name)s`` for each value); return it."""
    pattern = re.escape(msgid)
    pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", pattern)
    _TEMPLATES.append((re.compile(f"{pattern}$", re.DOTALL), msgid))
    # The template with the most words of its own first: "missing text (the
    # record has %(held)s)" before "%(file)s record %(number)s", which it also fits.
    _TEMPLATES.sort(key=lambda item: -len(re.sub(r"%\(\w+\)s", "", item[1])))
    return msgid


# Where a record is
LINE = template(gettext_noop("line %(number)s"))
LINE_IN_FILE = template(gettext_noop("%(file)s line %(number)s"))
RECORD = template(gettext_noop("record %(number)s"))
RECORD_IN_FILE = template(gettext_noop("%(file)s record %(number)s"))

# Why a record was not read
UNDECODABLE = gettext_noop("bytes that are not valid in the file's encoding")
NOT_AN_OBJECT = gettext_noop("expected a JSON object")
NOT_AN_ARRAY = gettext_noop("expected a JSON array of objects")
INVALID_JSON = gettext_noop("invalid JSON")
INVALID_JSON_AT = template(gettext_noop("invalid JSON: %(reason)s (column %(column)s)"))
INVALID_JSON_REST = template(gettext_noop("invalid JSON (%(reason)s); the rest of the file was not read"))
INVALID_UTF8 = template(gettext_noop("invalid UTF-8 at byte %(byte)s"))
LINE_TOO_LONG = template(gettext_noop("line longer than %(limit)s bytes"))
TEXT_TOO_LONG = template(gettext_noop("text longer than %(limit)s characters"))
NO_TEXT_COLUMN = template(gettext_noop("the header has no 'text' column (found: %(columns)s)"))
CSV_STOPPED = template(gettext_noop("%(error)s: the rest of the file is not read"))
TOO_MANY_CELLS = template(gettext_noop("%(cells)s cells but the header has %(columns)s"))

PAGE_TOO_LARGE = template(gettext_noop("page larger than %(limit)s MiB"))
NO_ARTICLE_TEXT = gettext_noop("no article text found in the page (a listing or index page?)")
ARCHIVE_IN_ARCHIVE = gettext_noop("archives inside archives are not imported")
UNSUPPORTED_MEMBER = gettext_noop("unsupported file type")
DAMAGED_MEMBER = template(gettext_noop("damaged member, the rest of it is not read: %(reason)s"))

# What a reader changed in a record it kept (the job's warnings)
BYTES_REPLACED = template(gettext_noop("%(count)s bytes not valid in %(encoding)s were replaced by \ufffd"))
URL_LEFT_OUT = template(gettext_noop("url %(url)s is not a web address the desk can keep: left out"))
AUTHOR_LEFT_OUT = template(gettext_noop("author %(author)s names no author: left out"))

# Why a record's article was refused
TEXT_EMPTY = gettext_noop("the text is empty")
TEXT_NOT_A_STRING = gettext_noop("text is not a string")
TEXT_MISSING = template(gettext_noop("missing text (the record has %(held)s)"))
RECORD_EMPTY = gettext_noop("missing text (the record is empty)")
FIELD_TOO_LONG = template(gettext_noop("%(field)s longer than %(limit)s characters"))
BAD_URL = template(gettext_noop("url: not a valid URL: %(url)s"))
BAD_DATE = template(gettext_noop("unparsable date %(date)s"))
CLAIMS_NOT_A_LIST = gettext_noop("claims must be a list")
CLAIMS_REFUSED = template(gettext_noop("claims: %(reason)s"))

# What a job says when it ends
NO_RECORDS = gettext_noop("The file holds no records.")


def say(text: str, *, value=False) -> str:
    """A stored message in the active language, and the values in it that
    are messages too. A value that is not (a column's name, a title) stays
    as the file had it, even where the catalog knows the word."""
    if not text:
        return text
    if not value or text in _CONSTANTS:
        translated = gettext(text)
        if translated != text:
            return translated
    for pattern, msgid in _TEMPLATES:
        if match := pattern.match(text):
            values = {name: say(found, value=True) for name, found in match.groupdict().items()}
            try:
                return gettext(msgid) % values
            except (KeyError, TypeError, ValueError):  # a translation that names other values
                return text
    return text


# The messages without values, which a value may be ("claims: the text is empty").
_CONSTANTS = {text for name, text in list(globals().items()) if name.isupper() and isinstance(text, str)}
