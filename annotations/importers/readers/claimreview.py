"""ClaimReview in every shape publishers emit (``factchecks.shapes``): one
object, an array, ``@graph``, a Data Commons ``DataFeed``, the Fact Check
Tools API's ``claims:search`` answer. An array is streamed item by item.

Each fact-check found is one record (``{"fact_check": FactCheck}``), each
ClaimReview that cannot be one is an error record with its reason. What the
reader had to drop or repair travels with the fact-check as its warnings.
"""

from ...factchecks import extract_json
from .. import messages
from . import json_array
from .records import Record


def _item(where, index, found):
    return where if found == 1 else messages.ITEM % {"where": where, "number": index}


def records_of(extraction, where, number):
    """The records of one extraction, numbered on from ``number``."""
    found = len(extraction.records) + len(extraction.refused)
    document = [str(w) for w in extraction.warnings]
    for index, fact_check in enumerate(extraction.records, start=1):
        number += 1
        yield Record(
            number,
            _item(where, index, found),
            {"fact_check": fact_check, "document_warnings": document if index == 1 else []},
        )
    for index, refusal in enumerate(extraction.refused, start=len(extraction.records) + 1):
        number += 1
        yield Record(number, _item(where, index, found), error=refusal.reason)
    if not found:
        number += 1
        reason = "; ".join(document) or messages.NO_CLAIMREVIEW
        yield Record(number, where, error=messages.NOT_A_CLAIMREVIEW % {"reason": reason})


def read(stream, name="", **options):
    number = 0
    for item in json_array.read(stream, name=name):
        if item.error:
            number += 1
            yield Record(number, item.where, error=item.error)
            continue
        for record in records_of(extract_json(item.fields), item.where, number):
            number = record.number
            yield record
