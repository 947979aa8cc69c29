"""HTML pages: the main text is extracted (trafilatura), no markup is kept;
title, author, date, publisher and URL come from the page's metadata.

A fact-check page, one that carries ClaimReview (JSON-LD, microdata or
RDFa), imports as the fact-checks it publishes (``readers.claimreview``),
not as a bare article; with ``page_articles``, its text as an article too."""

import codecs
import re

from ...factchecks import extract_html
from ...languages import language_of
from .. import messages
from .claimreview import records_of
from .records import Record, detect_encoding, is_web_url, text_encoding

# Beyond this a page is not an article but a mistake or an attack.
MAX_HTML_BYTES = 20 * 1024 * 1024
# Less main text than this is a listing, an index or an empty page, not an article.
MIN_ARTICLE_CHARS = 120
MAX_URL_CHARS = 2000  # Article.url


# Where a page declares its encoding (the HTML standard's prescan looks at
# the first 1,024 bytes; some pages put the tag later, behind comments).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do: these labels mean windows-1252, a superset (WHATWG Encoding).
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
_PUBLISHED = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|date)["'][^>]+"""
    r"""content=["']([^"']+)["']""",
    re.IGNORECASE,
)
# Bylines that name no author: placeholders and photo or agency credits.
_NO_AUTHOR = re.compile(
    r"^(?:no author|unknown|anonymous|admin(?:istrator)?|redaksi|editor|staff|foto|photo|getty images|afp|reuters|"
    r"antara|ap)\b|^(?:foto|photo|image|gambar)\s*[:/]",
    re.IGNORECASE,
)


def declared_encoding(raw: bytes):
    """The page's own word on its encoding (BOM, then ``<meta charset>``), as
    a codec Python knows, or None."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return codec
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    return text_encoding("cp1252" if label in _WINDOWS_1252 else label)


def _decoded(raw, stream, named, notes):
    encoding = named or declared_encoding(raw) or detect_encoding(stream)
    page = raw.decode(encoding, errors="replace")
    bad = page.count("\ufffd") - raw.count("\ufffd".encode())
    if bad > 0:
        notes.append(messages.BYTES_REPLACED % {"count": bad, "encoding": encoding})
    return page


def read(stream, name="", encoding="", **options):
    where = name or "page"
    raw = stream.read(MAX_HTML_BYTES + 1)
    if len(raw) > MAX_HTML_BYTES:
        yield Record(1, where, error=messages.PAGE_TOO_LARGE % {"limit": MAX_HTML_BYTES // 2**20})
        return
    stream.seek(0)
    notes = []
    page = _decoded(raw, stream, encoding, notes)
    number = 0
    reviews = extract_html(page)
    if reviews.records:
        for number, record in enumerate(records_of(reviews, where, 0), start=1):  # noqa: B007 -- numbered on below
            yield record
        if not options.get("page_articles"):
            return
    # Imported here: trafilatura weighs 20 MB, which the export and web processes need not carry.
    import trafilatura

    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.strip()) < MIN_ARTICLE_CHARS:
        yield Record(number + 1, where, error=messages.NO_ARTICLE_TEXT)
        return
    url = document.url or ""
    if url and (not is_web_url(url) or len(url) > MAX_URL_CHARS):
        notes.append(messages.URL_LEFT_OUT % {"url": repr(url[:100])})
        url = ""
    author = document.author or ""
    if author and _NO_AUTHOR.search(author.strip()):
        notes.append(messages.AUTHOR_LEFT_OUT % {"author": repr(author[:60])})
        author = ""
    published = _PUBLISHED.search(page[:200_000])  # with its time and zone; trafilatura keeps the day only
    fields = {
        "text": text,
        "title": document.title or "",
        "author": author,
        "publisher": document.sitename or "",
        "url": url,
        "published_at": published.group(1) if published else document.date or "",
    }
    language, changed = language_of(text, [*_declared_languages(page), document.language])
    fields["language"] = language[:16]
    yield Record(number + 1, where, fields, notes=(*notes, *changed))


_ROOT = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


def _attributes(tag):
    return {name.lower(): a or b or c for name, a, b, c in _ATTRIBUTE.findall(tag)}


def _declared_languages(page):
    """What a page says of its language, most trusted first: the root
    element's lang (wherever the tag is), Content-Language, Open Graph's locale."""
    head = page[:200_000]
    root = _ROOT.search(head)
    found = [_attributes(root.group(0)).get(name) for name in ("lang", "xml:lang")] if root else []
    metas = [_attributes(tag) for tag in _META.findall(head)]
    found += [meta.get("content") for meta in metas if meta.get("http-equiv", "").lower() == "content-language"]
    found += [meta.get("content") for meta in metas if meta.get("property", "").lower() == "og:locale"]
    return [value for value in found if value]
