"""Ratings as fact-checkers publish them, and what they mean.

A published rating is read honestly, in this order:

1. Its label (``alternateName`` or ``name``) through the multilingual table in
   ``labels.toml`` plus a project's own entries. "Falso", "FALSO: As imagens
   foram…", "[SALAH] Video…" and "【錯誤】" all say *false*.
2. Only when the label says nothing the table knows: its number, read on the
   publisher's own scale (``worstRating`` to ``bestRating``, whichever end is
   best). AFP Factual publishes "5 where 5 is worst"; that is *false*, not the
   top of a 1–5 scale.

What matches neither stays ``unrated`` with the label kept. Nothing here
touches the database: the importer calls :func:`normalise_rating` and stores
the result next to the rating as published.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from . import messages

FALSE = "false"
MOSTLY_FALSE = "mostly_false"
MIXED = "mixed"
MOSTLY_TRUE = "mostly_true"
TRUE = "true"
MISLEADING = "misleading"
MISSING_CONTEXT = "missing_context"
SATIRE = "satire"
UNPROVEN = "unproven"
UNRATED = "unrated"

#: Every normalised verdict class, from worst to best on the truth scale, then the others.
CLASSES = (FALSE, MOSTLY_FALSE, MIXED, MOSTLY_TRUE, TRUE, MISLEADING, MISSING_CONTEXT, SATIRE, UNPROVEN, UNRATED)

SUPPORTS = "SUPPORTS"
REFUTES = "REFUTES"
NOT_ENOUGH_INFO = "NOT ENOUGH INFO"

# FEVER's REFUTES means "the evidence contradicts the claim"; only the classes
# that say so map to it. "Misleading", "missing context", "mixed" and "satire"
# are judgements FEVER has no label for, so they are NOT ENOUGH INFO rather
# than a confident label that would teach a model the wrong thing.
FEVER_LABELS = {
    FALSE: REFUTES,
    MOSTLY_FALSE: REFUTES,
    MIXED: NOT_ENOUGH_INFO,
    MOSTLY_TRUE: SUPPORTS,
    TRUE: SUPPORTS,
    MISLEADING: NOT_ENOUGH_INFO,
    MISSING_CONTEXT: NOT_ENOUGH_INFO,
    SATIRE: NOT_ENOUGH_INFO,
    UNPROVEN: NOT_ENOUGH_INFO,
    UNRATED: NOT_ENOUGH_INFO,
}

# schema.org's defaults for Rating when a bound is not given.
DEFAULT_BEST = Decimal(5)
DEFAULT_WORST = Decimal(1)

# A score is the position on the publisher's scale, 0 at its worst end and 1 at
# its best. Five equal bands, centred on the points of a five-point scale.
SCORE_BANDS = ((0.125, FALSE), (0.375, MOSTLY_FALSE), (0.625, MIXED), (0.875, MOSTLY_TRUE), (1.0, TRUE))

LABELS_FILE = Path(__file__).with_name("labels.toml")

# Where a label is followed by its explanation: "FALSO: As imagens…",
# "Falso - o vídeo…", "FAKE | …".
_HEAD_SEPARATOR = re.compile(r"\s*(?:[:|–—]|\s-\s|\.\s)\s*")
# Where a label is in brackets before a title: "[SALAH] …", "【錯誤】…", "(Hoaks) …".
_BRACKETED_HEAD = re.compile(r"^\s*[\[【(（「]\s*([^\]】)）」]{1,40}?)\s*[\]】)）」]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class PublishedRating:
    """A rating exactly as the publisher gave it (numbers parsed, nothing rescaled)."""

    label: str | None = None
    value: Decimal | None = None
    best: Decimal | None = None
    worst: Decimal | None = None


@dataclass(frozen=True)
class NormalisedRating:
    """What a published rating means.

    ``verdict`` is one of :data:`CLASSES`; ``source`` says what decided it
    (``"label"``, ``"scale"`` or ``None`` when nothing did); ``score`` is the
    position on the publisher's own scale (0 worst … 1 best) when the number
    could be read; ``label`` is kept as published. ``notes`` explain every
    number that could not be used and every disagreement between label and scale.
    """

    verdict: str
    source: str | None
    label: str | None
    score: float | None = None
    scale_class: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def matched(self) -> bool:
        return self.source is not None


def match_key(label: str) -> str:
    """The form in which labels are compared.

    Case, punctuation, underscores and spacing do not count; neither do
    accents on Latin letters and the short vowels of Arabic script (both are
    often left out in practice). Marks that are letters in their script, like
    the Devanagari vowel signs, are kept.
    """
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    kept = []
    base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            if base and (ord(base) < 0x250 or 0x600 <= ord(base) <= 0x6FF):
                continue
        else:
            base = char
        kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept))
    # Tatweel only stretches Arabic letters.
    text = text.replace("\u0640", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


@cache
def builtin_table() -> dict[str, str]:
    """The shipped label table, as ``{match_key(label): verdict}``."""
    with LABELS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return _build_table(data)


def _build_table(data: Mapping[str, Mapping[str, list[str]]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for verdict, by_language in data.items():
        if verdict not in CLASSES:
            raise ValueError(f"labels.toml: unknown class {verdict!r}")
        for labels in by_language.values():
            for label in labels:
                key = match_key(label)
                if table.get(key, verdict) != verdict:
                    raise ValueError(f"labels.toml: {label!r} is both {table[key]!r} and {verdict!r}")
                table[key] = verdict
    return table


def label_table(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The built-in table with a project's own ``{label: verdict}`` entries on top."""
    table = dict(builtin_table())
    for label, verdict in (extra or {}).items():
        if verdict not in CLASSES:
            raise ValueError(f"{label!r}: {verdict!r} is not one of {', '.join(CLASSES)}")
        table[match_key(label)] = verdict
    return table


def classify_label(label: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """The verdict class a label names, or ``None`` when the table does not know it."""
    if not label:
        return None
    table = label_table(extra) if extra else builtin_table()
    for candidate in _label_candidates(label):
        verdict = table.get(match_key(candidate))
        if verdict:
            return verdict
    return None


def _label_candidates(label: str):
    yield label
    bracketed = _BRACKETED_HEAD.match(label)
    if bracketed:
        yield bracketed.group(1)
    head = _HEAD_SEPARATOR.split(label.strip(), maxsplit=1)[0]
    if head and head != label.strip():
        yield head


def to_decimal(value) -> Decimal | None:
    """A rating number from what publishers write ("4", 4, "4.5", "4,5"); ``None`` if it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal | float):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        return number if number.is_finite() else None
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def scale_score(value, best, worst) -> tuple[float | None, tuple[str, ...]]:
    """Where ``value`` sits between ``worst`` (0) and ``best`` (1), and why not when it cannot be read.

    Missing bounds take schema.org's defaults (best 5, worst 1), and say so.
    The scale may run either way: AFP Factual's ``5`` with ``worstRating 5``
    and ``bestRating 1`` scores 0.
    """
    value, best, worst = to_decimal(value), to_decimal(best), to_decimal(worst)
    if value is None:
        return None, ()
    notes = []
    if best is None:
        best = DEFAULT_BEST
        notes.append(messages.DEFAULT_BEST)
    if worst is None:
        worst = DEFAULT_WORST
        notes.append(messages.DEFAULT_WORST)
    if best == worst:
        return None, (*notes, messages.ONE_POINT_SCALE % {"best": best})
    low, high = min(best, worst), max(best, worst)
    if not low <= value <= high:
        return None, (*notes, messages.OUTSIDE_SCALE % {"rating": value, "worst": worst, "best": best})
    # + 0.0 turns the -0.0 of an inverted scale into 0.0.
    return float((value - worst) / (best - worst)) + 0.0, tuple(notes)


def class_for_score(score: float) -> str:
    for upper, verdict in SCORE_BANDS:
        if score <= upper:
            return verdict
    return TRUE


def normalise(
    label: str | None = None,
    value=None,
    best=None,
    worst=None,
    *,
    extra: Mapping[str, str] | None = None,
) -> NormalisedRating:
    """Normalise a rating given as its published parts (strings or numbers, as found)."""
    label = label.strip() if isinstance(label, str) and label.strip() else None
    score, notes = scale_score(value, best, worst)
    scale_class = class_for_score(score) if score is not None else None
    by_label = classify_label(label, extra)
    if by_label:
        if scale_class and by_label in (FALSE, MOSTLY_FALSE, MIXED, MOSTLY_TRUE, TRUE) and scale_class != by_label:
            notes = (*notes, messages.LABEL_OVER_NUMBER % {"by_label": by_label, "by_scale": scale_class})
        return NormalisedRating(by_label, "label", label, score, scale_class, notes)
    if scale_class:
        if label:
            notes = (*notes, messages.LABEL_UNKNOWN_NUMBER_USED % {"label": repr(label)})
        return NormalisedRating(scale_class, "scale", label, score, scale_class, notes)
    if label:
        notes = (*notes, messages.LABEL_UNKNOWN % {"label": repr(label)})
    return NormalisedRating(UNRATED, None, label, None, None, notes)


def normalise_rating(rating: PublishedRating | None, *, extra: Mapping[str, str] | None = None) -> NormalisedRating:
    """Normalise a :class:`PublishedRating` (``None`` is unrated)."""
    if rating is None:
        return NormalisedRating(UNRATED, None, None)
    return normalise(rating.label, rating.value, rating.best, rating.worst, extra=extra)


def fever_label(verdict: str, mapping: Mapping[str, str] | None = None) -> str:
    """The FEVER label (SUPPORTS / REFUTES / NOT ENOUGH INFO) for a normalised class.

    ``mapping`` overrides single classes, e.g. a project that wants
    ``{"misleading": "REFUTES"}``.
    """
    if verdict not in CLASSES:
        raise ValueError(f"{verdict!r} is not one of {', '.join(CLASSES)}")
    if mapping and verdict in mapping:
        label = mapping[verdict]
        if label not in (SUPPORTS, REFUTES, NOT_ENOUGH_INFO):
            raise ValueError(f"{label!r} is not a FEVER label")
        return label
    return FEVER_LABELS[verdict]
