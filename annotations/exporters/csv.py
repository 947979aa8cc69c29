"""CSV, one row per claim, that opens correctly in a spreadsheet."""

import codecs
import csv
import io

from .base import Exporter

HEADER = [
    "claim_id", "article_id", "article_title", "article_url", "quote", "start", "end", "statement", "claimant",
    "claimant_url", "claim_date", "status", "tags", "rating", "rating_value", "verdict_status", "summary",
    "reviewer", "editor", "published_at", "created_at", "evidence_urls",
]  # fmt: skip

# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Defuse spreadsheet formula injection: text cells that a spreadsheet
    would evaluate get a leading apostrophe (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class CSVExporter(Exporter):
    """Options (in the filters): ``bom`` (default true) writes a UTF-8 byte
    order mark, which spreadsheet programs need to read UTF-8."""

    format = "csv"
    label = "CSV"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def write(self, out, progress=None):
        if self.filters.get("bom", True):
            out.write(codecs.BOM_UTF8)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADER)
        for chunk in self.rows(progress):
            for row in chunk:
                writer.writerow([neutralise(value) for value in self._cells(row)])
            out.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
        out.write(buffer.getvalue().encode("utf-8"))

    @staticmethod
    def _cells(row):
        published = row["current__published_at"]
        return [
            row["id"], row["article_id"], row["article__title"], row["article__url"], row["quote"], row["start"],
            row["end"], row["statement"], row["claimant"], row["claimant_url"],
            row["claim_date"].isoformat() if row["claim_date"] else "", row["status"], ", ".join(row["tags"]),
            row["current__rating__label"] or "", row["current__rating__value"] or "", row["current__status"] or "",
            row["current__summary"] or "", row["current__author__username"] or "",
            row["current__reviewed_by__username"] or "", published.isoformat() if published else "",
            row["created_at"].isoformat(), " ".join(item["url"] for item in row["evidence"]),
        ]  # fmt: skip
