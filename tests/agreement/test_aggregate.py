"""Agreement per article, per pair of annotators and for a project, and
for verdicts: plain dicts from plain data."""

import json
import math
import random
from pathlib import Path
from types import SimpleNamespace

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotations.agreement import (
    PairedValues,
    article_agreement,
    codepoint_alpha,
    krippendorff_alpha,
    normalise_claimant,
    project_agreement,
    verdict_agreement,
)

from .test_alpha import dense_codepoints, random_documents

SEED_TEXT = (Path(__file__).resolve().parent.parent.parent / "demo" / "seed-article-id.txt").read_text(encoding="utf-8")
US_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


def floats_are_plain(value):
    if isinstance(value, dict):
        return all(floats_are_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(floats_are_plain(v) for v in value)
    return not isinstance(value, np.generic)


def test_the_seed_article_marked_exactly_and_a_few_characters_longer():
    start = SEED_TEXT.index(US_CLAIM)
    end = start + len(US_CLAIM)
    article = {
        "id": "seed",
        "text": SEED_TEXT,
        "annotations": {
            "annotator-1": [{"start": start, "end": end, "claimant": "AS", "check_worthiness": 5}],
            "annotator-2": [{"start": start, "end": end + 4, "claimant": "as", "check_worthiness": 5}],
        },
    }
    result = article_agreement(article)
    assert result["length"] == len(SEED_TEXT)
    (pair,) = result["pairs"]
    assert pair["annotators"] == ["annotator-1", "annotator-2"]
    assert pair["exact"]["matched"] == 0 and pair["exact"]["f1"] == 0.0
    assert pair["overlap"]["matched"] == 1 and pair["overlap"]["f1"] == 1.0
    assert pair["matches"] == [[0, 0, len(US_CLAIM) / (len(US_CLAIM) + 4)]]
    assert pair["unmatched_a"] == pair["unmatched_b"] == []
    assert pair["claimant"] == {"units": 1, "agreement": 1.0, "alpha": None}  # one value only: no variation
    # 4 code points of disagreement out of the whole text.
    covered = len(US_CLAIM) * 2 + 4
    n = 2 * len(SEED_TEXT)
    assert pair["codepoint_alpha"] == pytest.approx(1 - (n - 1) * 4 / ((n - covered) * covered))
    assert result["codepoint_alpha"] == pair["codepoint_alpha"]
    json.dumps(result)


def test_perfect_agreement_of_three_annotators():
    claims = [(10, 50, "Joko Widodo", 4), (60, 90, "NATO", 2), (120, 200, "Gedung Putih", 5), (210, 220, "NATO", 1)]
    article = {
        "id": 7,
        "length": 300,
        "annotations": {"c": claims[::-1], "a": claims, "b": [claims[2], claims[0], claims[3], claims[1]]},
    }
    result = article_agreement(article)
    assert result["annotators"] == ["a", "b", "c"]
    assert result["exact"] == {"matched": 12, "spans": 24, "f1": 1.0}
    assert result["overlap"]["f1"] == 1.0
    assert result["codepoint_alpha"] == 1.0
    assert result["claimant"] == {"units": 12, "agreement": 1.0, "alpha": 1.0}
    assert result["check_worthiness"] == {"units": 12, "agreement": 1.0, "alpha": 1.0}
    assert [p["annotators"] for p in result["pairs"]] == [["a", "b"], ["a", "c"], ["b", "c"]]
    for pair in result["pairs"]:
        assert pair["exact"]["precision"] == pair["exact"]["recall"] == pair["exact"]["f1"] == 1.0
        assert pair["codepoint_alpha"] == 1.0
        assert pair["check_worthiness"]["kappa_linear"] == pair["check_worthiness"]["kappa_quadratic"] == 1.0
        assert pair["unmatched_a"] == pair["unmatched_b"] == []
        assert len(pair["matches"]) == 4
    # Indices refer to each annotator's list as given: b's first claim is a's third.
    ab = result["pairs"][0]
    assert [0, 1, 1.0] in ab["matches"] and [2, 0, 1.0] in ab["matches"]


def test_an_article_compared_by_hand():
    article = {
        "length": 100,
        "annotations": {
            "ana": [(0, 10, "Jokowi", 3), (20, 30, "NATO", 2), (70, 80, None, 1)],
            "budi": [(0, 12, " JOKOWI ", 4), (50, 60, "NATO", 2), (70, 80, "Istana", 1)],
        },
    }
    (pair,) = article_agreement(article)["pairs"]
    assert pair["exact"] == {"matched": 1, "spans_a": 3, "spans_b": 3, "precision": 1 / 3, "recall": 1 / 3, "f1": 1 / 3}
    assert pair["overlap"]["matched"] == 2 and pair["overlap"]["f1"] == pytest.approx(2 / 3)
    assert pair["matches"] == [[0, 0, 10 / 12], [2, 2, 1.0]]
    assert pair["unmatched_a"] == [1] and pair["unmatched_b"] == [1]
    # Claimants: "Jokowi" = " JOKOWI " after normalisation; ana's third has none (missing).
    assert pair["claimant"]["units"] == 1 and pair["claimant"]["agreement"] == 1.0
    # Check-worthiness on the two matches: (3, 4) and (1, 1).
    assert pair["check_worthiness"]["units"] == 2
    assert pair["check_worthiness"]["alpha"] == pytest.approx(krippendorff_alpha([[3, 1], [4, 1]], "ordinal"))
    # Code points: ana covers 30, budi 32, both 20, so 22 disagree.
    n, covered = 200, 62
    assert pair["codepoint_alpha"] == pytest.approx(1 - (n - 1) * 22 / ((n - covered) * covered))
    assert pair["codepoint_alpha"] == pytest.approx(
        codepoint_alpha(100, [[(0, 10), (20, 30), (70, 80)], [(0, 12), (50, 60), (70, 80)]])
    )


def test_claimant_normalisation():
    assert normalise_claimant("  Joko\u00a0 WIDODO ") == normalise_claimant("joko widodo") == "joko widodo"
    assert normalise_claimant("") is None and normalise_claimant("   ") is None and normalise_claimant(None) is None
    assert normalise_claimant("Jokowi") != normalise_claimant("Joko Widodo")


def test_annotators_may_be_ids_without_an_order():
    class User:
        def __init__(self, name):
            self.name = name

        def __str__(self):
            return self.name

    ana, budi = User("ana"), User("budi")
    articles = [{"length": 20, "annotations": {budi: [(0, 5)], ana: [(0, 5)]}}]
    result = project_agreement(articles)
    assert result["annotators"] == [ana, budi]
    assert result["pairs"][0]["annotators"] == [ana, budi] and result["pairs"][0]["exact"]["f1"] == 1.0


def test_claims_may_be_objects_with_claim_fields():
    claim = SimpleNamespace(start=5, end=15, claimant="NATO", check_worthiness=3, statement="ignored")
    article = {"length": 20, "annotations": {1: [claim], 2: [{"start": 5, "end": 15}]}}
    (pair,) = article_agreement(article)["pairs"]
    assert pair["annotators"] == [1, 2] and pair["exact"]["f1"] == 1.0
    with pytest.raises(ValueError):
        article_agreement({"length": 10, "annotations": {1: [(5, 15)], 2: []}})


def test_project_totals_are_micro_averages_over_pairs_and_articles():
    articles = [
        {"id": 1, "length": 100, "annotations": {"a": [(0, 10), (20, 30)], "b": [(0, 10)]}},
        {"id": 2, "length": 50, "annotations": {"a": [(0, 5)], "b": [(0, 6)], "c": [(0, 5), (30, 40)]}},
        {"id": 3, "length": 50, "annotations": {"a": [(0, 5)]}},  # one annotator: skipped
        {"id": 4, "length": 80, "annotations": {"b": [], "c": []}},  # both found nothing
    ]
    result = project_agreement(iter(articles), per_article=True)
    assert result["articles"] == 3 and result["articles_skipped"] == 1
    assert result["annotators"] == ["a", "b", "c"]
    # exact matches: a-b: 1 (art. 1) + 0 (art. 2); a-c: 1; b-c: 0. Spans in pairs: 3 + 2 + 3 + 3 + 0.
    assert result["exact"] == {"matched": 2, "spans": 11, "f1": 4 / 11}
    # overlap: art. 2's (0, 5)-(0, 6) match too (5/6).
    assert result["overlap"] == {"matched": 4, "spans": 11, "f1": 8 / 11}
    pairs = {tuple(p["annotators"]): p for p in result["pairs"]}
    assert set(pairs) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert pairs[("a", "b")]["articles"] == 2
    assert pairs[("a", "b")]["exact"] == {
        "matched": 1,
        "spans_a": 3,
        "spans_b": 2,
        "precision": 1 / 2,
        "recall": 1 / 3,
        "f1": 2 / 5,
    }
    assert pairs[("b", "c")]["articles"] == 2
    assert pairs[("b", "c")]["overlap"]["matched"] == 1
    assert [row["id"] for row in result["per_article"]] == [1, 2, 4]
    assert "pairs" not in result["per_article"][0]
    assert result["per_article"][2]["exact"]["f1"] is None  # nothing marked: no F1
    # Code-point α over the three compared articles concatenated, absent annotators missing.
    documents = [(a["length"], a["annotations"]) for a in articles]
    dense = dense_codepoints(documents)
    assert result["codepoint_alpha"] == pytest.approx(krippendorff.alpha(dense, level_of_measurement="nominal"))
    assert floats_are_plain(result)
    json.dumps(result)


def test_project_with_details_per_article():
    articles = [{"id": 1, "length": 30, "annotations": {"a": [(0, 10)], "b": [(0, 9)]}}]
    result = project_agreement(articles, per_article=True, article_details=True)
    assert result["per_article"][0]["pairs"][0]["matches"] == [[0, 0, 0.9]]
    assert "per_article" not in project_agreement(articles)
    empty = project_agreement([])
    assert empty["articles"] == 0 and empty["codepoint_alpha"] is None and empty["exact"]["f1"] is None


def test_project_second_opinion_on_random_annotations():
    rng = random.Random(1846)
    for _ in range(20):
        documents = random_documents(rng, rng.randint(2, 10))
        articles = [{"id": k, "length": length, "annotations": by} for k, (length, by) in enumerate(documents)]
        result = project_agreement(articles)
        compared = [(length, by) for length, by in documents if len(by) >= 2]
        assert result["articles"] == len(compared)
        if not compared:
            continue
        dense = dense_codepoints(compared)
        values = dense[~np.isnan(dense)]
        if len(set(values.tolist())) < 2:
            assert result["codepoint_alpha"] is None
        else:
            expected = krippendorff.alpha(dense, level_of_measurement="nominal")
            assert result["codepoint_alpha"] == pytest.approx(expected, abs=1e-9)
        for pair in result["pairs"]:
            x, y = pair["annotators"]
            shared = [(length, {x: by[x], y: by[y]}) for length, by in compared if x in by and y in by]
            assert pair["articles"] == len(shared)
            dense = dense_codepoints(shared)
            if len(set(dense.ravel().tolist())) < 2:
                assert pair["codepoint_alpha"] is None
            else:
                expected = krippendorff.alpha(dense, level_of_measurement="nominal")
                assert pair["codepoint_alpha"] == pytest.approx(expected, abs=1e-9)


def test_claim_fields_pool_the_matches_of_every_pair():
    rng = random.Random(114)
    articles, expected_claimant, expected_worthiness = [], PairedValues(), PairedValues()
    for k in range(40):
        truth = [(s, s + 20) for s in range(0, 200, 40)]
        annotations = {}
        for name in ("a", "b", "c"):
            annotations[name] = [
                (s, e + rng.randint(0, 3), rng.choice(["NATO", "Istana", ""]), rng.choice([None, 1, 2, 3, 4, 5]))
                for s, e in truth
            ]
        articles.append({"id": k, "length": 250, "annotations": annotations})
        for x, y in (("a", "b"), ("a", "c"), ("b", "c")):
            for cx, cy in zip(annotations[x], annotations[y], strict=True):
                expected_claimant.add(normalise_claimant(cx[2]), normalise_claimant(cy[2]))
                expected_worthiness.add(cx[3], cy[3])
    result = project_agreement(articles)
    assert result["overlap"]["f1"] == 1.0
    assert result["claimant"]["units"] == expected_claimant.units
    assert result["claimant"]["alpha"] == pytest.approx(expected_claimant.alpha("nominal"))
    assert result["check_worthiness"]["alpha"] == pytest.approx(expected_worthiness.alpha("ordinal"))
    # Pooled two-value units are a reliability matrix of two rows with one column per matched pair.
    rows = [[a for (a, b), c in expected_worthiness.counts.items() for _ in range(c)]]
    rows.append([b for (a, b), c in expected_worthiness.counts.items() for _ in range(c)])
    package = krippendorff.alpha(np.array(rows, dtype=float), level_of_measurement="ordinal")
    assert result["check_worthiness"]["alpha"] == pytest.approx(package, abs=1e-9)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_paired_values_second_opinion(level):
    rng = random.Random(6668)
    for _ in range(100):
        pairs = [
            (rng.randint(1, 5), rng.randint(1, 5) if rng.random() < 0.5 else None) for _ in range(rng.randint(1, 30))
        ]
        pairs = [(a, b if b is not None else a if rng.random() < 0.6 else None) for a, b in pairs]
        paired = PairedValues(pairs)
        complete = [(a, b) for a, b in pairs if b is not None]
        values = {v for p in complete for v in p}
        ours = paired.alpha(level)
        if len(values) < 2:
            assert ours is None
            continue
        data = np.array([[a for a, _ in complete], [b for _, b in complete]], dtype=float)
        assert ours == pytest.approx(krippendorff.alpha(data, level_of_measurement=level), abs=1e-9)


SCALE = ["pants on fire", "false", "mostly false", "half true", "mostly true", "true"]


def test_verdict_agreement_on_a_rating_scale():
    rng = random.Random(42)
    ratings = {}
    for claim in range(60):
        truth = rng.randrange(len(SCALE))
        by_reviewer = {}
        for reviewer in rng.sample(["rina", "sari", "tono", "umar"], rng.randint(1, 3)):
            shift = rng.choice([0, 0, 0, -1, 1])
            by_reviewer[reviewer] = SCALE[min(len(SCALE) - 1, max(0, truth + shift))]
        if rng.random() < 0.1:
            by_reviewer["wati"] = None  # not rated yet
        ratings[claim] = by_reviewer
    result = verdict_agreement(ratings, levels=SCALE)
    assert result["items"] == sum(1 for r in ratings.values() if sum(v is not None for v in r.values()) >= 2)
    assert "wati" not in result["reviewers"]
    reviewers = ["rina", "sari", "tono", "umar"]
    matrix = np.array(
        [[SCALE.index(ratings[c][r]) if ratings[c].get(r) else math.nan for c in ratings] for r in reviewers]
    )
    assert result["ordinal_alpha"] == pytest.approx(krippendorff.alpha(matrix, level_of_measurement="ordinal"))
    assert result["nominal_alpha"] == pytest.approx(krippendorff.alpha(matrix, level_of_measurement="nominal"))
    assert 0.5 < result["ordinal_alpha"] < 1 and result["nominal_alpha"] < result["ordinal_alpha"]
    assert type(result["ordinal_alpha"]) is float
    for pair in result["pairs"]:
        x, y = pair["reviewers"]
        both = [c for c in ratings if ratings[c].get(x) and ratings[c].get(y)]
        assert pair["items"] == len(both)
        a = [SCALE.index(ratings[c][x]) for c in both]
        b = [SCALE.index(ratings[c][y]) for c in both]
        labels = list(range(len(SCALE)))
        if len(set(a) | set(b)) > 1:
            assert pair["kappa"] == pytest.approx(cohen_kappa_score(a, b, labels=labels))
            assert pair["kappa_linear"] == pytest.approx(cohen_kappa_score(a, b, weights="linear", labels=labels))
            assert pair["kappa_quadratic"] == pytest.approx(cohen_kappa_score(a, b, weights="quadratic", labels=labels))
    triples = [(claim, reviewer, rating) for claim, by in ratings.items() for reviewer, rating in by.items()]
    assert verdict_agreement(iter(triples), levels=SCALE) == result
    with pytest.raises(ValueError):
        verdict_agreement({1: {"rina": "satire", "sari": "true"}}, levels=SCALE)
    assert verdict_agreement({}, levels=SCALE)["ordinal_alpha"] is None
