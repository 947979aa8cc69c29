"""Exports: one module per output format, plus the shared writer (base) and
the filters every format takes (filters). ``EXPORTERS`` is the one list of
formats: the forms, the API and ``export_report`` read it."""

from .claimreview import ClaimReviewExporter
from .csv import CSVExporter
from .fever import FeverExporter
from .jsonl import JSONLExporter
from .report import HTMLReportExporter, PDFReportExporter

EXPORTERS = {
    exporter.format: exporter
    for exporter in (
        ClaimReviewExporter, CSVExporter, JSONLExporter, FeverExporter, HTMLReportExporter, PDFReportExporter,
    )
}  # fmt: skip


def format_choices():
    return [(name, exporter.label) for name, exporter in EXPORTERS.items()]
