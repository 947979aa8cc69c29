"""FEVER-style JSON Lines (``id``, ``claim``, ``label``, ``evidence``) for
teams training claim-detection and verification models. Published verdicts
only; the label comes from the rating (``Rating.fever_label``, or its
place on the project's numeric scale)."""

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
                record = {
                    "id": row["id"],
                    "claim": row["statement"] or row["quote"],
                    "label": fever_label(row, scale),
                    "rating": row["current__rating__label"],
                    "source": {"article_id": row["article_id"], "quote": row["quote"], "start": row["start"],
                               "end": row["end"], "url": row["article__url"]},
                    "evidence": [{"url": e["url"], "title": e["title"], "quote": e["quote"]} for e in row["evidence"]],
                    "language": row["article__language"],
                }  # fmt: skip
                out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
