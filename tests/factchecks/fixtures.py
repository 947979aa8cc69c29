"""Pulling fact-checkers' pages out of Meedan's fixtures.

Meedan's fetchers (``meedan/fetch``, ``meedan/newspeek``) keep what they
downloaded as JSON: the page is a string under ``page`` (sometimes beside
the ``url`` it came from and a ``raw_response`` from an API), or the file is
the page itself (``.html``), or an API answer. Some start with ``//``
comment lines. :func:`documents` turns one such file into the documents a
publisher actually served, each with the page's own URL when the fixture
recorded it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_LEADING_COMMENTS = re.compile(r"^(?:\s*//[^\n]*\n)+")
_LOOKS_LIKE_HTML = re.compile(r"<(?:!doctype|html|head|body|script|div|article|meta)\b", re.I)


@dataclass(frozen=True)
class Document:
    """One thing a publisher served: an HTML page (``kind="html"``) or JSON (``kind="json"``)."""

    fixture: str
    where: str
    kind: str
    content: object
    url: str | None = None


def load_fixture(path: Path):
    """The fixture's JSON value, or its text when it is a page (``.html``, ``.xml``) or not JSON."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm", ".xml"):
        return text
    try:
        return json.loads(_LEADING_COMMENTS.sub("", text, count=1))
    except ValueError:
        return text


def documents(path: Path) -> list[Document]:
    """The pages and API answers in one fixture file."""
    value = load_fixture(path)
    if isinstance(value, str):
        return [Document(path.name, "$", "html", value)]
    url = value.get("url") if isinstance(value, dict) and isinstance(value.get("url"), str) else None
    pages = list(_html_strings(value, "$"))
    found = [Document(path.name, where, "html", page, url if where == "$.page" else None) for where, page in pages]
    # What remains once the pages are taken out is the API answer (or the fixture's own bookkeeping).
    rest = _without(value, {where for where, _ in pages})
    if rest not in (None, {}, []) and not (isinstance(rest, dict) and set(rest) <= {"url"}):
        found.insert(0, Document(path.name, "$", "json", rest, url))
    return found


def _html_strings(value, where):
    if isinstance(value, str):
        if len(value) > 200 and _LOOKS_LIKE_HTML.search(value[:5000]):
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _html_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _html_strings(item, f"{where}[{index}]")


def _without(value, paths, where="$"):
    if where in paths:
        return None
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = _without(item, paths, f"{where}.{key}")
            if item is not None:
                kept[key] = item
        return kept
    if isinstance(value, list):
        return [_without(item, paths, f"{where}[{index}]") for index, item in enumerate(value)]
    return value
