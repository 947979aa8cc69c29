"""Whatever a document holds, extraction reports; it never raises."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.factchecks import extract, normalise, normalise_claimreview
from annotations.factchecks.shapes import FactCheck, Refusal

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
keys = st.sampled_from(
    [
        "@type", "@id", "@graph", "url", "claimReviewed", "author", "publisher", "name", "headline", "sameAs",
        "itemReviewed", "appearance", "firstAppearance", "reviewRating", "ratingValue", "bestRating", "worstRating",
        "alternateName", "datePublished", "dateModified", "inLanguage", "item", "dataFeedElement", "claimReview",
        "textualRating", "text", "claimant", "@value", "mainEntityOfPage",
    ]
)  # fmt: skip
types = st.sampled_from(["ClaimReview", "schema:ClaimReview", "Rating", "Person", "Organization", "DataFeedItem"])
values = st.recursive(
    scalars | types,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)
documents = st.dictionaries(keys, values, max_size=8).map(lambda d: {**d, "@type": "ClaimReview"})


@settings(max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents)
def test_any_claimreview_shaped_object_gives_a_record_or_a_refusal(document):
    result = extract(document)
    assert result.tried >= 1
    for record in result.records:
        assert isinstance(record, FactCheck)
        assert record.url is None or record.url.startswith(("http://", "https://"))
        assert record.url or record.claim_reviewed
        for appearance in record.appearances:
            assert appearance.url.startswith(("http://", "https://"))
        for date in (record.date_published, record.date_modified, record.claim_date):
            assert date is None or date.tzinfo is not None
        json.dumps(record.to_dict())
    assert all(isinstance(r, Refusal) and r.reason for r in result.refused)


@settings(max_examples=200, database=None, deadline=None)
@given(values)
def test_any_json_value_is_searched_without_error(value):
    extract(value)
    normalise_claimreview({"@type": "ClaimReview", "reviewRating": value, "itemReviewed": value, "author": value})


@settings(max_examples=200, database=None, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_as_json_or_html_without_error(text):
    extract(text)
    extract("<html><head><script type='application/ld+json'>" + text + "</script></head></html>")
    extract(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, database=None, deadline=None)
@given(scalars, scalars, scalars, scalars)
def test_any_rating_parts_normalise_without_error(label, value, best, worst):
    result = normalise(label if isinstance(label, str) else None, value, best, worst)
    assert result.score is None or 0.0 <= result.score <= 1.0


def test_a_document_nested_too_deep_is_reported_not_raised():
    deep = {"@type": "ClaimReview"}
    for _ in range(5000):
        deep = {"item": [deep]}
    result = extract(deep)
    assert result.tried == 0
    assert [w.field for w in result.warnings] == ["document"]
    text = "[" * 100_000 + "]" * 100_000
    assert [w.field for w in extract(text).warnings] == ["document"]
