"""Two-stage matching: lexical candidates, dense candidates, merged and re-ranked.

See the package docstring for the scores and the thresholds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .lexical import BM25Index
from .semantic import EmbeddingIndex
from .thresholds import LEXICAL_KEY, LEXICAL_WEIGHT, MIN_CONFIRM_WORDS, Thresholds, thresholds_for

_WORD = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+", re.IGNORECASE)

CONFIRM = "confirm"
SUGGEST = "suggest"


def prepare(text: str) -> str:
    """The text both stages see: without links, whitespace collapsed.

    The signature of a pasted post ("— Name (@handle) March 3, 2019") stays: who said it is part of a claim
    (removing it cost 0.03 of lexical MAP@5 on the CheckThat! dev split)."""
    return " ".join(_URL.sub(" ", text or "").split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


@dataclass(frozen=True)
class FactCheck:
    """Anything a claim can match: a desk claim, a published verdict, another publisher's fact-check."""

    id: Hashable
    text: str
    language: str = ""


@dataclass(frozen=True)
class Match:
    id: Hashable
    score: float  # what the list is sorted by: semantic + LEXICAL_WEIGHT * lexical
    semantic: float | None  # cosine of the two embeddings; None in lexical-only mode
    lexical: float  # the lexical stage's score in [0, 1]; 0.0 when the item was not a lexical candidate
    decision: str | None  # "confirm", "suggest" or None
    language: str = ""


class Matcher:
    """Ranks indexed fact-checks for a text.

    ``embed(texts) -> (n, dim)`` L2-normalised float32 (by default :func:`annotations.textmodels.embed` with
    kind "query"); ``embed=False`` runs lexical-only, with the lexical thresholds. ``lexical`` is any object
    with ``add``/``remove``/``candidates`` (see :mod:`.lexical`).
    """

    def __init__(
        self,
        *,
        embed: Callable[[Sequence[str]], np.ndarray] | None | bool = None,
        dim: int | None = None,
        model_key: str | None = None,
        lexical=None,
        lexical_k: int = 100,
        semantic_k: int = 100,
        lexical_weight: float = LEXICAL_WEIGHT,
        thresholds: Thresholds | None = None,
    ):
        if embed is None:
            from annotations import textmodels

            embed = textmodels.embed
            dim = textmodels.DIM
            model_key = model_key or textmodels.MODEL_KEY
        self.embed = embed or None
        self.lexical = lexical if lexical is not None else BM25Index()
        # Lexical-only scores are those of the lexical stage, with its own thresholds.
        self.model_key = model_key if self.embed else getattr(self.lexical, "key", LEXICAL_KEY)
        self.semantic = EmbeddingIndex(dim) if self.embed else None
        self.lexical_k = lexical_k
        self.semantic_k = semantic_k
        self.lexical_weight = lexical_weight if self.embed else 1.0
        self.thresholds = thresholds or thresholds_for(self.model_key)
        self._items: dict[Hashable, FactCheck] = {}

    def __len__(self) -> int:
        return len(self._items)

    def add(self, fact_checks: Iterable[FactCheck], vectors: np.ndarray | None = None, batch: int = 64) -> None:
        """Index ``fact_checks``; ``vectors`` are their stored embeddings (computed here when missing)."""
        items = list(fact_checks)
        for item in items:
            self._items[item.id] = item
        self.lexical.add((item.id, prepare(item.text)) for item in items)
        if self.semantic is not None and items:
            if vectors is None:
                texts = [prepare(item.text) for item in items]
                vectors = np.vstack([self.embed(texts[i : i + batch]) for i in range(0, len(texts), batch)])
            self.semantic.add([item.id for item in items], vectors, labels=[item.language for item in items])

    def remove(self, ids: Iterable[Hashable]) -> None:
        ids = [i for i in ids if i in self._items]
        for i in ids:
            del self._items[i]
        self.lexical.remove(ids)
        if self.semantic is not None:
            self.semantic.remove(ids)

    def decide(self, text: str, semantic: float | None, lexical: float) -> str | None:
        """ "confirm", "suggest" or None for a candidate of ``text`` with these scores."""
        value = lexical if semantic is None else semantic
        if value >= self.thresholds.confirm and word_count(text) >= MIN_CONFIRM_WORDS:
            return CONFIRM
        if value >= self.thresholds.suggest:
            return SUGGEST
        return None

    def match(
        self,
        text: str,
        k: int = 5,
        *,
        query_vector: np.ndarray | None = None,
        exclude: Iterable[Hashable] = (),
        languages: Iterable[str] | None = None,
    ) -> list[Match]:
        """The ``k`` best fact-checks for ``text``, best first.

        ``query_vector`` is the stored embedding of ``prepare(text)`` if there is one (a desk claim); ``exclude``
        drops ids (the claim itself); ``languages`` keeps only fact-checks in those languages. Decisions count
        the words of ``prepare(text)``.
        """
        query = prepare(text)
        exclude = set(exclude)
        langs = set(languages) if languages is not None else None
        extra = len(exclude)
        # The lexical stage knows no languages: ask for more when filtering (the dense stage filters exactly).
        lexical_k = self.lexical_k * (3 if langs is not None else 1) + extra
        lexical = dict(self.lexical.candidates(query, lexical_k))
        if self.semantic is None or len(self.semantic) == 0:
            semantic: dict[Hashable, float] | None = None
            pool = list(lexical)
        else:
            if query_vector is None:
                query_vector = self.embed([query])[0]
            sims = self.semantic.all_similarities(query_vector, labels=langs)
            dense = self.semantic.search(query_vector, self.semantic_k + extra, sims=sims)
            semantic = dict(dense)
            missing = [i for i in lexical if i not in semantic]
            semantic.update(self.semantic.similarity(query_vector, missing, sims=sims))
            pool = list(dict.fromkeys([*semantic, *lexical]))
        matches = []
        for item_id in pool:
            item = self._items.get(item_id)
            if item is None or item_id in exclude or (langs is not None and item.language not in langs):
                continue
            lex = lexical.get(item_id, 0.0)
            sem = None if semantic is None else semantic.get(item_id)
            if semantic is not None and sem is None:
                continue
            score = lex if sem is None else sem + self.lexical_weight * lex
            matches.append(Match(item_id, score, sem, lex, self.decide(query, sem, lex), item.language))
        matches.sort(key=lambda m: -m.score)
        return matches[:k]


def auto_link(text: str, matches: Sequence[Match], *, enabled: bool) -> Match | None:
    """The match the app may link without a person: the best one, if the project allows it and it is "confirm".

    Never below "confirm", never for a text under ``MIN_CONFIRM_WORDS`` words (``decision`` already says so),
    never when the project has automatic linking off.
    """
    if not enabled or not matches:
        return None
    best = max(matches, key=lambda m: m.score)
    if best.decision != CONFIRM or word_count(text) < MIN_CONFIRM_WORDS:
        return None
    return best
