"""The matching core without a model: BM25, the dense index, merging, thresholds and auto-linking."""

import numpy as np
import pytest

from annotations.matching import (
    CONFIRM,
    SUGGEST,
    BM25Index,
    EmbeddingIndex,
    FactCheck,
    Matcher,
    Thresholds,
    auto_link,
    tokenize,
)

# A toy embedder: each concept is an axis; Indonesian and English words of one concept share it, so that the
# dense stage can find a translation that the lexical stage cannot.
CONCEPTS = {
    "vaccine": ["vaccine", "vaccines", "vaksin"],
    "microchip": ["microchip", "microchips", "chip"],
    "track": ["track", "tracking", "melacak"],
    "flood": ["flood", "flooding", "banjir"],
    "jakarta": ["jakarta"],
    "airport": ["airport", "bandara"],
    "garlic": ["garlic", "bawang"],
    "cure": ["cure", "cures", "menyembuhkan"],
    "cancer": ["cancer", "kanker"],
}
AXIS = {word: n for n, words in enumerate(CONCEPTS.values()) for word in words}
DIM = len(CONCEPTS) + 1


def toy_embed(texts):
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in tokenize(text):
            out[row, AXIS.get(word, DIM - 1)] += 1.0 if word in AXIS else 0.05
        out[row, DIM - 1] += 0.01
    return out / np.linalg.norm(out, axis=1, keepdims=True)


FACT_CHECKS = [
    FactCheck("fc-vaccine", "COVID-19 vaccines contain microchips to track people", "en"),
    FactCheck("fc-flood", "Photo shows Jakarta airport flooding", "en"),
    FactCheck("fc-garlic", "Garlic cures cancer", "en"),
    FactCheck("fc-garlic-id", "Bawang putih menyembuhkan kanker", "id"),
]


def toy_matcher(**kwargs):
    matcher = Matcher(embed=toy_embed, dim=DIM, model_key="toy", thresholds=Thresholds(0.8, 0.95), **kwargs)
    matcher.add(FACT_CHECKS)
    return matcher


# -- lexical stage ------------------------------------------------------------------------------------------


def test_tokenize_drops_urls_stopwords_and_accents():
    tokens = tokenize("The vaccine https://t.co/x is NOT safe, café yang @UNICEF")
    assert tokens == ["vaccine", "safe", "cafe", "unicef"]


def test_bm25_ranks_the_overlapping_text_first_with_bounded_scores():
    index = BM25Index()
    index.add([(1, "garlic cures cancer"), (2, "garlic bread recipe"), (3, "moon landing faked")])
    found = index.candidates("does garlic really cure cancer", 10)
    assert [i for i, _ in found] == [1, 2]
    assert all(0 < score <= 1 for _, score in found)
    assert found[0][1] > found[1][1]
    assert index.candidates("entirely unrelated words", 10) == []
    assert index.candidates("garlic", 0) == []


def test_bm25_idf_favours_rare_terms():
    index = BM25Index()
    index.add([(n, "election news today") for n in range(20)] + [("rare", "election fraud today")])
    assert index.candidates("fraud election", 1)[0][0] == "rare"


def test_bm25_remove_and_replace():
    index = BM25Index()
    index.add([(1, "garlic cures cancer"), (2, "moon landing faked")])
    index.remove([1])
    assert index.candidates("garlic cancer", 5) == []
    index.add([(2, "garlic cures cancer")])  # re-adding an id replaces its text
    assert [i for i, _ in index.candidates("garlic cancer", 5)] == [2]
    assert index.candidates("moon landing", 5) == []
    assert len(index) == 1


def test_bm25_score_is_comparable_between_queries():
    index = BM25Index()
    index.add([(1, "garlic cures cancer"), (2, "moon landing faked in a studio")])
    assert index.candidates("garlic cures cancer", 1)[0][1] > 0.8
    assert index.candidates("garlic supplements and vitamins for everything", 1)[0][1] < 0.4


# -- dense stage --------------------------------------------------------------------------------------------


def test_embedding_index_search_order_remove_and_shape():
    index = EmbeddingIndex(3)
    index.add(["x", "y", "z"], np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]], dtype=np.float32))
    assert [i for i, _ in index.search(np.array([1, 0, 0], np.float32), 2)] == ["x", "y"]
    index.remove(["x"])
    assert [i for i, _ in index.search(np.array([1, 0, 0], np.float32), 2)] == ["y", "z"]
    assert "x" not in index and len(index) == 2
    with pytest.raises(ValueError):
        index.add(["w"], np.ones((1, 4), np.float32))
    with pytest.raises(ValueError):
        index.add(["w"], np.zeros((1, 3), np.float32))
    index.add(["z"], np.array([[2, 0, 0]], dtype=np.float32))  # replaced, and normalised
    assert index.search(np.array([1, 0, 0], np.float32), 1) == [("z", pytest.approx(1.0))]


# -- the two stages together -------------------------------------------------------------------------------


def test_cross_lingual_query_is_found_by_the_dense_stage_alone():
    matcher = toy_matcher()
    query = "Vaksin mengandung chip untuk melacak penduduk"
    assert matcher.lexical.candidates(query, 10) == []  # no shared word: the lexical stage finds nothing
    best = matcher.match(query, k=3)[0]
    assert best.id == "fc-vaccine"
    assert best.lexical == 0.0 and best.semantic > 0.9


def test_lexical_candidates_outside_the_dense_top_k_are_merged_in():
    matcher = toy_matcher(semantic_k=1, lexical_k=10)
    query = "vaccine vaccine vaccine vaccine and Jakarta airport flooding"
    assert [i for i, _ in matcher.semantic.search(toy_embed([query])[0], 1)] == ["fc-vaccine"]
    found = matcher.match(query, k=5)
    assert [m.id for m in found] == ["fc-vaccine", "fc-flood"]
    flood = found[1]
    assert flood.lexical > 0 and flood.semantic == pytest.approx(
        float(toy_embed([query])[0] @ toy_embed([FACT_CHECKS[1].text])[0])
    )
    assert flood.score == pytest.approx(flood.semantic + matcher.lexical_weight * flood.lexical)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_exclude_and_languages():
    matcher = toy_matcher()
    found = matcher.match("garlic cures cancer", k=5, exclude=["fc-garlic"])
    assert "fc-garlic" not in {m.id for m in found}
    assert found[0].id == "fc-garlic-id"
    assert {m.language for m in matcher.match("garlic cures cancer", k=5, languages=["en"])} == {"en"}


def test_stored_query_vector_is_used_instead_of_embedding():
    calls = []

    def counting_embed(texts):
        calls.append(list(texts))
        return toy_embed(texts)

    matcher = Matcher(embed=counting_embed, dim=DIM, model_key="toy", thresholds=Thresholds(0.8, 0.95))
    matcher.add(FACT_CHECKS, vectors=toy_embed([f.text for f in FACT_CHECKS]))
    assert calls == []
    matcher.match("anything", query_vector=toy_embed(["garlic cancer"])[0])
    assert calls == []
    matcher.match("garlic cancer")
    assert calls == [["garlic cancer"]]


def test_removed_fact_checks_are_never_matched():
    matcher = toy_matcher()
    matcher.remove(["fc-flood"])
    assert "fc-flood" not in {m.id for m in matcher.match("Jakarta airport flooding", k=5)}
    assert len(matcher) == 3


def test_a_replaceable_lexical_stage():
    class Fixed:
        def add(self, items):
            self.items = list(items)

        def remove(self, ids):
            pass

        def candidates(self, query, k):
            return [("fc-flood", 1.0)]

    matcher = Matcher(embed=False, lexical=Fixed(), thresholds=Thresholds(0.5, 0.9))
    matcher.add(FACT_CHECKS)
    [only] = matcher.match("whatever the query", k=5)
    assert (only.id, only.semantic, only.lexical, only.score) == ("fc-flood", None, 1.0, 1.0)


def test_lexical_only_mode_uses_lexical_thresholds():
    matcher = Matcher(embed=False)
    assert matcher.model_key == "lexical-bm25" and matcher.semantic is None
    matcher.add(FACT_CHECKS)
    best = matcher.match("COVID-19 vaccines contain microchips to track people everywhere", k=2)[0]
    assert best.id == "fc-vaccine" and best.semantic is None and best.score == best.lexical
    expected = CONFIRM if best.lexical >= matcher.thresholds.confirm else SUGGEST
    assert best.decision == expected
    weak = matcher.match("people everywhere say many things about Jakarta", k=1)[0]
    assert weak.lexical < matcher.thresholds.suggest and weak.decision is None


# -- thresholds and auto-linking ---------------------------------------------------------------------------

LONG = "one two three four five six seven eight"
SHORT = "one two three four five six seven"


@pytest.mark.parametrize(
    ("text", "semantic", "expected"),
    [
        (LONG, 0.79, None),
        (LONG, 0.80, SUGGEST),
        (LONG, 0.949, SUGGEST),
        (LONG, 0.95, CONFIRM),
        (SHORT, 0.99, SUGGEST),  # under 8 words: never "confirm"
        (SHORT, 0.5, None),
    ],
)
def test_decision_thresholds(text, semantic, expected):
    matcher = Matcher(embed=toy_embed, dim=DIM, model_key="toy", thresholds=Thresholds(0.8, 0.95))
    assert matcher.decide(text, semantic, lexical=1.0) == expected


def test_decisions_follow_the_semantic_score_not_the_lexical_one():
    matcher = Matcher(embed=toy_embed, dim=DIM, model_key="toy", thresholds=Thresholds(0.8, 0.95))
    assert matcher.decide(LONG, 0.5, lexical=1.0) is None


def test_auto_link_only_confirmed_long_texts_when_enabled():
    matcher = toy_matcher()
    text = "COVID-19 vaccines contain microchips to track people, they say on every group"
    matches = matcher.match(text, k=3)
    assert matches[0].decision == CONFIRM
    assert auto_link(text, matches, enabled=True).id == "fc-vaccine"
    assert auto_link(text, matches, enabled=False) is None  # the project has it off
    assert auto_link(text, [], enabled=True) is None
    short = "vaccines microchips track"
    short_matches = matcher.match(short, k=3)
    assert short_matches[0].id == "fc-vaccine" and short_matches[0].semantic > 0.95
    assert short_matches[0].decision == SUGGEST
    assert auto_link(short, short_matches, enabled=True) is None  # short texts never
    below = [m for m in matches if m.decision != CONFIRM]
    assert below and auto_link(text, below, enabled=True) is None  # nothing below "confirm"


def test_default_matcher_has_calibrated_thresholds_for_the_shipped_model():
    from annotations import textmodels
    from annotations.matching import THRESHOLDS

    th = THRESHOLDS[textmodels.MODEL_KEY]
    assert 0 < th.suggest < th.confirm <= 1
    assert Matcher().thresholds == th
    with pytest.raises(KeyError):
        Matcher(embed=toy_embed, dim=DIM, model_key="unknown-model")


def test_language_filter_is_applied_before_the_dense_top_k():
    matcher = Matcher(embed=toy_embed, dim=DIM, model_key="toy", thresholds=Thresholds(0.8, 0.95), semantic_k=2)
    matcher.add(FactCheck(f"en-{n}", "Garlic cures cancer", "en") for n in range(20))
    matcher.add([FactCheck("id-1", "Bawang putih menyembuhkan kanker", "id")])
    # No shared word, and twenty English texts closer to the query than the Indonesian one.
    assert [m.id for m in matcher.match("garlic cancer", k=3, languages=["id"])] == ["id-1"]
    assert all(m.language == "en" for m in matcher.match("bawang kanker", k=3, languages=["en"]))
