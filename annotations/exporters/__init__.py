"""Exports: one module per output format, plus the shared writer (base)."""

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
