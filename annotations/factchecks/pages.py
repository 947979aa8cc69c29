"""The structured data of an HTML page: JSON-LD blocks, microdata and RDFa items.

Microdata and RDFa (Lite) become the same JSON-LD-like dicts that a JSON-LD
block gives (``{"@type": "ClaimReview", "url": …, "itemReviewed": {…}}``),
so one reader normalises all three. This is done on lxml, which the project
has already, rather than with extruct: on the 143 real pages of Meedan's
fixtures its microdata items match extruct's, no page carries ClaimReview in
microdata or RDFa, and extruct's three syntaxes ran at 23 pages/s against
several hundred here, with a dozen more packages (rdflib, pyRdfa, mf2py,
html5lib, BeautifulSoup, requests…).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from . import messages

SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:", "sdo:")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def strip_schema_prefix(name: str) -> str:
    """``schema:ClaimReview`` and ``https://schema.org/ClaimReview`` are ``ClaimReview``."""
    for prefix in SCHEMA_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class PageError(ValueError):
    """The document is not an HTML page lxml can read."""


def parse(page: str | bytes):
    """The page's lxml tree. A ``str`` is read as the text it is; ``bytes`` by the charset the page declares."""
    if isinstance(page, str):
        # lxml refuses a str that carries an XML encoding declaration; bytes it reads as UTF-8.
        data = page.encode("utf-8", "replace")
        parser = lxml.html.HTMLParser(encoding="utf-8")
    else:
        data, parser = page, lxml.html.HTMLParser()
    if not data.strip():
        raise PageError(messages.EMPTY_PAGE)
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise PageError(messages.NOT_A_PAGE % {"error": exc}) from exc


def first_value(tree, xpath: str) -> str | None:
    """The first non-blank string an XPath gives, stripped."""
    for value in tree.xpath(xpath):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def json_ld_blocks(tree, problems: list[tuple[str, str]]) -> Iterator:
    """The parsed JSON of every ``application/ld+json`` script; ``(field, reason)`` for each that is not JSON."""
    for number, script in enumerate(tree.xpath("//script[@type]"), start=1):
        if script.get("type", "").split(";")[0].strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip():
            continue
        try:
            yield json.loads(text, strict=False)
            continue
        except ValueError as exc:
            error = exc
        # Publishers wrap JSON-LD in HTML comments or CDATA, leave trailing commas, or put two objects in one block.
        cleaned = text.strip()
        for junk in ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"):
            cleaned = cleaned.replace(junk, "")
        cleaned = _TRAILING_COMMA.sub(r"\1", cleaned).strip()
        decoder, position, parsed = json.JSONDecoder(strict=False), 0, []
        try:
            while position < len(cleaned):
                value, position = decoder.raw_decode(cleaned, position)
                parsed.append(value)
                while position < len(cleaned) and cleaned[position] in " \t\r\n;,":
                    position += 1
        except ValueError:
            problems.append((messages.JSON_LD_BLOCK % {"number": number}, messages.NOT_JSON % {"error": error}))
            continue
        yield from parsed


@dataclass(frozen=True)
class _Markup:
    scope: str
    type_attr: str
    prop: str
    id_attr: str


_MICRODATA = _Markup(scope="itemscope", type_attr="itemtype", prop="itemprop", id_attr="itemid")
_RDFA = _Markup(scope="typeof", type_attr="typeof", prop="property", id_attr="resource")


def microdata_items(tree) -> list[dict]:
    """Top-level microdata items as JSON-LD-like dicts (``@type``, ``@id``, properties)."""
    return _markup_items(tree, _MICRODATA)


def rdfa_items(tree) -> list[dict]:
    """Top-level RDFa (Lite) items as JSON-LD-like dicts."""
    return _markup_items(tree, _RDFA)


def _markup_items(tree, markup: _Markup) -> list[dict]:
    """Top-level microdata or RDFa (Lite) items as JSON-LD-like dicts.

    As the microdata spec has it, an item is top-level when it is no one's
    property, wherever it sits: a Rating without ``itemprop`` inside a
    ClaimReview's element is its own item, not the review's rating. An item
    that names a property but has no item around it (BOOM's stray
    ``itemprop="thumbnail"``) is top-level too.
    """
    return [
        _markup_item(element, markup)
        for element in tree.iter(etree.Element)
        if element.get(markup.scope) is not None
        and (
            element.get(markup.prop) is None
            or not any(a.get(markup.scope) is not None for a in element.iterancestors(etree.Element))
        )
    ]


def _markup_item(element, markup: _Markup, active: frozenset = frozenset()) -> dict:
    # ``active`` holds the items being read above this one: itemref can point back up.
    active = active | {element}
    node: dict = {}
    types = (element.get(markup.type_attr) or "").split()
    if types:
        node["@type"] = [strip_schema_prefix(t) for t in types] if len(types) > 1 else strip_schema_prefix(types[0])
    if element.get(markup.id_attr):
        node["@id"] = element.get(markup.id_attr)
    for prop_element in _markup_properties(element, markup, with_refs=True):
        if prop_element in active:
            continue
        if prop_element.get(markup.scope) is not None:
            value = _markup_item(prop_element, markup, active)
        else:
            value = _markup_value(prop_element, markup)
        for name in prop_element.get(markup.prop).split():
            name = strip_schema_prefix(name)
            if name in node:
                existing = node[name]
                node[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
            else:
                node[name] = value
    return node


def _markup_properties(element, markup: _Markup, with_refs: bool = False) -> Iterator:
    for child in element.iterchildren(etree.Element):
        if child.get(markup.prop) is not None:
            yield child
        if child.get(markup.scope) is None:
            yield from _markup_properties(child, markup)
    if with_refs and markup is _MICRODATA and element.get("itemref"):
        # NPR: <meta itemscope itemtype=".../SpeakableSpecification" itemref="speakable"> and, elsewhere,
        # <meta id="speakable" itemprop="cssSelector" …>.
        for ref_id in element.get("itemref").split():
            for ref in element.getroottree().getroot().xpath("//*[@id=$id]", id=ref_id)[:1]:
                if ref.get(markup.prop) is not None:
                    yield ref
                if ref.get(markup.scope) is None:
                    yield from _markup_properties(ref, markup)


def _markup_value(element, markup: _Markup) -> str:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if element.get("content") is not None:
        return element.get("content")
    if markup is _RDFA and element.get("resource"):
        return element.get("resource")
    if tag in ("a", "area", "link") and element.get("href") is not None:
        return element.get("href")
    if tag in ("img", "audio", "video", "source", "embed", "iframe", "track") and element.get("src") is not None:
        return element.get("src")
    if tag == "object" and element.get("data") is not None:
        return element.get("data")
    if tag in ("data", "meter") and element.get("value") is not None:
        return element.get("value")
    if tag == "time" and element.get("datetime") is not None:
        return element.get("datetime")
    return _element_text(element)


_NOT_TEXT = {"script", "style", "noscript", "template"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "td", "th", "tr", "ul",
}  # fmt: skip


def _element_text(element) -> str:
    """An element's text as a reader sees it: no script or style, a space where a block ends."""
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else None
            if tag and tag not in _NOT_TEXT:
                block = tag in _BLOCKS
                parts.append(" " if block else "")
                walk(child)
                parts.append(" " if block else "")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())
