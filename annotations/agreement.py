"""Agreement between annotators (claims) and between reviewers (verdicts).

Plain functions over plain data: no models, no database, only numpy.

Spans are ``(start, end)`` offsets into an article's text as a Python
``str``: code points, half-open, ``0 <= start < end <= len(text)``, the same
offsets as ``Claim.start`` and ``Claim.end``.

What is measured
================

Span matching between two annotators, one to one (a span is matched at most
once on each side):

- **exact**: the two spans have the same start and the same end;
- **overlap**: ``overlap_ratio(a, b) >= threshold`` (0.5 by default), where
  the ratio is ``|a ∩ b| / max(|a|, |b|)``: the shared code points over the
  length of the *longer* span. At 0.5 the shared part is at least half of
  each span, so a span less than half as long as another never matches it.
  ``overlap="jaccard"`` uses ``|a ∩ b| / |a ∪ b|`` instead (stricter: at
  0.5, two spans of the same length must share two thirds of each).

  Among all one-to-one matchings of the pairs that reach the threshold, the
  one with the most matches is taken, and among those the one with the
  largest sum of ratios (an assignment problem, solved exactly); so where
  the count is the same, an exact match wins over a partial one.

Precision, recall and F1 of a pair ``(a, b)`` take ``a`` as the reference:
precision = matched / spans of b, recall = matched / spans of a,
F1 = 2 · matched / (spans of a + spans of b) (symmetric). A ratio whose
denominator is 0 is ``None`` (two annotators who marked nothing have no F1;
their code-point α is ``None`` too, as there is no variation). Totals over
articles and pairs are micro-averages: the counts are summed first.

Krippendorff's α over code points: every code point of an article is a unit,
which each annotator labels *claim* (inside any of their spans) or *not
claim*; α is the binary (nominal) α of those units, over one article or over
many articles concatenated. This is the per-code-point approximation of
unitizing α (uα) on the character continuum, the measure INCEpTION offers
as α-unitizing; it is not the same statistic (uα compares whole segments),
so the two can differ somewhat on the same annotations. It is
computed from run lengths: the code points covered by exactly k of the m
annotators form a handful of intervals, so the cost is that of sorting the
span boundaries, not of the length of the text. An annotator who is absent
from an article (not assigned) is missing data there; an annotator present
with no spans labelled every code point *not claim*.

Claim-level agreement after span matching: the overlap matches of every
pair of annotators are units of two values each: the claimant (nominal; compared
after ``normalise_claimant``; empty means missing) and the check-worthiness
(ordinal, levels 1 to 5). Over several pairs, the pairs' units are pooled.

Krippendorff's α (nominal, ordinal, interval, ratio) on a reliability
matrix with missing values follows Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability": coincidence matrix, the metric's δ², and
α = 1 − (n − 1) · Σ o·δ² / Σ n_c·n_k·δ². α is ``None`` when it is undefined:
fewer than two pairable values, or no variation at all (expected
disagreement 0).

Cohen's κ for two raters, unweighted or with linear or quadratic weights
over the levels in their order (Cohen 1968): κ = 1 − Σ w·O / Σ w·E.

All results are plain dicts of ints, floats, ``None``, lists and the ids
given, ready for JSON.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

CHECK_WORTHINESS_LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
LEVELS_OF_MEASUREMENT = ("nominal", "ordinal", "interval", "ratio")
OVERLAP_MEASURES = ("longer", "jaccard")
KAPPA_WEIGHTS = (None, "linear", "quadratic")

Span = tuple[int, int]


class Annotation(NamedTuple):
    """One annotator's claim: its span and the fields compared after matching."""

    start: int
    end: int
    claimant: str | None = None
    check_worthiness: int | None = None


# --------------------------------------------------------------------------
# Input


def as_annotation(claim: Any, length: int | None = None) -> Annotation:
    """An ``Annotation`` from a ``(start, end[, claimant[, check_worthiness]])``
    tuple, a mapping with those keys, or an object with those attributes (a
    ``Claim`` instance, say). Raises ``ValueError`` for offsets that are not
    ``0 <= start < end`` (``<= length`` when the length is given)."""
    if isinstance(claim, Annotation):
        ann = claim
    elif isinstance(claim, Mapping):
        ann = Annotation(claim["start"], claim["end"], claim.get("claimant"), claim.get("check_worthiness"))
    elif isinstance(claim, tuple | list):
        ann = Annotation(*claim)
    else:
        ann = Annotation(
            claim.start, claim.end, getattr(claim, "claimant", None), getattr(claim, "check_worthiness", None)
        )
    if isinstance(ann.start, bool) or isinstance(ann.end, bool):
        raise ValueError(f"Span offsets must be integers, not {ann.start!r}–{ann.end!r}.")
    try:
        start, end = operator.index(ann.start), operator.index(ann.end)
    except TypeError:
        raise ValueError(f"Span offsets must be integers, not {ann.start!r}–{ann.end!r}.") from None
    if (start, end) != (ann.start, ann.end) or type(ann.start) is not int or type(ann.end) is not int:
        ann = ann._replace(start=start, end=end)
    if not 0 <= start < end or (length is not None and end > length):
        limit = "" if length is None else f" within 0–{length}"
        raise ValueError(f"Span {start}–{end} is not a non-empty span{limit}.")
    return ann


@functools.lru_cache(maxsize=65536)
def normalise_claimant(claimant: str | None) -> str | None:
    """The claimant as compared: NFKC, case-folded, inner whitespace collapsed;
    ``None`` for an empty one (missing, not a value)."""
    if claimant is None:
        return None
    key = " ".join(unicodedata.normalize("NFKC", str(claimant)).casefold().split())
    return key or None


def _sort_key(value: Any) -> tuple[str, Any]:
    return (type(value).__name__, value)


def _sorted_ids(ids: Iterable[Hashable]) -> list:
    """Ids in a stable order: by type, then value (or text, for ids such as
    model instances that have no order)."""
    ids = list(ids)
    try:
        return sorted(ids, key=_sort_key)
    except TypeError:
        return sorted(ids, key=lambda value: (type(value).__name__, str(value)))


def _sorted_pairs(pairs: Iterable[tuple], ids: Iterable[Hashable]) -> list:
    rank = {x: k for k, x in enumerate(_sorted_ids(ids))}
    return sorted(pairs, key=lambda p: (rank[p[0]], rank[p[1]]))


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


# --------------------------------------------------------------------------
# Spans: overlap and one-to-one matching


def overlap_ratio(a: Span, b: Span, overlap: str = "longer") -> float:
    """``|a ∩ b| / max(|a|, |b|)`` (``overlap="longer"``, the default) or
    ``|a ∩ b| / |a ∪ b|`` (``overlap="jaccard"``), in code points."""
    if overlap not in OVERLAP_MEASURES:
        raise ValueError(f"overlap must be one of {OVERLAP_MEASURES}, not {overlap!r}.")
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    la, lb = a[1] - a[0], b[1] - b[0]
    return inter / (max(la, lb) if overlap == "longer" else la + lb - inter)


def _threshold_fraction(threshold: float) -> Fraction:
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}.")
    return Fraction(threshold).limit_denominator(1_000_000)


def _overlap_edges(a: Sequence[Span], b: Sequence[Span], threshold: Fraction, overlap: str) -> list:
    """Every (i, j, ratio) with ratio(a[i], b[j]) >= threshold, found by a
    sweep over b sorted by start (only spans that can intersect are tried)."""
    if not a or not b:
        return []
    order = sorted(range(len(b)), key=lambda j: b[j][0])
    starts = [b[j][0] for j in order]
    max_len = max(e - s for s, e in b)
    num, den = threshold.numerator, threshold.denominator
    jaccard = overlap == "jaccard"
    edges = []
    for i, (a_start, a_end) in enumerate(a):
        la = a_end - a_start
        lo = bisect.bisect_right(starts, a_start - max_len)
        hi = bisect.bisect_left(starts, a_end)
        for k in range(lo, hi):
            j = order[k]
            b_start, b_end = b[j]
            inter = (a_end if a_end < b_end else b_end) - (a_start if a_start > b_start else b_start)
            if inter <= 0:
                continue
            lb = b_end - b_start
            base = la + lb - inter if jaccard else (la if la > lb else lb)
            if inter * den >= num * base:
                edges.append((i, j, inter / base))
    return edges


def _max_assignment(weights: list[list[float]]) -> list[int]:
    """Hungarian algorithm (Kuhn–Munkres with potentials) maximising the sum
    of weights; ``weights`` has no more rows than columns. Returns, for each
    row, its column."""
    n, m = len(weights), len(weights[0])
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            row = weights[i0 - 1]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def _best_matching(edges: list) -> list:
    """The one-to-one subset of ``edges`` with the most matches, then the
    largest sum of ratios. Most spans have a single candidate; only groups of
    competing candidates go to the assignment solver."""
    deg_a = Counter(i for i, _, _ in edges)
    deg_b = Counter(j for _, j, _ in edges)
    if all(c == 1 for c in deg_a.values()) and all(c == 1 for c in deg_b.values()):
        return sorted(edges)
    # Connected components of the candidate graph (union-find on a and b nodes).
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in edges:
        parent[find(("a", i))] = find(("b", j))
    groups: dict = {}
    for edge in edges:
        groups.setdefault(find(("a", edge[0])), []).append(edge)
    chosen = []
    for group in groups.values():
        if len(group) == 1:
            chosen.extend(group)
            continue
        rows = sorted({i for i, _, _ in group})
        cols = sorted({j for _, j, _ in group})
        transpose = len(rows) > len(cols)
        if transpose:
            rows, cols = cols, rows
        row_at = {x: k for k, x in enumerate(rows)}
        col_at = {x: k for k, x in enumerate(cols)}
        # Each match is worth more than all ratios together: most matches first.
        bonus = float(len(rows) + 1)
        weights = [[0.0] * len(cols) for _ in rows]
        ratio_of = {}
        for i, j, ratio in group:
            r, c = (j, i) if transpose else (i, j)
            weights[row_at[r]][col_at[c]] = bonus + ratio
            ratio_of[(r, c)] = ratio
        for r_idx, c_idx in enumerate(_max_assignment(weights)):
            r, c = rows[r_idx], cols[c_idx]
            if (r, c) in ratio_of:
                chosen.append((c, r, ratio_of[(r, c)]) if transpose else (r, c, ratio_of[(r, c)]))
    return sorted(chosen)


def match_spans(
    a: Sequence[Span], b: Sequence[Span], *, mode: str = "overlap", threshold: float = 0.5, overlap: str = "longer"
) -> list[tuple[int, int, float]]:
    """One-to-one matches between two annotators' spans, as ``(i, j, ratio)``
    with ``a[i]`` matched to ``b[j]``, sorted by ``i``.

    ``mode="exact"``: same start and end (ratio 1.0). ``mode="overlap"``:
    ``overlap_ratio(a[i], b[j], overlap) >= threshold``, the matching with the
    most matches and then the largest total ratio."""
    a = [(s[0], s[1]) for s in a]
    b = [(s[0], s[1]) for s in b]
    if mode == "exact":
        free: dict[Span, list[int]] = {}
        for j in range(len(b) - 1, -1, -1):
            free.setdefault(b[j], []).append(j)
        out = []
        for i, span in enumerate(a):
            js = free.get(span)
            if js:
                out.append((i, js.pop(), 1.0))
        return out
    if mode != "overlap":
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}.")
    if overlap not in OVERLAP_MEASURES:
        raise ValueError(f"overlap must be one of {OVERLAP_MEASURES}, not {overlap!r}.")
    return _best_matching(_overlap_edges(a, b, _threshold_fraction(threshold), overlap))


def prf(matched: int, spans_a: int, spans_b: int) -> dict:
    """Counts with precision (matched / spans_b), recall (matched / spans_a)
    and F1, ``a`` being the reference; ``None`` where a denominator is 0."""
    return {
        "matched": matched,
        "spans_a": spans_a,
        "spans_b": spans_b,
        "precision": _ratio(matched, spans_b),
        "recall": _ratio(matched, spans_a),
        "f1": _ratio(2 * matched, spans_a + spans_b),
    }


def span_scores(
    a: Sequence[Span], b: Sequence[Span], *, mode: str = "overlap", threshold: float = 0.5, overlap: str = "longer"
) -> dict:
    """``prf`` of ``match_spans(a, b, ...)``: matched, spans_a, spans_b,
    precision, recall, f1."""
    matched = len(match_spans(a, b, mode=mode, threshold=threshold, overlap=overlap))
    return prf(matched, len(a), len(b))


# --------------------------------------------------------------------------
# Krippendorff's α over code points, from run lengths


def union_spans(spans: Iterable[Span]) -> list[Span]:
    """The code points covered by any of the spans, as sorted disjoint spans
    (adjacent spans are joined)."""
    out: list[list[int]] = []
    for start, end in sorted((s[0], s[1]) for s in spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1][1] = end
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _covered(union: Sequence[Span]) -> int:
    return sum(e - s for s, e in union)


def _intersection_length(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Code points in both of two sorted disjoint span lists."""
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo = a[i][0] if a[i][0] > b[j][0] else b[j][0]
        hi = a[i][1] if a[i][1] < b[j][1] else b[j][1]
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def coverage_histogram(length: int, annotators: Sequence[Sequence[Span]]) -> list[int]:
    """``h[k]``: how many code points of a text of ``length`` code points are
    inside spans of exactly ``k`` of the annotators (``len(h) = m + 1``)."""
    m = len(annotators)
    events: list[tuple[int, int]] = []
    for spans in annotators:
        for start, end in union_spans(spans):
            if start < 0 or end > length:
                raise ValueError(f"Span {start}–{end} is outside the text (0–{length}).")
            events.append((start, 1))
            events.append((end, -1))
    events.sort()
    hist = [0] * (m + 1)
    depth = 0
    prev = 0
    for pos, step in events:
        if pos > prev and depth:
            hist[depth] += pos - prev
        depth += step
        prev = pos
    hist[0] = length - sum(hist[1:])
    return hist


class _BinaryAlpha:
    """Binary α accumulated over units: the claim/not-claim disagreement
    coincidences (o01), the claim labels (n1) and all pairable labels (n)."""

    __slots__ = ("o01", "n1", "n")

    def __init__(self):
        self.o01 = 0.0
        self.n1 = 0
        self.n = 0

    def add_histogram(self, hist: Sequence[int]) -> None:
        m = len(hist) - 1
        if m < 2:
            return
        self.o01 += sum(count * k * (m - k) for k, count in enumerate(hist)) / (m - 1)
        self.n1 += sum(count * k for k, count in enumerate(hist))
        self.n += m * sum(hist)

    def add_pair(self, length: int, covered_a: int, covered_b: int, both: int) -> None:
        self.o01 += covered_a + covered_b - 2 * both
        self.n1 += covered_a + covered_b
        self.n += 2 * length

    def alpha(self) -> float | None:
        n0 = self.n - self.n1
        if self.n < 2 or n0 * self.n1 == 0:
            return None
        return 1.0 - (self.n - 1) * self.o01 / (n0 * self.n1)


def codepoint_alpha(length: int, annotators: Sequence[Sequence[Span]]) -> float | None:
    """Krippendorff's α over the code points of one text: each annotator's
    spans (one list per annotator; an empty list means "no claim anywhere")."""
    acc = _BinaryAlpha()
    acc.add_histogram(coverage_histogram(length, annotators))
    return acc.alpha()


def codepoint_alpha_many(documents: Iterable[tuple[int, Sequence[Sequence[Span]]]]) -> float | None:
    """α over the code points of many texts concatenated: ``(length,
    annotators)`` per text; the annotators may differ from text to text, and
    a text with fewer than two contributes nothing."""
    acc = _BinaryAlpha()
    for length, annotators in documents:
        acc.add_histogram(coverage_histogram(length, annotators))
    return acc.alpha()


# --------------------------------------------------------------------------
# Krippendorff's α on a reliability matrix


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _value_order(values: Iterable[Hashable], level: str, levels: Sequence | None) -> list:
    if level not in LEVELS_OF_MEASUREMENT:
        raise ValueError(f"level must be one of {LEVELS_OF_MEASUREMENT}, not {level!r}.")
    values = set(values)
    if levels is not None:
        order = list(levels)
        unknown = values - set(order)
        if unknown:
            raise ValueError(f"Values not among the levels: {sorted(map(repr, unknown))}.")
        return order
    if level == "nominal":
        return _sorted_ids(values)
    return sorted(values)


def _delta(order: Sequence, marginals: np.ndarray, level: str) -> np.ndarray:
    """The metric's squared differences δ² between the values in ``order``."""
    v = len(order)
    if level == "nominal":
        return 1.0 - np.eye(v)
    if level == "ordinal":
        idx = np.arange(v)
        lo = np.minimum.outer(idx, idx)
        hi = np.maximum.outer(idx, idx)
        cum = np.cumsum(marginals)
        between = cum[hi] - cum[lo] + marginals[lo]
        return (between - (marginals[:, None] + marginals[None, :]) / 2.0) ** 2
    x = np.asarray(order, dtype=float)
    diff = np.subtract.outer(x, x)
    if level == "interval":
        return diff**2
    total = np.add.outer(x, x)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(total == 0, 0.0, diff / total)
    return out**2


def alpha_from_coincidences(coincidences: np.ndarray, order: Sequence, level: str = "nominal") -> float | None:
    """α from a coincidence matrix over the values in ``order``."""
    o = np.asarray(coincidences, dtype=float)
    marginals = o.sum(axis=1)
    n = marginals.sum()
    if n < 2:
        return None
    delta = _delta(order, marginals, level)
    observed = float((o * delta).sum())
    expected = float((np.outer(marginals, marginals) * delta).sum())
    if expected <= 0:
        return None
    return float(1.0 - (n - 1) * observed / expected)


def coincidence_matrix(unit_counts: np.ndarray) -> np.ndarray:
    """Coincidences from a units × values matrix of how many coders gave each
    value to each unit; units with fewer than two values are not pairable."""
    counts = np.asarray(unit_counts, dtype=float)
    m = counts.sum(axis=1)
    weights = np.zeros_like(m)
    pairable = m >= 2
    weights[pairable] = 1.0 / (m[pairable] - 1.0)
    weighted = counts * weights[:, None]
    return weighted.T @ counts - np.diag(weighted.sum(axis=0))


def krippendorff_alpha(
    reliability_data: Any, level: str = "nominal", *, levels: Sequence | None = None
) -> float | None:
    """Krippendorff's α of a reliability matrix: one row per coder, one column
    per unit (the layout of Krippendorff 2011 and of the ``krippendorff``
    package). ``None`` or NaN is a missing value. ``level`` is "nominal",
    "ordinal", "interval" or "ratio"; ``levels`` gives the values in their
    order (an ordinal rating scale of labels, say), else they are sorted.
    Returns ``None`` when α is undefined."""
    rows = [list(row) for row in reliability_data]
    if not rows:
        return None
    n_units = max(len(row) for row in rows)
    cells = [(u, v) for row in rows for u, v in enumerate(row) if not _is_missing(v)]
    order = _value_order((v for _, v in cells), level, levels)
    if not cells or len(order) == 0:
        return None
    index = {v: k for k, v in enumerate(order)}
    flat = np.fromiter((u * len(order) + index[v] for u, v in cells), dtype=np.int64, count=len(cells))
    counts = np.bincount(flat, minlength=n_units * len(order)).reshape(n_units, len(order))
    return alpha_from_coincidences(coincidence_matrix(counts), order, level)


class PairedValues:
    """Units of two values (one per rater) accumulated as counts of ordered
    value pairs: enough for α, Cohen's κ and raw agreement, in memory that
    grows with the number of distinct pairs only. A unit with a missing value
    is not pairable and is left out."""

    __slots__ = ("counts",)

    def __init__(self, pairs: Iterable[tuple[Any, Any]] = ()):
        self.counts: Counter = Counter()
        for a, b in pairs:
            self.add(a, b)

    def add(self, a: Any, b: Any) -> None:
        if not (_is_missing(a) or _is_missing(b)):
            self.counts[(a, b)] += 1

    def update(self, other: PairedValues) -> None:
        self.counts.update(other.counts)

    @property
    def units(self) -> int:
        return sum(self.counts.values())

    def agreement(self) -> float | None:
        """The share of units whose two values are equal."""
        return _ratio(sum(c for (a, b), c in self.counts.items() if a == b), self.units)

    def alpha(self, level: str = "nominal", *, levels: Sequence | None = None) -> float | None:
        """Krippendorff's α of these units (each unit two values), in plain
        Python: the per-article figures are many and small."""
        if level not in LEVELS_OF_MEASUREMENT:
            raise ValueError(f"level must be one of {LEVELS_OF_MEASUREMENT}, not {level!r}.")
        if not self.counts:
            return None
        marginals: Counter = Counter()
        diagonal = 0
        for (a, b), c in self.counts.items():
            marginals[a] += c
            marginals[b] += c
            if a == b:
                diagonal += 2 * c
        n = 2 * self.units
        if level == "nominal":
            if levels is not None:
                _value_order(marginals, level, levels)  # checks the values
            expected = n * n - sum(m * m for m in marginals.values())
            return 1.0 - (n - 1) * (n - diagonal) / expected if expected > 0 else None
        present = [v for v in _value_order(marginals, level, levels) if v in marginals]
        if level == "ordinal":
            position = {v: k for k, v in enumerate(present)}
            cumulative = list(itertools.accumulate(marginals[v] for v in present))

            def delta(x, y):
                lo, hi = sorted((position[x], position[y]))
                between = cumulative[hi] - cumulative[lo] + marginals[present[lo]]
                return (between - (marginals[x] + marginals[y]) / 2) ** 2

        elif level == "interval":

            def delta(x, y):
                return float(x - y) ** 2

        else:

            def delta(x, y):
                return ((x - y) / (x + y)) ** 2 if x + y else 0.0

        observed = sum(2 * c * delta(a, b) for (a, b), c in self.counts.items() if a != b)
        expected = sum(marginals[x] * marginals[y] * delta(x, y) for x in present for y in present if x != y)
        return 1.0 - (n - 1) * observed / expected if expected > 0 else None

    def kappa(self, weights: str | None = None, *, levels: Sequence | None = None) -> float | None:
        """Cohen's κ, the first value of each unit being the first rater's:
        unweighted, or "linear" or "quadratic" over ``levels`` in their order
        (by default the sorted values seen)."""
        if weights not in KAPPA_WEIGHTS:
            raise ValueError(f"weights must be one of {KAPPA_WEIGHTS}, not {weights!r}.")
        if not self.counts:
            return None
        rows: Counter = Counter()
        cols: Counter = Counter()
        for (a, b), c in self.counts.items():
            rows[a] += c
            cols[b] += c
        total = self.units
        if weights is None:
            if levels is not None:
                _value_order(rows.keys() | cols.keys(), "nominal", levels)  # checks the values
            observed = sum(c for (a, b), c in self.counts.items() if a != b)
            expected = total - sum(rows[v] * cols[v] for v in rows) / total
        else:
            position = {v: k for k, v in enumerate(_value_order(rows.keys() | cols.keys(), "ordinal", levels))}
            power = 1 if weights == "linear" else 2
            observed = sum(c * abs(position[a] - position[b]) ** power for (a, b), c in self.counts.items())
            expected = (
                sum(rows[a] * cols[b] * abs(position[a] - position[b]) ** power for a in rows for b in cols) / total
            )
        return 1.0 - observed / expected if expected > 0 else None


def cohen_kappa(
    a: Sequence[Any], b: Sequence[Any], *, weights: str | None = None, levels: Sequence | None = None
) -> float | None:
    """Cohen's κ of two raters' values for the same items (``a[i]`` and
    ``b[i]``); items with a missing value are left out. ``weights``: ``None``
    (unweighted), "linear" or "quadratic", over ``levels`` in their order (by
    default the sorted values seen); pass the whole scale so that the
    distances between its levels count. ``None`` when undefined."""
    if len(a) != len(b):
        raise ValueError(f"The two raters rated {len(a)} and {len(b)} items.")
    return PairedValues(zip(a, b, strict=True)).kappa(weights, levels=levels)


# --------------------------------------------------------------------------
# Per pair of annotators, per article, per project


class _PairTotals:
    """What one pair of annotators adds up to over one or more articles."""

    __slots__ = ("articles", "exact", "overlap", "spans_a", "spans_b", "codepoints", "claimant", "check_worthiness")

    def __init__(self):
        self.articles = 0
        self.exact = 0
        self.overlap = 0
        self.spans_a = 0
        self.spans_b = 0
        self.codepoints = _BinaryAlpha()
        self.claimant = PairedValues()
        self.check_worthiness = PairedValues()

    def update(self, other: _PairTotals) -> None:
        self.articles += other.articles
        self.exact += other.exact
        self.overlap += other.overlap
        self.spans_a += other.spans_a
        self.spans_b += other.spans_b
        self.codepoints.o01 += other.codepoints.o01
        self.codepoints.n1 += other.codepoints.n1
        self.codepoints.n += other.codepoints.n
        self.claimant.update(other.claimant)
        self.check_worthiness.update(other.check_worthiness)

    def result(self, levels: Sequence, *, pair: bool) -> dict:
        exact = prf(self.exact, self.spans_a, self.spans_b)
        overlap = prf(self.overlap, self.spans_a, self.spans_b)
        if not pair:  # pooled over pairs: no reference side, F1 only
            exact = {"matched": exact["matched"], "spans": self.spans_a + self.spans_b, "f1": exact["f1"]}
            overlap = {"matched": overlap["matched"], "spans": self.spans_a + self.spans_b, "f1": overlap["f1"]}
        claimant = {
            "units": self.claimant.units,
            "agreement": self.claimant.agreement(),
            "alpha": self.claimant.alpha("nominal"),
        }
        worthiness = {
            "units": self.check_worthiness.units,
            "agreement": self.check_worthiness.agreement(),
            "alpha": self.check_worthiness.alpha("ordinal", levels=levels),
        }
        if pair:
            worthiness["kappa_linear"] = self.check_worthiness.kappa("linear", levels=levels)
            worthiness["kappa_quadratic"] = self.check_worthiness.kappa("quadratic", levels=levels)
        return {
            "articles": self.articles,
            "exact": exact,
            "overlap": overlap,
            "codepoint_alpha": self.codepoints.alpha(),
            "claimant": claimant,
            "check_worthiness": worthiness,
        }


def _compare_pair(
    a: Sequence[Annotation],
    b: Sequence[Annotation],
    union_a: Sequence[Span],
    union_b: Sequence[Span],
    length: int,
    threshold: Fraction,
    overlap: str,
) -> tuple[_PairTotals, list]:
    spans_a = [(x.start, x.end) for x in a]
    spans_b = [(x.start, x.end) for x in b]
    totals = _PairTotals()
    totals.articles = 1
    totals.spans_a = len(a)
    totals.spans_b = len(b)
    totals.exact = len(match_spans(spans_a, spans_b, mode="exact"))
    matches = _best_matching(_overlap_edges(spans_a, spans_b, threshold, overlap))
    totals.overlap = len(matches)
    totals.codepoints.add_pair(length, _covered(union_a), _covered(union_b), _intersection_length(union_a, union_b))
    for i, j, _ in matches:
        totals.claimant.add(normalise_claimant(a[i].claimant), normalise_claimant(b[j].claimant))
        totals.check_worthiness.add(a[i].check_worthiness, b[j].check_worthiness)
    return totals, matches


def _read_article(article: Mapping) -> tuple[Any, int, dict]:
    if "length" in article and article["length"] is not None:
        length = article["length"]
    else:
        length = len(article["text"])
    annotations = {
        annotator: [as_annotation(c, length) for c in claims] for annotator, claims in article["annotations"].items()
    }
    return article.get("id"), length, annotations


def _article(
    article: Mapping, threshold: Fraction, overlap: str, levels: Sequence, details: bool, sink
) -> tuple[dict, _BinaryAlpha]:
    article_id, length, annotations = _read_article(article)
    annotators = _sorted_ids(annotations)
    unions = {x: union_spans((c.start, c.end) for c in annotations[x]) for x in annotators}
    codepoints = _BinaryAlpha()
    codepoints.add_histogram(coverage_histogram(length, [unions[x] for x in annotators]))
    pooled = _PairTotals()
    pairs = []
    for x, y in itertools.combinations(annotators, 2):
        totals, matches = _compare_pair(
            annotations[x], annotations[y], unions[x], unions[y], length, threshold, overlap
        )
        if sink is not None:
            sink(x, y, totals)
        pooled.update(totals)
        if details:
            entry = {"annotators": [x, y], **totals.result(levels, pair=True)}
            del entry["articles"]
            matched_a = {i for i, _, _ in matches}
            matched_b = {j for _, j, _ in matches}
            entry["matches"] = [[i, j, ratio] for i, j, ratio in matches]
            entry["unmatched_a"] = [i for i in range(len(annotations[x])) if i not in matched_a]
            entry["unmatched_b"] = [j for j in range(len(annotations[y])) if j not in matched_b]
            pairs.append(entry)
    summary = pooled.result(levels, pair=False)
    summary["codepoint_alpha"] = codepoints.alpha()
    del summary["articles"]
    out = {"id": article_id, "length": length, "annotators": annotators, **summary}
    if details:
        out["pairs"] = pairs
    return out, codepoints


def article_agreement(
    article: Mapping,
    *,
    threshold: float = 0.5,
    overlap: str = "longer",
    check_worthiness_levels: Sequence = CHECK_WORTHINESS_LEVELS,
) -> dict:
    """Agreement on one article.

    ``article`` is a mapping with ``"annotations"`` (annotator id → that
    annotator's claims, anything ``as_annotation`` reads; an empty list for
    an annotator who marked nothing), ``"length"`` (the text's length in code
    points) or ``"text"``, and optionally ``"id"``.

    Returns ``{"id", "length", "annotators", "exact", "overlap",
    "codepoint_alpha", "claimant", "check_worthiness", "pairs"}``: the
    article's figures over all its annotators (code-point α with all of
    them; span F1 and claim fields pooled over the pairs) and, in
    ``"pairs"``, one entry per pair of annotators (sorted ids, the first one
    the reference for precision and recall) with its own figures, its
    overlap ``"matches"`` as ``[i, j, ratio]`` (indices into the two
    annotators' lists as given) and its ``"unmatched_a"`` and
    ``"unmatched_b"`` indices: what the two disagreed on."""
    if overlap not in OVERLAP_MEASURES:
        raise ValueError(f"overlap must be one of {OVERLAP_MEASURES}, not {overlap!r}.")
    return _article(article, _threshold_fraction(threshold), overlap, check_worthiness_levels, True, None)[0]


def project_agreement(
    articles: Iterable[Mapping],
    *,
    threshold: float = 0.5,
    overlap: str = "longer",
    check_worthiness_levels: Sequence = CHECK_WORTHINESS_LEVELS,
    per_article: bool = False,
    article_details: bool = False,
) -> dict:
    """Agreement over a project (or any set of articles: filter by period
    before calling). ``articles`` is an iterable of the mappings that
    ``article_agreement`` takes, read once (a streaming query is fine).
    Articles with fewer than two annotators are counted and skipped.

    Returns ``{"articles", "articles_skipped", "annotators", "exact",
    "overlap", "codepoint_alpha", "claimant", "check_worthiness", "pairs"}``
    (plus ``"per_article"``, a list of ``article_agreement``-like dicts, when
    ``per_article``; their ``"pairs"`` only with ``article_details``). Span F1
    and claim-level figures pool every pair of annotators of every article;
    code-point α is α over the code points of all compared articles
    concatenated. ``"pairs"`` has one entry per pair of annotators who
    shared at least one article, over the articles they shared."""
    if overlap not in OVERLAP_MEASURES:
        raise ValueError(f"overlap must be one of {OVERLAP_MEASURES}, not {overlap!r}.")
    threshold_f = _threshold_fraction(threshold)
    by_pair: dict[tuple, _PairTotals] = {}

    def sink(x, y, totals):
        pair = by_pair.get((x, y))
        if pair is None:
            pair = by_pair[(x, y)] = _PairTotals()
        pair.update(totals)

    pooled = _PairTotals()
    codepoints = _BinaryAlpha()
    annotators: set = set()
    compared = skipped = 0
    rows = []
    for article in articles:
        if len(article["annotations"]) < 2:
            skipped += 1
            continue
        result, article_codepoints = _article(
            article, threshold_f, overlap, check_worthiness_levels, per_article and article_details, sink
        )
        compared += 1
        annotators.update(result["annotators"])
        codepoints.o01 += article_codepoints.o01
        codepoints.n1 += article_codepoints.n1
        codepoints.n += article_codepoints.n
        if per_article:
            rows.append(result)
    for totals in by_pair.values():
        pooled.update(totals)
    summary = pooled.result(check_worthiness_levels, pair=False)
    del summary["articles"]
    summary["codepoint_alpha"] = codepoints.alpha()
    out = {
        "articles": compared,
        "articles_skipped": skipped,
        "annotators": _sorted_ids(annotators),
        **summary,
        "pairs": [
            {"annotators": [x, y], **by_pair[(x, y)].result(check_worthiness_levels, pair=True)}
            for x, y in _sorted_pairs(by_pair, annotators)
        ],
    }
    if per_article:
        out["per_article"] = rows
    return out


# --------------------------------------------------------------------------
# Verdicts


def verdict_agreement(
    ratings: Mapping[Hashable, Mapping[Hashable, Any]] | Iterable[tuple[Hashable, Hashable, Any]], *, levels: Sequence
) -> dict:
    """Agreement of reviewers rating the same claims on a rating scale.

    ``ratings``: claim id → {reviewer id → rating (``None`` for none)}, or
    ``(claim id, reviewer id, rating)`` triples (a ``values_list``, say; a
    reviewer's later rating of the same claim replaces the earlier one);
    ``levels``: the scale's ratings in order (lowest to highest, or however
    the project orders it). Claims with fewer than two ratings are not
    pairable.

    Returns ``{"items", "reviewers", "ordinal_alpha", "nominal_alpha",
    "pairs"}``; each pair of reviewers who rated the same items has
    ``{"reviewers", "items", "agreement", "kappa", "kappa_linear",
    "kappa_quadratic", "ordinal_alpha"}`` over those items."""
    if not isinstance(ratings, Mapping):
        nested: dict = {}
        for item, reviewer, rating in ratings:
            nested.setdefault(item, {})[reviewer] = rating
        ratings = nested
    order = list(levels)
    index = {v: k for k, v in enumerate(order)}
    reviewers: set = set()
    rows = []
    by_pair: dict[tuple, PairedValues] = {}
    for by_reviewer in ratings.values():
        given = {r: v for r, v in by_reviewer.items() if not _is_missing(v)}
        for v in given.values():
            if v not in index:
                raise ValueError(f"Rating {v!r} is not among the levels.")
        if len(given) < 2:
            continue
        reviewers.update(given)
        row = [0] * len(order)
        for v in given.values():
            row[index[v]] += 1
        rows.append(row)
        for x, y in itertools.combinations(_sorted_ids(given), 2):
            by_pair.setdefault((x, y), PairedValues()).add(given[x], given[y])
    counts = np.array(rows, dtype=float).reshape(len(rows), len(order))
    o = coincidence_matrix(counts)
    pairs = []
    for x, y in _sorted_pairs(by_pair, reviewers):
        values = by_pair[(x, y)]
        pairs.append(
            {
                "reviewers": [x, y],
                "items": values.units,
                "agreement": values.agreement(),
                "kappa": values.kappa(None, levels=order),
                "kappa_linear": values.kappa("linear", levels=order),
                "kappa_quadratic": values.kappa("quadratic", levels=order),
                "ordinal_alpha": values.alpha("ordinal", levels=order),
            }
        )
    return {
        "items": len(rows),
        "reviewers": _sorted_ids(reviewers),
        "ordinal_alpha": alpha_from_coincidences(o, order, "ordinal"),
        "nominal_alpha": alpha_from_coincidences(o, order, "nominal"),
        "pairs": pairs,
    }
