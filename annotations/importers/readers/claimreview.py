"""ClaimReview JSON-LD (schema.org): existing fact-checks, as one object,
an array, or a graph (``{"@graph": [...]}``). Each ClaimReview becomes an
article (the fact-check), a claim over its whole text, and the published
verdict of its publisher."""

from . import json_array
from .records import Record


def _is_claim_review(item):
    kind = item.get("@type")
    return kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind)


def read(stream, name="", **options):
    number = 0
    for record in json_array.read(stream, name=name):
        items = [] if record.error else record.fields.get("@graph", [record.fields])
        if record.error or not isinstance(items, list):
            number += 1
            yield Record(number, record.where, error=record.error or "@graph must be a list")
            continue
        for index, item in enumerate(items, start=1):
            number += 1
            where = record.where if len(items) == 1 else f"{record.where} item {index}"
            if isinstance(item, dict) and _is_claim_review(item):
                yield Record(number, where, {"claim_review": item})
            else:
                yield Record(number, where, error="not a ClaimReview (its @type is not ClaimReview)")
