"""Languages of texts: tags in BCP 47's conventional form, and the language
a text is written in, detected offline (lingua) among the languages a desk
plausibly meets (``settings.LANGUAGE_DETECTION``).

A page's declaration is believed unless its text plainly reads as another
language; where nothing is declared, detection decides."""

import re
import unicodedata
from functools import cache

from django.conf import settings

# Enough text to tell languages apart, little enough to stay cheap.
SAMPLE_CHARS = 2000
# Below this a text says too little to overrule or replace a declaration.
MIN_LETTERS = 20
# How sure detection must be to decide alone, and to overrule a declaration
# whose own language the text scarcely resembles.
CONFIDENT = 0.5
OVERRULE = 0.9
IMPLAUSIBLE = 0.05
# Languages too close for a detector to overrule a page that names one of them.
_CLOSE = ({"id", "ms"},)
_DEPRECATED = {"in": "id", "iw": "he", "ji": "yi", "jw": "jv"}
# Tags whose language the detector knows under another code.
_DETECTOR_CODES = {"fil": "tl"}
_LANGUAGE_NAMES = {
    "english": "en",
    "spanish": "es",
    "espanol": "es",
    "portuguese": "pt",
    "portugues": "pt",
    "french": "fr",
    "francais": "fr",
    "german": "de",
    "deutsch": "de",
    "indonesian": "id",
    "bahasa indonesia": "id",
    "hindi": "hi",
    "arabic": "ar",
    "chinese": "zh",
    "italian": "it",
    "bengali": "bn",
    "bangla": "bn",
    "urdu": "ur",
    "tagalog": "tl",
    "filipino": "fil",
}


def normalise_language_tag(value: str | None) -> tuple[str | None, str | None]:
    """A BCP 47 tag in its conventional case (``pt-br`` → ``pt-BR``, ``zh-hant`` → ``zh-Hant``,
    ``en_US`` → ``en-US``, ``English`` → ``en``, ``in`` → ``id``), and the subtags dropped
    (variants, extensions).

    Returns ``(None, None)`` when ``value`` is not a language tag.
    """
    if not value or not isinstance(value, str):
        return None, None
    text = value.strip().replace("_", "-")
    named = _LANGUAGE_NAMES.get(_ascii_fold(text).lower())
    if named:
        return named, None
    subtags = text.split("-")
    primary = subtags[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None, None
    tag = [_DEPRECATED.get(primary, primary)]
    rest = subtags[1:]
    if rest and re.fullmatch(r"[A-Za-z]{4}", rest[0]):
        tag.append(rest.pop(0).title())
    if rest and re.fullmatch(r"[A-Za-z]{2}|\d{3}", rest[0]):
        tag.append(rest.pop(0).upper())
    dropped = "-".join(rest) or None
    return "-".join(tag), dropped


def _ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _primary(tag):
    primary = tag.split("-", 1)[0]
    return _DETECTOR_CODES.get(primary, primary)


def _lingua(code):
    from lingua import IsoCode639_1, Language  # imported where detection runs: only import workers need it

    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
    except (AttributeError, ValueError):
        return None


@cache
def _detector(codes: frozenset):
    # Low accuracy mode: trigrams only, a few MB and about a millisecond a
    # page; on a sample of an article's length it is as good as the full mode.
    from lingua import LanguageDetectorBuilder

    languages = [language for code in sorted(codes) if (language := _lingua(code))]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def confidences(text: str, candidates=()) -> dict:
    """How much the text reads as each plausible language (ISO 639-1 code →
    0..1, summing to 1); empty when the text has too few letters to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return {}
    codes = frozenset({*settings.LANGUAGE_DETECTION, *(_primary(c) for c in candidates if _lingua(_primary(c)))})
    values = _detector(codes).compute_language_confidence_values(sample)
    return {value.language.iso_code_639_1.name.lower(): value.value for value in values}


def _close(a, b):
    return a == b or any({a, b} <= group for group in _CLOSE)


def language_of(text: str, declared=()) -> tuple[str, list]:
    """(tag, notes): the language to store for a text, given what its source
    declares (in order of trust). The first valid declaration holds unless
    the text plainly reads as another language; with none, detection decides;
    "" when neither can tell."""
    tags = [tag for value in declared if (tag := normalise_language_tag(value)[0])]
    tag = tags[0] if tags else ""
    scores = confidences(text, tags[:1])
    if not scores:
        return tag, []
    best = max(scores, key=scores.get)
    if not tag:
        return (best if scores[best] >= CONFIDENT else ""), []
    primary = _primary(tag)
    if primary not in scores or _close(primary, best) or scores[best] < OVERRULE or scores[primary] > IMPLAUSIBLE:
        return tag, []  # a language the detector does not know, or one the text may well be in
    from .importers.messages import LANGUAGE_OVERRULED  # (the importers read languages from here)

    return best, [LANGUAGE_OVERRULED % {"declared": repr(tag), "found": repr(best), "stored": repr(best)}]
