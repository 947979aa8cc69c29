"""What an import says of a record it refused or changed, in one place.

A job stores its errors and warnings in English, the language of the API
and the logs. Each message is a template here, marked for translation;
``say`` finds the template a stored text was made from and says it again
in the reader's language (so old jobs translate too, and the stored shape
stays ``{where, reason}``). A text no template made is shown as stored.

What reading a ClaimReview says of its fields is ``factchecks.messages``'
(the factchecks package cannot import the importers, which read through
it); its templates are registered here, so ``say`` is still the one place
that is asked. ``template_of`` tells which template made a stored text.
"""

import re

from django.utils.translation import gettext, gettext_noop

from ..factchecks import messages as fact_check_messages

_TEMPLATES = []
# What a value of these names can be, so that a text is matched by the
# template that made it: a count or a number is digits ("f.json record 3
# item 2" is item 2 of "f.json record 3"); a ``value`` is the repr of what
# the file held ("datePublished: '2020' is not a date: dropped" is the
# field's warning, not a repr that starts with "datePublished").
_VALUE_PATTERNS = {
    "number": r"\d+", "count": r"\d+", "index": r"\d+", "first": r"\d+", "last": r"\d+",
    "value": r"(?:['\"\[{(\d-]|None|True|False).*?",
}  # fmt: skip


def template(msgid: str) -> str:
    """Register a message template (``%(name)s`` for each value); return it."""
    pattern = re.escape(msgid)
    pattern = re.sub(r"%\\\((\w+)\\\)s", lambda m: f"(?P<{m[1]}>{_VALUE_PATTERNS.get(m[1], '.+?')})", pattern)
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
LINES = template(gettext_noop("lines %(first)s–%(last)s"))
LINES_IN_FILE = template(gettext_noop("%(file)s lines %(first)s–%(last)s"))
ITEM = template(gettext_noop("%(where)s item %(number)s"))  # a ClaimReview of several in a record
# Where in another tool's record (doccano, Label Studio)
LABEL = template(gettext_noop("label %(number)s"))
ENTITY = template(gettext_noop("entity %(number)s"))
ANNOTATION = template(gettext_noop("annotation %(number)s"))
PREDICTION = template(gettext_noop("prediction %(number)s"))
RESULT = template(gettext_noop("%(where)s result %(number)s"))

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

# Why a line of a CoNLL or fastText file was not read
AT_LINE = template(gettext_noop("line %(number)s: %(reason)s"))
LONGER_THAN = template(gettext_noop("longer than %(limit)s characters"))
LINE_LONGER_THAN = template(gettext_noop("line longer than %(limit)s characters"))
NOT_TOKEN_AND_TAG = template(
    gettext_noop("a token and its tag (O, or B-, I-, E-, S- and a label) were expected, not %(found)s")
)
LABELS_WITHOUT_TEXT = gettext_noop("a line with labels but no text")

# Why a ClaimReview record was not read
NOT_A_CLAIMREVIEW = template(gettext_noop("not a ClaimReview (%(reason)s)"))
NO_CLAIMREVIEW = gettext_noop("no ClaimReview in it")

# What a reader changed in a record it kept (the job's warnings)
BYTES_REPLACED = template(gettext_noop("%(count)s bytes not valid in %(encoding)s were replaced by \ufffd"))
URL_LEFT_OUT = template(gettext_noop("url %(url)s is not a web address the desk can keep: left out"))
AUTHOR_LEFT_OUT = template(gettext_noop("author %(author)s names no author: left out"))

# What became of another tool's work (doccano, Label Studio)
OFFSETS_NOT_NUMBERS = template(gettext_noop("%(where)s: offsets are not numbers; span left out"))
OFFSETS_IN_UTF16 = template(gettext_noop("%(where)s: offsets counted in UTF-16 units, converted to code points"))
SPAN_MISSES_TEXT = template(gettext_noop("%(where)s: the span %(start)s–%(end)s does not hold its text; left out"))
SPAN_LOST_IN_NORMALISATION = template(
    gettext_noop("the span %(start)s–%(end)s does not survive the text's normalisation; left out")
)
CATEGORIES_NOT_KEPT = template(gettext_noop("categories %(categories)s not kept: the article has no span to tag"))
NEITHER_SPAN_NOR_CATEGORY = template(gettext_noop("%(where)s: neither a span nor a category; left out"))
NOT_AN_OBJECT_LEFT_OUT = template(gettext_noop("%(where)s: not an object; left out"))
RELATIONS_NOT_KEPT = template(gettext_noop("%(count)s relations not kept (claims have no relations)"))
NO_VALUE = template(gettext_noop("%(where)s: no value; left out"))
RESULT_NOT_KEPT = template(gettext_noop("%(where)s: a %(kind)s result is not kept"))
PREDICTIONS_NOT_KEPT = template(gettext_noop("%(count)s predictions not kept: annotators marked the task"))
NO_DATA_TEXT = gettext_noop("the task has no data.text")

# What became of a verdict that arrived reviewed (this app's JSON Lines)
VERDICT_AS_DRAFT = {
    "approved": template(gettext_noop(
        "claim %(start)s–%(end)s: its approved verdict arrives as a draft: "
        "only an editor who did not write it may publish it here"
    )),
    "published": template(gettext_noop(
        "claim %(start)s–%(end)s: its published verdict arrives as a draft: "
        "only an editor who did not write it may publish it here"
    )),
    "retracted": template(gettext_noop(
        "claim %(start)s–%(end)s: its retracted verdict arrives as a draft: "
        "only an editor who did not write it may publish it here"
    )),
}  # fmt: skip

# What a fact-check writer changed (ClaimReview)
CUT_TO = template(gettext_noop("%(field)s: cut to %(limit)s characters"))
DROPPED_BECAUSE = template(gettext_noop("%(field)s: dropped (%(errors)s)"))

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
CLAIMS_REFUSED_BY_DATABASE = template(gettext_noop("claims: refused by the database (%(error)s)"))
CLAIM_NOT_AN_OBJECT = gettext_noop("a claim is not an object")
VERDICT_NOT_AN_OBJECT = gettext_noop("a verdict is not an object")
NOT_A_USERNAME = template(gettext_noop("%(field)s: a username, not %(type)s"))
WRONG_JSON_TYPE = template(gettext_noop("%(field)s: expected %(expected)s, not %(value)s"))
A_LIST = gettext_noop("a list")  # what WRONG_JSON_TYPE expected of a list's field
UNKNOWN_VERB = template(gettext_noop("unknown activity verb %(value)s"))

# Why a fact-check was refused (ClaimReview)
NOT_IDENTIFIED = gettext_noop("neither a URL nor a claim identifies the fact-check")
NOT_VALIDATED = gettext_noop("the fact-check could not be validated")

# What reading a ClaimReview said of it (factchecks.messages): its warnings' fields and reasons.
for _msgid in fact_check_messages.TEMPLATES:
    if "%(" in _msgid:
        template(_msgid)

# What an HTML page's declared language became
LANGUAGE_OVERRULED = template(
    gettext_noop("the page declares language %(declared)s but its text reads as %(found)s: stored as %(stored)s")
)

# Why an archive was refused whole
ARCHIVE_TOO_MANY_FILES = template(gettext_noop("%(count)s files; at most %(limit)s are allowed"))
ARCHIVE_TOO_LARGE = template(gettext_noop("%(count)s bytes uncompressed; at most %(limit)s are allowed"))
ARCHIVE_UNSAFE_NAME = template(gettext_noop("unsafe member name %(name)s"))

# What a job says when it ends
NO_RECORDS = gettext_noop("The file holds no records.")
ARCHIVE_REFUSED = template(gettext_noop("Archive refused: %(reason)s."))


def template_of(text: str) -> str | None:
    """The msgid a stored text was made from (the text itself for a message
    without values), or None when no registered message made it."""
    if text in _CONSTANTS:
        return text
    return next((msgid for pattern, msgid in _TEMPLATES if pattern.match(text)), None)


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
_CONSTANTS |= {text for text in fact_check_messages.TEMPLATES if "%(" not in text}
