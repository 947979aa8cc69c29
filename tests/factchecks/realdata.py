"""Counting what the real files under tests/data/factchecks/ give, per source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotations.factchecks import FactCheck, extract, extract_html, extract_json

from .fixtures import documents

DATA = Path(__file__).resolve().parent.parent / "data" / "factchecks"
SOURCES = ("meedan-fetch", "meedan-newspeek", "claimreview-collector")


@dataclass
class Tally:
    files: int = 0
    files_with_claimreview: int = 0
    tried: int = 0
    extracted: int = 0
    warned: int = 0
    refused: int = 0
    refusals: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    records: list[FactCheck] = field(default_factory=list)

    def row(self) -> tuple[int, int, int, int]:
        return (self.tried, self.extracted, self.warned, self.refused)


def source_files(source: str, root: Path = DATA) -> list[Path]:
    if source == "claimreview-collector":
        return [root / "claimreview-collector-records.json"]
    # The shared originals keep Meedan's own layout; the trimmed copies are flat.
    folder = root / source / "spec" / "fixtures"
    if not folder.is_dir():
        folder = root / source
    return sorted(folder.iterdir())


def tally(paths) -> Tally:
    result = Tally()
    for path in paths:
        result.files += 1
        found = 0
        for document in documents(path):
            if document.kind == "html":
                extraction = extract_html(document.content, page_url=document.url)
            elif path.name == "claimreview-collector-records.json":
                extraction = extract(document.content)
            else:
                extraction = extract_json(document.content, page_url=document.url)
            found += extraction.tried
            result.tried += extraction.tried
            result.extracted += len(extraction.records)
            result.warned += extraction.warned
            result.refused += len(extraction.refused)
            result.refusals.update(r.reason for r in extraction.refused)
            result.records.extend(extraction.records)
            for record in extraction.records:
                result.warnings.update(w.field for w in record.warnings)
        result.files_with_claimreview += bool(found)
    return result
