"""Fact-checks published by others: finding them in whatever a publisher emits, and reading their ratings.

Pure Python, no database: :mod:`.shapes` turns documents into
:class:`~.shapes.FactCheck` records, :mod:`.ratings` says what a published
rating means. The importer stores the results::

    from annotations.factchecks import extract, normalise_rating

    result = extract(page_bytes, page_url="https://factcheck.afp.com/…")
    for record in result.records:           # FactCheck: url, claim_reviewed, publisher, rating, warnings…
        verdict = normalise_rating(record.rating, extra=project_labels)
        ...                                 # verdict.verdict, verdict.score, verdict.notes
    for refusal in result.refused:          # Refusal: reason, raw
        ...
    result.warnings                         # document-level: a JSON-LD block that is not JSON…
"""

from .ratings import (
    CLASSES,
    NormalisedRating,
    PublishedRating,
    classify_label,
    fever_label,
    label_table,
    normalise,
    normalise_rating,
)
from .shapes import (
    Appearance,
    Extraction,
    FactCheck,
    FieldWarning,
    Party,
    Refusal,
    extract,
    extract_html,
    extract_json,
    normalise_claimreview,
    normalise_language_tag,
)

__all__ = [
    "CLASSES",
    "Appearance",
    "Extraction",
    "FactCheck",
    "FieldWarning",
    "NormalisedRating",
    "Party",
    "PublishedRating",
    "Refusal",
    "classify_label",
    "extract",
    "extract_html",
    "extract_json",
    "fever_label",
    "label_table",
    "normalise",
    "normalise_claimreview",
    "normalise_language_tag",
    "normalise_rating",
]
