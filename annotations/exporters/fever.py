"""FEVER JSON Lines for teams training claim-detection and verification
models, in the FEVER dataset's own record shape so that FEVER's tools (its
official scorer among them) read it as gold data: ``id``, ``claim``,
``label``, ``verifiable``, ``evidence`` (a list of evidence sets, each a list
of ``[annotation id, evidence id, page, line]``) and ``all_evidence``.

Published verdicts only. The label comes from the rating
(``Rating.fever_label``, or its place on the project's numeric scale). A
verdict's sources form one evidence set (FEVER: a set that suffices
together): the page is the source's URL, the line its place in the list.
A claim judged NOT ENOUGH INFO has FEVER's empty set. The desk's own
fields (``rating``, ``source``, ``language``) follow; FEVER's tools ignore them."""

import json

from django.utils.translation import gettext_lazy as _

from .base import Exporter
from .claimreview import rating_scale


def fever_label(row, scale):
    if row["current__rating__fever_label"]:
        return row["current__rating__fever_label"]
    value = row["current__rating__value"]
    if value is None or scale is None:
        return "NOT ENOUGH INFO"
    position = (value - scale[0]) / (scale[1] - scale[0])
    return "REFUTES" if position < 1 / 3 else "SUPPORTS" if position > 2 / 3 else "NOT ENOUGH INFO"


class FeverExporter(Exporter):
    format = "fever"
    label = _("FEVER-style JSONL")
    extension = "jsonl"
    content_type = "application/x-ndjson"
    published_only = True

    def write(self, out, progress=None):
        scale = rating_scale(self.project)
        for chunk in self.rows(progress):
            for row in chunk:
                label = fever_label(row, scale)
                if label == "NOT ENOUGH INFO" or not row["evidence"]:
                    evidence = [[[row["current__id"], None, None, None]]]
                else:
                    evidence = [[[e["id"], row["current__id"], e["url"], e["order"]] for e in row["evidence"]]]
                record = {
                    "id": row["id"],
                    "claim": row["statement"] or row["quote"],
                    "label": label,
                    "verifiable": "NOT VERIFIABLE" if label == "NOT ENOUGH INFO" else "VERIFIABLE",
                    "evidence": evidence,
                    "all_evidence": [item for group in evidence for item in group],
                    "rating": row["current__rating__label"],
                    "source": {"article_id": row["article_id"], "quote": row["quote"], "start": row["start"],
                               "end": row["end"], "url": row["article__url"]},
                    "sources": [{"url": e["url"], "title": e["title"], "quote": e["quote"]} for e in row["evidence"]],
                    "language": row["article__language"],
                }  # fmt: skip
                out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
