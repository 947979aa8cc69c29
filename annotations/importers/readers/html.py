"""HTML pages: the main text is extracted (trafilatura), no markup is kept;
title, author, date, publisher and URL come from the page's metadata.

A fact-check page, one that carries ClaimReview (JSON-LD, microdata or
RDFa), imports as the fact-checks it publishes (``readers.claimreview``),
not as a bare article."""

import re

import trafilatura

from ...factchecks import extract_html
from .claimreview import records_of
from .records import Record, detect_encoding

# Beyond this a page is not an article but a mistake or an attack.
MAX_HTML_BYTES = 20 * 1024 * 1024


def read(stream, name="", encoding="", **options):
    where = name or "page"
    raw = stream.read(MAX_HTML_BYTES + 1)
    if len(raw) > MAX_HTML_BYTES:
        yield Record(1, where, error=f"page larger than {MAX_HTML_BYTES // 2**20} MiB")
        return
    stream.seek(0)
    page = raw.decode(detect_encoding(stream, encoding), errors="replace")
    reviews = extract_html(page)
    if reviews.records:
        yield from records_of(reviews, where, 0)
        return
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        yield Record(1, where, error="no article text found in the page")
        return
    fields = {
        "text": text,
        "title": document.title or "",
        "author": document.author or "",
        "publisher": document.sitename or "",
        "url": document.url or "",
        "published_at": document.date or "",
        "language": (document.language or _declared_language(page))[:16],
    }
    yield Record(1, where, fields)


def _declared_language(page):
    match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", page[:5000], re.IGNORECASE)
    return match.group(1).lower() if match else ""
