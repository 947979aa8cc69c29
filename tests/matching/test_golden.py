"""The shipped model on the Indonesian golden file: ID -> EN and ID -> ID matching through the Matcher."""

import csv
from pathlib import Path

import pytest

from annotations.matching import FactCheck, Matcher, auto_link

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "matching-id.tsv"


def rows():
    with open(GOLDEN, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def average_precision_at_5(ranked, gold):
    return next((1.0 / rank for rank, item in enumerate(ranked[:5], 1) if item == gold), 0.0)


@pytest.fixture(scope="module")
def golden():
    data = rows()
    matcher = Matcher()
    matcher.add(FactCheck(f"en-{r['id']}", r["factcheck_en"], "en") for r in data)
    matcher.add(FactCheck(f"id-{r['id']}", r["factcheck_id"], "id") for r in data)
    return data, matcher


def test_the_golden_file_is_well_formed():
    data = rows()
    assert len(data) >= 40
    assert len({r["id"] for r in data}) == len(data)
    assert all(r["claim_id"] and r["factcheck_en"] and r["factcheck_id"] for r in data)
    assert len({r["claim_id"] for r in data}) == len(data)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_indonesian_claims_find_their_fact_check(golden, lang):
    data, matcher = golden
    aps, suggested = [], 0
    for r in data:
        found = matcher.match(r["claim_id"], k=5, languages=[lang])
        aps.append(average_precision_at_5([m.id for m in found], f"{lang}-{r['id']}"))
        suggested += found[0].id == f"{lang}-{r['id']}" and found[0].decision is not None
    assert sum(aps) / len(aps) >= 0.9
    assert suggested / len(data) >= 0.8  # the right fact-check is first and shown to a person


def test_cross_lingual_pairs_score_like_same_language_ones(golden):
    data, matcher = golden
    en = [matcher.match(r["claim_id"], k=1, languages=["en"])[0].semantic for r in data]
    same = [matcher.match(r["claim_id"], k=1, languages=["id"])[0].semantic for r in data]
    assert sum(en) / len(en) > sum(same) / len(same) - 0.07


def test_an_unrelated_claim_is_not_auto_linked(golden):
    _, matcher = golden
    text = "Harga cabai rawit di Pasar Induk Kramat Jati naik dua kali lipat menjelang hari raya tahun ini."
    matches = matcher.match(text, k=5)
    assert all(m.decision != "confirm" for m in matches)
    assert auto_link(text, matches, enabled=True) is None
