"""Span matching between two annotators: exact and overlap, one to one."""

import itertools
import random
from types import SimpleNamespace

import numpy as np
import pytest

from annotations.agreement import (
    Annotation,
    as_annotation,
    match_spans,
    overlap_ratio,
    span_scores,
    union_spans,
)


def test_identical_spans_agree_perfectly():
    spans = [(0, 10), (20, 35), (40, 41)]
    for mode in ("exact", "overlap"):
        scores = span_scores(spans, list(reversed(spans)), mode=mode)
        assert scores == {"matched": 3, "spans_a": 3, "spans_b": 3, "precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_overlapping_but_not_identical_spans_match_by_overlap_only():
    a, b = [(10, 50)], [(10, 55)]
    assert span_scores(a, b, mode="exact")["f1"] == 0.0
    assert span_scores(a, b, mode="overlap")["f1"] == 1.0
    assert match_spans(a, b) == [(0, 0, 40 / 45)]


@pytest.mark.parametrize(
    ("a", "b", "longer", "jaccard"),
    [
        ((0, 10), (5, 15), 0.5, 5 / 15),  # half of each: the boundary
        ((0, 10), (6, 16), 0.4, 4 / 16),
        ((0, 10), (0, 5), 0.5, 0.5),  # half of the longer one, inside it
        ((0, 10), (2, 6), 0.4, 0.4),
        ((0, 10), (10, 20), 0.0, 0.0),  # half-open: touching is not overlapping
        ((3, 9), (3, 9), 1.0, 1.0),
    ],
)
def test_overlap_ratio(a, b, longer, jaccard):
    assert overlap_ratio(a, b) == pytest.approx(longer)
    assert overlap_ratio(b, a) == pytest.approx(longer)
    assert overlap_ratio(a, b, "jaccard") == pytest.approx(jaccard)


def test_threshold_is_inclusive_and_the_measure_selectable():
    assert match_spans([(0, 10)], [(5, 15)]) == [(0, 0, 0.5)]
    assert match_spans([(0, 10)], [(6, 16)]) == []
    assert match_spans([(0, 10)], [(5, 15)], overlap="jaccard") == []
    assert match_spans([(0, 10)], [(5, 15)], overlap="jaccard", threshold=0.3) == [(0, 0, 5 / 15)]
    assert match_spans([(0, 10)], [(2, 6)]) == []  # a short span inside a long one
    with pytest.raises(ValueError):
        match_spans([(0, 10)], [(5, 15)], threshold=0)
    with pytest.raises(ValueError):
        match_spans([(0, 10)], [(5, 15)], mode="fuzzy")
    with pytest.raises(ValueError):
        overlap_ratio((0, 1), (0, 1), "dice")


def test_precision_and_recall_take_the_first_annotator_as_reference():
    a = [(0, 10), (20, 30), (40, 50)]
    b = [(0, 10), (60, 70)]
    scores = span_scores(a, b, mode="exact")
    assert scores["matched"] == 1
    assert scores["precision"] == 1 / 2
    assert scores["recall"] == 1 / 3
    assert scores["f1"] == pytest.approx(2 * 1 / 5)


def test_no_spans_on_either_side_has_no_f1():
    assert span_scores([], [], mode="exact") == {
        "matched": 0,
        "spans_a": 0,
        "spans_b": 0,
        "precision": None,
        "recall": None,
        "f1": None,
    }
    assert span_scores([(0, 3)], [])["f1"] == 0.0


def test_matching_is_one_to_one():
    # The same span marked twice by one annotator matches the other's only once.
    assert match_spans([(0, 10), (0, 10)], [(0, 10)], mode="exact") == [(0, 0, 1.0)]
    assert len(match_spans([(0, 10), (0, 10)], [(0, 10)])) == 1
    # Two halves of a sentence: each is half of the whole, only one matches it.
    assert len(match_spans([(0, 10)], [(0, 5), (5, 10)])) == 1


def test_exact_match_wins_over_a_partial_one():
    assert match_spans([(0, 10)], [(0, 12), (0, 10)]) == [(0, 1, 1.0)]


def test_most_matches_win_where_a_greedy_choice_would_lose_one():
    # Greedy by ratio would pair a[0]-b[0] (0.8) and leave a[1] unmatched.
    a = [(0, 10), (0, 6)]
    b = [(0, 8), (5, 10)]
    assert overlap_ratio(a[0], b[0]) == 0.8
    assert match_spans(a, b) == [(0, 1, 0.5), (1, 0, 0.75)]


def test_most_matches_win_over_a_larger_total_ratio():
    # At a threshold of 0.3 two weak matches (0.3 each) beat one exact match.
    a = [(0, 10), (0, 3)]
    b = [(0, 10), (7, 10)]
    assert match_spans(a, b, threshold=0.3) == [(0, 1, 0.3), (1, 0, 0.3)]
    assert match_spans(a, b) == [(0, 0, 1.0)]


def brute_force(a, b, threshold=0.5):
    """The best one-to-one matching by enumeration: most matches, then the
    largest total ratio."""
    edges = [(i, j, overlap_ratio(a[i], b[j])) for i in range(len(a)) for j in range(len(b))]
    edges = [e for e in edges if e[2] >= threshold]
    best = (0, 0.0)
    for k in range(min(len(a), len(b)), 0, -1):
        for subset in itertools.combinations(edges, k):
            if len({i for i, _, _ in subset}) == k and len({j for _, j, _ in subset}) == k:
                best = max(best, (k, sum(r for _, _, r in subset)))
        if best[0]:
            break
    return best


def test_overlap_matching_is_optimal_on_random_crowded_spans():
    rng = random.Random(17)
    for _ in range(400):

        def spans():
            out = []
            for _ in range(rng.randint(0, 5)):
                start = rng.randint(0, 30)
                out.append((start, start + rng.randint(1, 15)))
            return out

        a, b = spans(), spans()
        threshold = rng.choice([0.5, 0.5, 0.3, 0.2])
        matches = match_spans(a, b, threshold=threshold)
        assert len({i for i, _, _ in matches}) == len({j for _, j, _ in matches}) == len(matches)
        assert all(overlap_ratio(a[i], b[j]) >= threshold and r == overlap_ratio(a[i], b[j]) for i, j, r in matches)
        count, total = brute_force(a, b, threshold)
        assert len(matches) == count
        assert sum(r for _, _, r in matches) == pytest.approx(total)
        # Swapping the annotators finds as many matches.
        assert len(match_spans(b, a, threshold=threshold)) == count


def test_offsets_are_code_points_with_emoji_and_combining_marks():
    # "é" decomposed: e + U+0301 (two code points); the flag: two regional indicators.
    text = "Presiden berkata: “🇮🇩 Cafe\u0301 itu tutup” kemarin, kata 👍🏽 dia."
    assert "\u0301" in text and len("🇮🇩") == 2
    quote = "🇮🇩 Cafe\u0301"
    start = text.index(quote)
    a = (start, start + len(quote))  # 8 code points
    b = (start, start + len("🇮🇩 Cafe"))  # 7: stops before the combining mark
    assert text[a[0] : a[1]] == quote
    assert a[1] - a[0] == 8 and b[1] - b[0] == 7
    # In code points the ratio is 7/8; in UTF-16 units it would be 9/10, in UTF-8 bytes 13/15.
    assert overlap_ratio(a, b) == 7 / 8
    assert span_scores([a], [b], mode="exact")["matched"] == 0
    assert span_scores([a], [b], mode="overlap")["matched"] == 1
    # Half a flag (one regional indicator) against the whole quote does not match.
    half_flag = (start, start + 1)
    assert match_spans([a], [half_flag]) == []
    thumbs = text.index("👍🏽")
    assert text[thumbs : thumbs + 2] == "👍🏽"  # emoji + skin tone: two code points


def test_claims_are_read_from_tuples_mappings_and_objects():
    expected = Annotation(3, 9, "Jokowi", 4)
    assert as_annotation((3, 9, "Jokowi", 4)) == expected
    assert as_annotation([3, 9, "Jokowi", 4]) == expected
    assert as_annotation({"start": 3, "end": 9, "claimant": "Jokowi", "check_worthiness": 4}) == expected
    assert as_annotation(SimpleNamespace(start=3, end=9, claimant="Jokowi", check_worthiness=4)) == expected
    assert as_annotation((3, 9)) == Annotation(3, 9, None, None)
    numpy_offsets = as_annotation((np.int64(3), np.int32(9)))
    assert numpy_offsets == (3, 9, None, None) and type(numpy_offsets.start) is int
    for bad in [(5, 5), (6, 5), (-1, 3), (0.0, 3), (True, 3), ("1", 3)]:
        with pytest.raises(ValueError):
            as_annotation(bad)
    with pytest.raises(ValueError):
        as_annotation((0, 11), length=10)
    assert as_annotation((0, 10), length=10).end == 10


def test_union_joins_overlapping_and_adjacent_spans():
    assert union_spans([(5, 8), (0, 3), (2, 4), (8, 10), (12, 13)]) == [(0, 4), (5, 10), (12, 13)]
    assert union_spans([]) == []
