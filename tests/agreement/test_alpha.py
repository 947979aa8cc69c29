"""Krippendorff's α and Cohen's κ against published worked examples, and the
``krippendorff`` package (GPL-3.0, a test-only dependency) and scikit-learn
as second opinions."""

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotations.agreement import (
    PairedValues,
    codepoint_alpha,
    codepoint_alpha_many,
    cohen_kappa,
    coincidence_matrix,
    coverage_histogram,
    krippendorff_alpha,
)

nan = math.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# four observers, twelve units, missing values (the 12th unit has one value only).
K2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]

# Hayes & Krippendorff (2007), "Answering the call for a standard reliability
# measure for coding data", Table 1: 40 newspaper articles, 5 observers, the
# tone towards the challenger on an ordinal scale 0-3, "." for missing.
HAYES2007 = """
1 1 2 . 2 | 1 1 0 1 . | 2 3 3 3 . | . 0 0 . 0 | 0 0 0 . 0 | 0 0 0 . 0 | 1 0 2 . 1 | 1 . 2 0 . | 2 2 2 . 2 | 2 1 1 1 .
. 1 0 0 . | 0 0 0 0 . | 1 2 2 2 . | 3 3 2 2 3 | 1 1 1 . 1 | 1 1 1 . 1 | 2 1 2 . 2 | 1 2 3 3 . | 1 1 0 1 . | 0 0 0 . 0
0 0 1 1 . | 0 0 . 0 0 | 2 3 3 3 . | 0 0 0 0 . | 1 2 . 2 2 | 0 1 1 1 . | 0 0 0 1 0 | 1 2 1 2 . | 1 1 2 2 . | 1 1 2 . 2
1 1 0 . 0 | 2 1 2 1 . | 2 2 . 2 2 | 3 2 2 2 . | 2 2 2 . 2 | 2 2 3 . 2 | 2 2 2 . 2 | 2 2 . 1 2 | 2 2 2 2 . | 1 1 1 . 1
"""


def hayes2007():
    units = [unit.split() for unit in HAYES2007.replace("\n", "|").split("|") if unit.strip()]
    assert len(units) == 40
    return [[None if u[k] == "." else int(u[k]) for u in units] for k in range(5)]  # observers × units


def test_krippendorff_2011_nominal_ordinal_interval_ratio():
    assert krippendorff_alpha(K2011, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(K2011, "ordinal") == pytest.approx(0.815, abs=5e-4)
    assert krippendorff_alpha(K2011, "interval") == pytest.approx(0.849, abs=5e-4)
    assert krippendorff_alpha(K2011, "ratio") == pytest.approx(0.797, abs=5e-4)
    # The exact value of the nominal example: 1 - 39 * 10/3 / 506 = 0.7434...
    assert krippendorff_alpha(K2011, "nominal") == pytest.approx(0.743421052631579, abs=1e-12)


def test_krippendorff_2011_pairable_values_and_missing_as_nan():
    counts = np.zeros((12, 5))
    for row in K2011:
        for unit, value in enumerate(row):
            if value is not None:
                counts[unit, value - 1] += 1
    o = coincidence_matrix(counts)
    assert o.sum() == pytest.approx(40)  # the 12th unit, with one value, is not pairable
    assert np.allclose(o, o.T)
    as_nan = [[nan if v is None else float(v) for v in row] for row in K2011]
    assert krippendorff_alpha(as_nan, "ordinal") == pytest.approx(krippendorff_alpha(K2011, "ordinal"))


def test_krippendorff_2011_two_observers():
    # Section A: binary data, two observers, no missing data: α = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([a, b]) == pytest.approx(0.095, abs=5e-4)
    # Section B: nominal data, two observers: α = 0.692.
    a = "a a b b d c c c e d d a".split()
    b = "b a b b b c c c e d d d".split()
    assert krippendorff_alpha([a, b], "nominal") == pytest.approx(0.692, abs=5e-4)


def test_hayes_krippendorff_2007_ordinal():
    data = hayes2007()
    assert sum(v is not None for row in data for v in row) == 159
    assert krippendorff_alpha(data, "ordinal") == pytest.approx(0.7598, abs=5e-5)


def test_ordinal_levels_give_the_order_of_labels():
    scale = ["pants on fire", "false", "half true", "mostly true", "true"]
    labelled = [[None if v is None else scale[v - 1] for v in row] for row in K2011]
    assert krippendorff_alpha(labelled, "ordinal", levels=scale) == pytest.approx(0.815, abs=5e-4)
    # Sorted alphabetically instead the order is wrong, and so is α.
    assert krippendorff_alpha(labelled, "ordinal") != pytest.approx(0.815, abs=5e-4)
    with pytest.raises(ValueError):
        krippendorff_alpha(labelled, "ordinal", levels=scale[:3])
    with pytest.raises(ValueError):
        krippendorff_alpha(K2011, "cardinal")


def test_perfect_agreement_is_one_and_no_variation_is_undefined():
    assert krippendorff_alpha([[1, 2, 3, None], [1, 2, 3, 3], [None, 2, 3, 3]], "ordinal") == 1.0
    assert krippendorff_alpha([["x", "y"], ["x", "y"]]) == 1.0
    assert krippendorff_alpha([[1, 1, 1], [1, 1, 1]]) is None
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # nothing pairable
    assert krippendorff_alpha([]) is None


def random_matrix(rng, coders, units, values, missing):
    return [[None if rng.random() < missing else rng.randint(1, values) for _ in range(units)] for _ in range(coders)]


def package_alpha(data, level):
    array = np.array([[nan if v is None else v for v in row] for row in data], dtype=float)
    return krippendorff.alpha(reliability_data=array, level_of_measurement=level)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_second_opinion_on_random_matrices(level):
    rng = random.Random(2011)
    compared = 0
    for _ in range(150):
        data = random_matrix(rng, rng.randint(2, 6), rng.randint(2, 40), rng.randint(2, 7), rng.random() * 0.5)
        values = {v for row in data for v in row if v is not None}
        ours = krippendorff_alpha(data, level)
        if len(values) < 2:
            assert ours is None
            continue
        if ours is None:  # nothing pairable
            continue
        assert ours == pytest.approx(package_alpha(data, level), abs=1e-9)
        compared += 1
    assert compared > 100


def test_second_opinion_on_partly_agreeing_coders():
    # Coders who mostly agree, so α is well above 0, with a few values missing.
    rng = random.Random(7)
    truth = [rng.randint(1, 5) for _ in range(300)]
    data = [
        [None if rng.random() < 0.1 else (t if rng.random() < 0.8 else rng.randint(1, 5)) for t in truth]
        for _ in range(3)
    ]
    for level in ("nominal", "ordinal"):
        ours = krippendorff_alpha(data, level)
        assert 0.5 < ours < 1
        assert ours == pytest.approx(package_alpha(data, level), abs=1e-9)


# --------------------------------------------------------------------------
# α over code points


def dense_codepoints(documents):
    """The reliability matrix, one column per code point of the texts
    concatenated: 1 claim, 0 not claim, NaN where the annotator is absent."""
    annotators = sorted({name for _, by_annotator in documents for name in by_annotator})
    columns = []
    for length, by_annotator in documents:
        block = np.full((len(annotators), length), nan)
        for row, name in enumerate(annotators):
            if name in by_annotator:
                block[row] = 0
                for start, end in by_annotator[name]:
                    block[row, start:end] = 1
        columns.append(block)
    return np.concatenate(columns, axis=1)


def test_codepoint_alpha_of_the_binary_worked_example():
    # Section A of Krippendorff (2011) as spans over a text of ten code points.
    a = [(1, 2), (8, 9)]
    b = [(0, 3), (5, 6)]
    assert codepoint_alpha(10, [a, b]) == pytest.approx(0.095, abs=5e-4)
    assert codepoint_alpha(10, [a, b]) == pytest.approx(1 - 19 * 4 / (14 * 6))


def test_codepoint_alpha_perfect_and_undefined():
    spans = [(3, 40), (100, 180)]
    assert codepoint_alpha(200, [spans, list(spans), spans[::-1]]) == 1.0
    assert codepoint_alpha(200, [[], []]) is None  # nobody marked anything: no variation
    assert codepoint_alpha(200, [spans]) is None  # one annotator: nothing pairable
    # Overlapping spans of one annotator count each code point once.
    assert codepoint_alpha(200, [[(3, 40), (10, 20), (100, 180)], spans]) == 1.0


def test_coverage_histogram_counts_run_lengths():
    # 0-4: a only; 5 and 8: all three; 6, 7, 9: a and b; 10-14: b only; 15-19: nobody.
    assert coverage_histogram(20, [[(0, 10)], [(5, 15)], [(5, 6), (8, 9)]]) == [5, 10, 3, 2]
    with pytest.raises(ValueError):
        coverage_histogram(10, [[(5, 11)]])


def random_documents(rng, count, annotator_names="abcd"):
    documents = []
    for _ in range(count):
        length = rng.randint(1, 120)
        present = [n for n in annotator_names if rng.random() < 0.8]
        by_annotator = {}
        for name in present:
            spans = []
            for _ in range(rng.randint(0, 4)):
                start = rng.randrange(length)
                spans.append((start, rng.randint(start + 1, length)))
            by_annotator[name] = spans
        documents.append((length, by_annotator))
    return documents


def test_codepoint_alpha_second_opinion_on_random_texts():
    rng = random.Random(5190)
    compared = 0
    for _ in range(60):
        documents = random_documents(rng, rng.randint(1, 8))
        dense = dense_codepoints(documents)
        ours = codepoint_alpha_many((length, [by[name] for name in sorted(by)]) for length, by in documents)
        pairable = (~np.isnan(dense)).sum(axis=0) >= 2
        values = dense[:, pairable]
        if ours is None:
            assert len(set(values[~np.isnan(values)].tolist())) < 2
            continue
        assert ours == pytest.approx(krippendorff.alpha(dense, level_of_measurement="nominal"), abs=1e-9)
        compared += 1
    assert compared > 40
    # One text at a time, too.
    length, by = documents[-1]
    if len(by) >= 2:
        expected = codepoint_alpha_many([(length, list(by.values()))])
        assert codepoint_alpha(length, list(by.values())) == expected


def test_codepoint_alpha_counts_code_points_not_utf16_units():
    text = "🇮🇩 Presiden: “Cafe\u0301 itu tutup” 👍🏽 kata dia, dan itu benar."
    quote = "Cafe\u0301 itu tutup"
    s = text.index(quote)
    a = [(0, 2), (s, s + len(quote))]
    b = [(s, s + len(quote) - 3)]
    dense = dense_codepoints([(len(text), {"a": a, "b": b})])
    assert dense.shape[1] == len(text)  # one unit per code point
    expected = krippendorff.alpha(dense, level_of_measurement="nominal")
    assert codepoint_alpha(len(text), [a, b]) == pytest.approx(expected, abs=1e-12)
    utf16 = len(text.encode("utf-16-le")) // 2
    assert utf16 > len(text)
    assert codepoint_alpha(utf16, [a, b]) != pytest.approx(expected, abs=1e-6)


# --------------------------------------------------------------------------
# Cohen's κ


def test_cohen_kappa_published_example():
    # 50 grant proposals, two readers: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    # p_o = 0.7, p_e = 0.5, κ = 0.4 (the usual textbook example).
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_weighted_kappa_by_hand():
    # O (rows a, columns b): (1,1) (1,2) (2,3) (3,3); row sums 2 1 1, column sums 1 1 2, N = 4.
    # Linear: Σ w·O = 2, Σ w·E = 4 → 0.5. Quadratic: 2 / 6.5 → 9/13. Unweighted: 2 / 2.75 → 3/11.
    a, b = [1, 2, 3, 1], [1, 3, 3, 2]
    assert cohen_kappa(a, b, weights="linear") == pytest.approx(0.5)
    assert cohen_kappa(a, b, weights="quadratic") == pytest.approx(9 / 13)
    assert cohen_kappa(a, b) == pytest.approx(3 / 11)
    assert cohen_kappa([1, 2, 3], [1, 2, 3], weights="quadratic") == 1.0
    assert cohen_kappa([2, 2], [2, 2]) is None  # one category only: undefined
    with pytest.raises(ValueError):
        cohen_kappa([1, 2], [1])
    with pytest.raises(ValueError):
        cohen_kappa([1, 2], [1, 2], weights="cubic")


def test_cohen_kappa_levels_keep_the_distances_of_the_scale():
    a, b = [1, 5, 5, 1], [1, 5, 1, 5]
    # With the scale 1-5 the levels 1 and 5 are four steps apart, not one.
    scale = [1, 2, 3, 4, 5]
    for weights in ("linear", "quadratic"):
        ours = cohen_kappa(a, b, weights=weights, levels=scale)
        assert ours == pytest.approx(cohen_kappa_score(a, b, weights=weights, labels=scale))
    a, b = [1, 2, 5, 5], [1, 5, 5, 2]
    assert cohen_kappa(a, b, weights="linear") != pytest.approx(cohen_kappa(a, b, weights="linear", levels=scale))


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_second_opinion(weights):
    rng = random.Random(1968)
    for _ in range(100):
        n = rng.randint(2, 60)
        a = [rng.randint(1, 5) for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.randint(1, 5) for x in a]
        expected = cohen_kappa_score(a, b, weights=weights, labels=[1, 2, 3, 4, 5])
        ours = cohen_kappa(a, b, weights=weights, levels=[1, 2, 3, 4, 5])
        if math.isnan(expected):
            assert ours is None
        else:
            assert ours == pytest.approx(expected, abs=1e-9)


def test_missing_ratings_are_left_out_of_kappa_and_paired_alpha():
    a = [1, 2, None, 3, 2]
    b = [1, 3, 2, 3, None]
    assert cohen_kappa(a, b, weights="linear", levels=[1, 2, 3]) == cohen_kappa(
        [1, 2, 3], [1, 3, 3], weights="linear", levels=[1, 2, 3]
    )
    paired = PairedValues(zip(a, b, strict=True))
    assert paired.units == 3
    assert paired.agreement() == pytest.approx(2 / 3)
    assert paired.alpha("ordinal") == pytest.approx(krippendorff_alpha([a, b], "ordinal"))
