"""Make the trimmed copies of Meedan's fixtures in tests/data/factchecks/.

Run from the repository root with the real files beside it:

    python -m tests.factchecks.trim_fixtures ../shared/data/real

A page keeps its ``<html>`` attributes (``lang``), its title, canonical
link and Open Graph tags, and every ``<script type="application/ld+json">``
verbatim; the rest of the markup (menus, articles, ads) goes. API answers
and small files are copied as they are. The fixture's JSON around the page
(``url``, ``raw_response``) is kept.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import lxml.html

from tests.factchecks.fixtures import _html_strings, load_fixture

OUT = Path(__file__).resolve().parent.parent / "data" / "factchecks"
KEPT_META = ("og:site_name", "og:title", "og:url", "og:locale")


def trim_page(page: str) -> str:
    tree = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in tree.attrib.items() if k in ("lang", "xml:lang", "dir"))
    head = ['<meta charset="utf-8">']
    title = tree.find(".//title")
    if title is not None and title.text:
        head.append(f"<title>{html.escape(title.text.strip())}</title>")
    for link in tree.xpath("//link[@rel='canonical']"):
        head.append(f'<link rel="canonical" href="{html.escape(link.get("href", ""))}">')
    for meta in tree.xpath("//meta[@property]"):
        if meta.get("property") in KEPT_META:
            head.append(f'<meta property="{meta.get("property")}" content="{html.escape(meta.get("content", ""))}">')
    for meta in tree.xpath("//meta[@http-equiv]"):
        if meta.get("http-equiv", "").lower() == "content-language":
            head.append(f'<meta http-equiv="Content-Language" content="{html.escape(meta.get("content", ""))}">')
    for script in tree.xpath("//script[@type]"):
        if script.get("type", "").split(";")[0].strip().lower() == "application/ld+json":
            head.append(f'<script type="application/ld+json">{script.text or ""}</script>')
    return f"<!DOCTYPE html>\n<html{attrs}>\n<head>\n" + "\n".join(head) + "\n</head>\n<body></body>\n</html>\n"


def trim(path: Path) -> str:
    value = load_fixture(path)
    if isinstance(value, str):
        return trim_page(value)
    pages = dict(_html_strings(value, "$"))
    return json.dumps(_replace(value, pages), ensure_ascii=False, indent=1) + "\n"


def _replace(value, pages, where="$"):
    if where in pages:
        return trim_page(pages[where])
    if isinstance(value, dict):
        return {k: _replace(v, pages, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, pages, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def main(real: Path) -> None:
    for source in ("meedan-fetch", "meedan-newspeek"):
        folder = real / source / "spec" / "fixtures"
        (OUT / source).mkdir(parents=True, exist_ok=True)
        for path in sorted(folder.iterdir()):
            (OUT / source / path.name).write_text(trim(path), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
