"""What reading a ClaimReview says of a field it dropped or repaired
(a ``FieldWarning``) and of a review it refused (a ``Refusal``), in one place.

Each reason is a template marked for translation, its values (``%(value)s``:
what the file held, as its repr) filled in English. The import's messages
(``importers.messages``) register every template here, so that its ``say``
translates a fact-check's warnings as it does any import message; this
module depends on nothing of the importers, nor on Django's settings (the
extraction runs without them, as the fixture scripts run it).
"""


def gettext_noop(message: str) -> str:
    """Marks a message for the catalog (``makemessages`` finds it by this name)."""
    return message


# How a FieldWarning is said: the field as the file names it, then why.
FIELD_WARNING = gettext_noop("%(field)s: %(reason)s")
JSON_LD_BLOCK = gettext_noop("json-ld block %(number)s")

# A whole document
TOO_DEEP = gettext_noop("nested too deep to read")
NOT_JSON = gettext_noop("not valid JSON: %(error)s")
EMPTY_PAGE = gettext_noop("empty")
NOT_A_PAGE = gettext_noop("not an HTML page: %(error)s")

# A review
NO_URL_NO_CLAIM = gettext_noop("no usable fact-check URL and no claim (claimReviewed)")
URL_FROM_MAIN_ENTITY = gettext_noop("missing: mainEntityOfPage used")
URL_FROM_PAGE = gettext_noop("missing or unusable: the address of the page that embeds the review used")
MISSING_OR_EMPTY = gettext_noop("missing or empty")
URL_MISSING = gettext_noop("missing or unusable: the fact-check cannot be linked or deduplicated by URL")
OBJECTS_GIVEN = gettext_noop("%(count)s objects given: only the first is read")
PUBLISHER_FROM_SITE_NAME = gettext_noop("not named in the review: the page's og:site_name used")
NO_ORGANISATION = gettext_noop("no organisation named (author and publisher missing or a person)")
CLAIMANTS_GIVEN = gettext_noop("%(count)s claimants given: only the first is read")
OWN_PAGE = gettext_noop("%(value)s is the fact-checker's own page: dropped")
OWN_URL = gettext_noop("the fact-check's own URL, not where the claim appeared")
RATINGS_GIVEN = gettext_noop("%(count)s ratings given: only the first is read")
NUMBER_AS_LABEL = gettext_noop("%(value)s is not a number: read as the label")
NOT_A_NUMBER = gettext_noop("%(value)s is not a number: dropped")

# Text
NOT_TEXT = gettext_noop("%(value)s is not text: dropped")
OBJECT_WITHOUT_TEXT = gettext_noop("an object without text: dropped")
VALUES_JOINED = gettext_noop("%(count)s values given: joined with %(joiner)s")
WRONG_TYPE = gettext_noop("a %(type)s, not text: dropped")

# URLs
NOT_A_URL = gettext_noop("%(value)s is not a URL: dropped")
SEVERAL_URLS = gettext_noop("several URLs given: %(value)s dropped")
NO_SCHEME = gettext_noop("%(value)s has no scheme: https:// assumed")
RELATIVE = gettext_noop("%(value)s is relative: resolved against the page's address")
NOT_ABSOLUTE = gettext_noop("%(value)s is not an absolute URL: dropped")
NOT_HTTP = gettext_noop("%(value)s is not an http(s) URL: dropped")
NO_HOST = gettext_noop("%(value)s has no valid host: dropped")
BAD_PORT = gettext_noop("%(value)s has an invalid port: dropped")

# Dates
DATES_GIVEN = gettext_noop("%(count)s dates given: only the first is read")
NOT_A_DATE = gettext_noop("%(value)s is not a date: dropped")
DAY_OR_MONTH = gettext_noop("%(value)s: day and month cannot be told apart: dropped")
NO_TIME_ZONE = gettext_noop("%(value)s has no time zone: UTC assumed")
OUT_OF_RANGE = gettext_noop("%(value)s is outside 1800–2200: dropped")

# Languages
NOT_A_LANGUAGE = gettext_noop("%(value)s is not a language tag: dropped")
SUBTAGS_DROPPED = gettext_noop("%(value)s: subtags %(dropped)s dropped, %(tag)s kept")

# How a rating was read (a fact-check's rating notes)
DEFAULT_BEST = gettext_noop("bestRating missing: schema.org's default 5 assumed")
DEFAULT_WORST = gettext_noop("worstRating missing: schema.org's default 1 assumed")
ONE_POINT_SCALE = gettext_noop("the scale has one point (best = worst = %(best)s): the number says nothing")
OUTSIDE_SCALE = gettext_noop("ratingValue %(rating)s is outside its scale %(worst)s..%(best)s")
LABEL_OVER_NUMBER = gettext_noop("the label says %(by_label)s but the number says %(by_scale)s: the label is used")
LABEL_UNKNOWN_NUMBER_USED = gettext_noop("label %(label)s is not in the label table: the number on its scale is used")
LABEL_UNKNOWN = gettext_noop("label %(label)s is not in the label table")

# Every template above, for the import's registry.
TEMPLATES = tuple(text for name, text in list(globals().items()) if name.isupper() and isinstance(text, str))
