"""Matching a claim against fact-checks already written: "checked before?" (placeholder docstring)."""

from .lexical import BM25Index, tokenize
from .ranker import CONFIRM, SUGGEST, FactCheck, Match, Matcher, auto_link, prepare, word_count
from .semantic import EmbeddingIndex
from .thresholds import LEXICAL_KEY, MIN_CONFIRM_WORDS, THRESHOLDS, Thresholds, thresholds_for

__all__ = [
    "BM25Index",
    "CONFIRM",
    "EmbeddingIndex",
    "FactCheck",
    "LEXICAL_KEY",
    "MIN_CONFIRM_WORDS",
    "Match",
    "Matcher",
    "SUGGEST",
    "THRESHOLDS",
    "Thresholds",
    "auto_link",
    "prepare",
    "thresholds_for",
    "tokenize",
    "word_count",
]
