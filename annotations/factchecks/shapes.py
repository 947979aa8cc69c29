"""Every ClaimReview a publisher emits, as plain normalised records.

Fact-checkers publish ClaimReview in many shapes: one JSON object, an array,
a JSON-LD ``@graph``, a Data Commons ``DataFeed`` of ``DataFeedItem``\\ s, the
Fact Check Tools API's ``claims:search`` answer, or embedded in their pages
as JSON-LD, microdata or RDFa. :func:`extract` takes any of them and returns
one :class:`FactCheck` per review found, each with the warnings of what it
had to drop, and a :class:`Refusal` for what was not a usable fact-check.

The rule for bad data: a bad *optional* field (a claimant URL of ``"/"``, a
date of ``"+5:30"`` that cannot be repaired, a rating number that is text)
is dropped with a :class:`FieldWarning`, never the record. A record is
refused only when it has neither a usable fact-check URL nor a claim.

Nothing here touches the database; the importer turns a :class:`FactCheck`
into its model and keeps :attr:`FactCheck.raw` as provenance.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

from dateutil import parser as date_parser

from ..languages import normalise_language_tag
from . import messages, pages
from .messages import FIELD_WARNING
from .pages import strip_schema_prefix
from .ratings import PublishedRating, to_decimal

JSON_LD = "json-ld"
MICRODATA = "microdata"
RDFA = "rdfa"
JSON = "json"
FACT_CHECK_TOOLS = "fact-check-tools-api"

#: The syntaxes read from an HTML page, in order of preference.
HTML_SYNTAXES = (JSON_LD, MICRODATA, RDFA)

_ORGANIZATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "NGO", "EducationalOrganization"}
# An "Organization" author whose URL is an author page is a person (Africa Check's "Taryn Willows").
_AUTHOR_PAGE = re.compile(r"/(?:about/)?(?:authors?|autor(?:es)?|auteurs?|profile|team|staff)/", re.I)
_DOMAIN_LIKE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.I)
# Names that look like domains but are files ("glem-smertestillende-piller.html").
_FILE_SUFFIXES = {"html", "htm", "php", "asp", "aspx", "jsp", "cgi", "pdf", "png", "jpg", "jpeg", "gif", "webp", "mp4"}
_HOST = re.compile(r"^(?:[^\s/?#@:]+\.)+[^\s/?#@:.]+$|^localhost$", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OFFSET = re.compile(r"(?<=\d)\s*([+-])(\d{1,2}):?(\d{2})$")
_UTC_SUFFIX = re.compile(r"(?<=\d)\s*(?:Z|UTC|GMT|\(UTC\))$", re.I)
_HAS_TIME = re.compile(r"\d:\d\d")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AMBIGUOUS_DAY_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
_APPEARANCE_FIELDS = (("appearance", "appearance"), ("firstAppearance", "firstAppearance"), ("url", "itemReviewed.url"))


@dataclass(frozen=True)
class FieldWarning:
    """An optional field that was dropped or repaired, and why."""

    field: str
    reason: str

    def __str__(self) -> str:
        return FIELD_WARNING % {"field": self.field, "reason": self.reason}


_TOO_DEEP = FieldWarning("document", messages.TOO_DEEP)


@dataclass(frozen=True)
class Party:
    """A publisher or a claimant: a name and a URL (``sameAs`` for a claimant)."""

    name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Appearance:
    """Where the claim was seen. ``kind`` is the field it came from:
    ``appearance``, ``firstAppearance`` or ``itemReviewed.url``."""

    url: str
    kind: str


@dataclass(frozen=True)
class FactCheck:
    """One fact-check published by someone else, normalised.

    Dates are timezone-aware; the names in ``date_only`` were published as a
    day without a time (held as midnight UTC). ``language`` is a BCP 47 tag and
    ``language_source`` says where it came from (``inLanguage``,
    ``languageCode`` of the API, or ``page`` for the ``lang`` of the page that
    embeds the review). ``appearances`` never hold the fact-check's own URL.
    """

    url: str | None
    claim_reviewed: str | None
    headline: str | None = None
    summary: str | None = None
    publisher: Party = field(default_factory=Party)
    authors: tuple[str, ...] = ()
    date_published: datetime | None = None
    date_modified: datetime | None = None
    language: str | None = None
    language_source: str | None = None
    claimant: Party = field(default_factory=Party)
    claim_date: datetime | None = None
    appearances: tuple[Appearance, ...] = ()
    rating: PublishedRating = field(default_factory=PublishedRating)
    date_only: frozenset[str] = frozenset()
    syntax: str = JSON
    warnings: tuple[FieldWarning, ...] = ()
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        """A JSON-ready dict (ISO dates, rating numbers as strings)."""
        return {
            "url": self.url,
            "claim_reviewed": self.claim_reviewed,
            "headline": self.headline,
            "summary": self.summary,
            "publisher": {"name": self.publisher.name, "url": self.publisher.url},
            "authors": list(self.authors),
            "date_published": _iso(self.date_published),
            "date_modified": _iso(self.date_modified),
            "language": self.language,
            "language_source": self.language_source,
            "claimant": {"name": self.claimant.name, "url": self.claimant.url},
            "claim_date": _iso(self.claim_date),
            "appearances": [{"url": a.url, "kind": a.kind} for a in self.appearances],
            "rating": {
                "label": self.rating.label,
                "value": _str(self.rating.value),
                "best": _str(self.rating.best),
                "worst": _str(self.rating.worst),
            },
            "date_only": sorted(self.date_only),
            "syntax": self.syntax,
            "warnings": [{"field": w.field, "reason": w.reason} for w in self.warnings],
        }


@dataclass(frozen=True)
class Refusal:
    """A ClaimReview that could not become a fact-check, and why."""

    reason: str
    syntax: str = JSON
    raw: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Extraction:
    """What one document gave: fact-checks, refusals, and document-level warnings
    (a JSON-LD block that is not JSON, a page that could not be parsed)."""

    records: list[FactCheck] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)
    duplicates: int = 0

    @property
    def tried(self) -> int:
        """ClaimReviews found, counted once each (the same review in JSON-LD and microdata is one)."""
        return len(self.records) + len(self.refused)

    @property
    def warned(self) -> int:
        """Fact-checks kept with at least one warning."""
        return sum(1 for record in self.records if record.warnings)

    def counts(self) -> dict[str, int]:
        """What an import job reports for this document."""
        return {
            "tried": self.tried,
            "extracted": len(self.records),
            "warned": self.warned,
            "refused": len(self.refused),
            "duplicates": self.duplicates,
        }

    def extend(self, other: Extraction) -> None:
        seen = {_identity(r) for r in self.records}
        for record in other.records:
            if _identity(record) in seen:
                self.duplicates += 1
                continue
            seen.add(_identity(record))
            self.records.append(record)
        self.refused.extend(other.refused)
        self.warnings.extend(other.warnings)
        self.duplicates += other.duplicates


@dataclass(frozen=True)
class _Context:
    base_url: str | None = None
    page_url: str | None = None
    language: str | None = None
    site_name: str | None = None
    page_title: str | None = None
    syntax: str = JSON
    ids: dict = field(default_factory=dict)


# --- entry points ------------------------------------------------------------


def extract(
    data,
    *,
    page_url: str | None = None,
    page_language: str | None = None,
) -> Extraction:
    """Every ClaimReview in ``data``: parsed JSON (dict or list), JSON text, an HTML page, or bytes of either.

    ``page_url`` is the address the document came from: relative fact-check
    URLs are resolved against it and a review without a URL on its own page
    takes it. ``page_language`` is used when neither the review nor the page
    declares a language.
    """
    if isinstance(data, bytes | bytearray):
        data = _decode(bytes(data))
        if isinstance(data, bytes):
            return extract_html(data, page_url=page_url, page_language=page_language)
    if isinstance(data, str):
        text = data.lstrip("\ufeff \t\r\n")
        if text[:1] in ("{", "["):
            try:
                parsed = json.loads(text, strict=False)
            except RecursionError:
                return Extraction(warnings=[_TOO_DEEP])
            except ValueError as exc:
                if "<" not in text:
                    return Extraction(warnings=[FieldWarning("document", messages.NOT_JSON % {"error": exc})])
            else:
                return extract_json(parsed, page_url=page_url, page_language=page_language)
        return extract_html(data, page_url=page_url, page_language=page_language)
    return extract_json(data, page_url=page_url, page_language=page_language)


def extract_json(
    data,
    *,
    page_url: str | None = None,
    page_language: str | None = None,
    syntax: str = JSON,
) -> Extraction:
    """Every ClaimReview (and Fact Check Tools API claim) anywhere in parsed JSON."""
    try:
        return _extract_json(data, page_url, page_language, syntax)
    except RecursionError:
        return Extraction(warnings=[_TOO_DEEP])


def _extract_json(data, page_url, page_language, syntax) -> Extraction:
    data = _clean_keys(data)
    # The address of a JSON document (an API listing, a feed) is not the address of the reviews in it:
    # it resolves their relative URLs but does not stand in for a missing one.
    ctx = _Context(
        base_url=page_url,
        language=normalise_language_tag(page_language)[0] if page_language else None,
        syntax=syntax,
        ids=_index_ids(data),
    )
    result = Extraction()
    for kind, node in _find(data):
        if kind == "html":
            result.extend(extract_html(node, page_url=page_url, page_language=page_language))
            continue
        result.extend(_extraction_of(kind, node, ctx))
    return result


def _extraction_of(kind: str, node: dict, ctx: _Context) -> Extraction:
    """What one found node gives: a Fact Check Tools API claim, or a ClaimReview."""
    single = Extraction()
    outcomes = _from_api_claim(node, ctx) if kind == FACT_CHECK_TOOLS else [normalise_claimreview(node, ctx=ctx)]
    for outcome in outcomes:
        _add(single, outcome)
    return single


def extract_html(
    page: str | bytes,
    *,
    page_url: str | None = None,
    page_language: str | None = None,
    syntaxes: Iterable[str] = HTML_SYNTAXES,
) -> Extraction:
    """Every ClaimReview embedded in an HTML page, as JSON-LD, microdata or RDFa.

    The page's ``lang`` (or ``Content-Language``, or ``og:locale``) is the
    language of a review that declares none; its canonical link is the base
    for relative URLs when ``page_url`` is not given; ``og:site_name`` names
    the publisher when the review only names a person.
    """
    try:
        return _extract_html(page, page_url, page_language, tuple(syntaxes))
    except RecursionError:
        return Extraction(warnings=[_TOO_DEEP])


def _extract_html(page, page_url, page_language, syntaxes) -> Extraction:
    result = Extraction()
    try:
        tree = pages.parse(page)
    except pages.PageError as exc:
        result.warnings.append(FieldWarning("document", str(exc)))
        return result
    info = _page_info(tree, page_url)
    language = info["language"] or (normalise_language_tag(page_language)[0] if page_language else None)
    nodes: list[tuple[str, object]] = []
    if JSON_LD in syntaxes:
        problems: list[tuple[str, str]] = []
        nodes += [(JSON_LD, block) for block in pages.json_ld_blocks(tree, problems)]
        result.warnings += [FieldWarning(name, reason) for name, reason in problems]
    if MICRODATA in syntaxes:
        nodes += [(MICRODATA, item) for item in pages.microdata_items(tree)]
    if RDFA in syntaxes:
        nodes += [(RDFA, item) for item in pages.rdfa_items(tree)]
    nodes = [(syntax, _clean_keys(node)) for syntax, node in nodes]
    ids = {}
    for _, node in nodes:
        ids.update(_index_ids(node))
    for syntax, node in nodes:
        ctx = _Context(
            base_url=info["base_url"],
            page_url=info["page_url"],
            language=language,
            site_name=info["site_name"],
            page_title=info["title"],
            syntax=syntax,
            ids=ids,
        )
        single = Extraction()
        for kind, found in _find(node, html_strings=False):
            single.extend(_extraction_of(kind, found, ctx))
        result.extend(single)
    return result


def normalise_claimreview(
    review: dict,
    *,
    base_url: str | None = None,
    language: str | None = None,
    ctx: _Context | None = None,
) -> FactCheck | Refusal:
    """One ClaimReview object as a :class:`FactCheck`, or a :class:`Refusal` when it has no URL and no claim."""
    if ctx is None:
        review = _clean_keys(review)
        ctx = _Context(
            base_url=base_url,
            page_url=base_url,
            language=normalise_language_tag(language)[0] if language else None,
            ids=_index_ids(review),
        )
    w: list[FieldWarning] = []
    date_only: set[str] = set()

    url = _url(review.get("url"), "url", w, base=ctx.base_url, relative=True)
    if url is None and review.get("mainEntityOfPage"):
        url = _url(review.get("mainEntityOfPage"), "mainEntityOfPage", w, base=ctx.base_url, relative=True, quiet=True)
        if url:
            w.append(FieldWarning("url", messages.URL_FROM_MAIN_ENTITY))
    if url is None and ctx.page_url:
        url = ctx.page_url
        w.append(FieldWarning("url", messages.URL_FROM_PAGE))

    claim = _text(review.get("claimReviewed"), "claimReviewed", w)
    if url is None and claim is None:
        return Refusal(messages.NO_URL_NO_CLAIM, ctx.syntax, review)
    if claim is None:
        w.append(FieldWarning("claimReviewed", messages.MISSING_OR_EMPTY))
    if url is None:
        w.append(FieldWarning("url", messages.URL_MISSING))

    headline = None
    for key in ("headline", "name", "title"):
        headline = _text(review.get(key), key, w)
        if headline:
            break
    if headline is None and ctx.page_title and url and ctx.page_url and url.rstrip("/") == ctx.page_url.rstrip("/"):
        # The review is the page's own: the page's title is the fact-check's headline.
        headline = ctx.page_title
    summary = _text(review.get("reviewBody"), "reviewBody", w) or _text(review.get("description"), "description", w)
    if summary is None and isinstance(review.get("reviewRating"), dict):
        summary = _text(review["reviewRating"].get("ratingExplanation"), "reviewRating.ratingExplanation", w)

    publisher, authors = _publisher(review, ctx, url, w)
    item = _first_node(review.get("itemReviewed"), "itemReviewed", ctx, w) or {}
    claimant = _claimant(item, ctx, url, w)
    appearances = _appearances(item, ctx, url, w)
    rating = _rating(review.get("reviewRating"), ctx, w)

    language, language_source = None, None
    for key, source in (("inLanguage", "inLanguage"), ("languageCode", "languageCode")):
        if review.get(key) not in (None, "", []):
            language = _language(review.get(key), key, w)
            if language:
                language_source = source
                break
    if language is None and ctx.language:
        language, language_source = ctx.language, "page"

    return FactCheck(
        url=url,
        claim_reviewed=claim,
        headline=headline,
        summary=summary,
        publisher=publisher,
        authors=authors,
        date_published=_date(review.get("datePublished"), "datePublished", w, date_only),
        date_modified=_date(review.get("dateModified"), "dateModified", w, date_only),
        language=language,
        language_source=language_source,
        claimant=claimant,
        claim_date=_date(item.get("datePublished"), "itemReviewed.datePublished", w, date_only),
        appearances=appearances,
        rating=rating,
        date_only=frozenset(date_only),
        syntax=ctx.syntax,
        warnings=tuple(w),
        raw=review,
    )


# --- finding reviews ---------------------------------------------------------


def _find(data, *, html_strings: bool = True) -> Iterator[tuple[str, object]]:
    """ClaimReview objects and API claims anywhere in ``data``, in document order.

    A ClaimReview is not searched inside (its ``itemReviewed`` is not a second
    review). With ``html_strings``, a string that holds an HTML page with a
    ClaimReview (WordPress' ``yoast_head``, an archived page in a JSON file) is
    yielded as ``("html", text)``.
    """
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if _is_claimreview(node):
                yield "claimreview", node
            elif _is_api_claim(node):
                yield FACT_CHECK_TOOLS, node
            else:
                stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif html_strings and isinstance(node, str) and len(node) > 100:
            lowered = node[:2_000_000].lower()
            if "claimreview" in lowered and "<script" in lowered:
                yield "html", node


def _is_claimreview(node: dict) -> bool:
    return "ClaimReview" in _types(node)


def _is_api_claim(node: dict) -> bool:
    reviews = node.get("claimReview")
    return isinstance(reviews, list) and "@type" not in node and any(isinstance(r, dict) for r in reviews)


def _types(node: dict) -> set[str]:
    value = node.get("@type", node.get("type"))
    values = value if isinstance(value, list) else [value]
    return {strip_schema_prefix(v) for v in values if isinstance(v, str)}


def _clean_keys(data):
    """Keys without their schema.org prefix (``schema:claimReviewed``, ``http://schema.org/url``)."""
    if isinstance(data, dict):
        return {(strip_schema_prefix(k) if isinstance(k, str) else k): _clean_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_clean_keys(v) for v in data]
    return data


def _index_ids(data) -> dict[str, dict]:
    """Nodes with an ``@id`` and more than it, for resolving ``{"@id": …}`` references in a ``@graph``."""
    index: dict[str, dict] = {}
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > 1 and not set(node) <= {"@id", "@type"}:
                index.setdefault(node_id, node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return index


def _deref(value, ctx: _Context):
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in ctx.ids:
        return ctx.ids[value["@id"]]
    return value


def _nodes(value, ctx: _Context) -> list:
    values = value if isinstance(value, list) else [value]
    return [_deref(v, ctx) for v in values if v not in (None, "", [], {})]


def _first_node(value, name: str, ctx: _Context, w: list) -> dict | None:
    nodes = [n for n in _nodes(value, ctx) if isinstance(n, dict)]
    if len(nodes) > 1:
        w.append(FieldWarning(name, messages.OBJECTS_GIVEN % {"count": len(nodes)}))
    return nodes[0] if nodes else None


def _add(result: Extraction, outcome: FactCheck | Refusal) -> None:
    if isinstance(outcome, Refusal):
        result.refused.append(outcome)
    else:
        result.extend(Extraction(records=[outcome]))


def _identity(record: FactCheck) -> tuple:
    return (record.url, record.claim_reviewed, record.rating.label)


# --- the Fact Check Tools API ------------------------------------------------


def _from_api_claim(claim: dict, ctx: _Context) -> Iterator[FactCheck | Refusal]:
    """The ``claims:search`` shape: a claim with ``claimReview[]`` of publisher, url, textualRating…"""
    api_ctx = replace(ctx, syntax=FACT_CHECK_TOOLS)
    reviews = [r for r in claim.get("claimReview") or [] if isinstance(r, dict)]
    for review in reviews:
        publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
        site = publisher.get("site")
        as_claimreview = {
            "@type": "ClaimReview",
            "url": review.get("url"),
            "headline": review.get("title"),
            "publisher": {
                "@type": "Organization",
                "name": publisher.get("name") or site,
                "url": site,
            },
            "datePublished": review.get("reviewDate"),
            "languageCode": review.get("languageCode"),
            "claimReviewed": claim.get("text"),
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": claim.get("claimant")} if claim.get("claimant") else None,
                "datePublished": claim.get("claimDate"),
            },
            "reviewRating": {"@type": "Rating", "alternateName": review.get("textualRating")},
        }
        outcome = normalise_claimreview(as_claimreview, ctx=api_ctx)
        if isinstance(outcome, FactCheck):
            outcome = _replace_raw(outcome, {**claim, "claimReview": [review]})
        yield outcome


def _replace_raw(record: FactCheck, raw: dict) -> FactCheck:
    return replace(record, raw=raw)


# --- fields ------------------------------------------------------------------


def _publisher(review: dict, ctx: _Context, url: str | None, w: list) -> tuple[Party, tuple[str, ...]]:
    authors = [n for n in _nodes(review.get("author"), ctx)]
    people, organizations = [], []
    for author in authors:
        if isinstance(author, str):
            people.append(author)
        elif isinstance(author, dict) and _is_person(author):
            people.append(author)
        elif isinstance(author, dict):
            organizations.append(author)
    publishers = [n for n in _nodes(review.get("publisher"), ctx) if isinstance(n, dict | str)]
    source = publishers[0] if publishers else (organizations[0] if organizations else None)
    if source is None and url:
        # TjekDet signs as a "Person" named TjekDet whose URL is the site itself: that is the publisher.
        for person in people:
            if isinstance(person, dict) and isinstance(person.get("url"), str) and _is_site_root(person["url"], url):
                source = person
                people = [p for p in people if p is not person]
                break
    name, publisher_url = None, None
    if isinstance(source, str):
        name = _text(source, "publisher", w)
    elif isinstance(source, dict):
        field_name = "publisher" if publishers else "author"
        name = _text(source.get("name") or source.get("legalName"), f"{field_name}.name", w)
        publisher_url = _url(source.get("url"), f"{field_name}.url", w, base=ctx.base_url, relative=True)
    if name is None and ctx.site_name:
        name = ctx.site_name
        w.append(FieldWarning("publisher", messages.PUBLISHER_FROM_SITE_NAME))
    if publisher_url is None and url:
        parts = urlsplit(url)
        publisher_url = f"{parts.scheme}://{parts.netloc}/"
    if name is None:
        w.append(FieldWarning("publisher", messages.NO_ORGANISATION))
    names = []
    for person in people + (organizations if publishers else organizations[1:]):
        text = _text(person.get("name") if isinstance(person, dict) else person, "author.name", w)
        if text and text != name and text not in names:
            names.append(text)
    return Party(name, publisher_url), tuple(names)


def _is_person(node: dict) -> bool:
    if "Person" in _types(node):
        return True
    url = node.get("url")
    return isinstance(url, str) and bool(_AUTHOR_PAGE.search(url)) and not (_types(node) - _ORGANIZATION_TYPES)


def _claimant(item: dict, ctx: _Context, url: str | None, w: list) -> Party:
    people = [n for n in _nodes(item.get("author"), ctx) if isinstance(n, dict | str)]
    if not people:
        return Party()
    if len(people) > 1:
        w.append(FieldWarning("itemReviewed.author", messages.CLAIMANTS_GIVEN % {"count": len(people)}))
    person = people[0]
    if isinstance(person, str):
        return Party(_text(person, "itemReviewed.author", w), None)
    name = _text(person.get("name"), "itemReviewed.author.name", w, joiner=", ")
    same_as = None
    for key in ("sameAs", "url"):
        if person.get(key) not in (None, "", []):
            same_as = _url(person.get(key), f"itemReviewed.author.{key}", w)
            if same_as:
                break
    if same_as and url and _is_own_page(same_as, url):
        w.append(FieldWarning("itemReviewed.author.sameAs", messages.OWN_PAGE % {"value": repr(same_as)}))
        same_as = None
    return Party(name, same_as)


def _same_site(a: str, b: str) -> bool:
    return urlsplit(a).netloc.lower().removeprefix("www.") == urlsplit(b).netloc.lower().removeprefix("www.")


def _is_site_root(candidate: str, factcheck_url: str) -> bool:
    return _same_site(candidate, factcheck_url) and urlsplit(candidate).path.rstrip("/") == ""


def _is_own_page(candidate: str, factcheck_url: str) -> bool:
    """The fact-checker's home page or the fact-check itself: never where a claimant is."""
    own_path = urlsplit(factcheck_url).path.rstrip("/")
    return _same_site(candidate, factcheck_url) and urlsplit(candidate).path.rstrip("/") in ("", own_path)


def _appearances(item: dict, ctx: _Context, url: str | None, w: list) -> tuple[Appearance, ...]:
    found: list[Appearance] = []
    for key, kind in _APPEARANCE_FIELDS:
        for node in _nodes(item.get(key), ctx):
            value = node.get("url") or node.get("@id") if isinstance(node, dict) else node
            if value in (None, "", []):
                continue
            link = _url(value, f"itemReviewed.{key}", w)
            if link is None:
                continue
            if url and link.rstrip("/") == url.rstrip("/"):
                w.append(FieldWarning(f"itemReviewed.{key}", messages.OWN_URL))
                continue
            if all(a.url != link for a in found):
                found.append(Appearance(link, kind))
    return tuple(found)


def _rating(value, ctx: _Context, w: list) -> PublishedRating:
    nodes = [n for n in _nodes(value, ctx) if isinstance(n, dict | str)]
    if not nodes:
        return PublishedRating()
    if len(nodes) > 1:
        w.append(FieldWarning("reviewRating", messages.RATINGS_GIVEN % {"count": len(nodes)}))
    node = nodes[0]
    if isinstance(node, str):
        return PublishedRating(label=_text(node, "reviewRating", w))
    label = _text(node.get("alternateName"), "reviewRating.alternateName", w) or _text(
        node.get("name"), "reviewRating.name", w
    )
    numbers = {}
    for key in ("ratingValue", "bestRating", "worstRating"):
        raw = node.get(key)
        if isinstance(raw, list) and len(raw) == 1:
            raw = raw[0]
        number = to_decimal(raw)
        if number is None and raw not in (None, "", []):
            text = _text(raw, f"reviewRating.{key}", [])
            if key == "ratingValue" and text and not label:
                label = text
                w.append(FieldWarning("reviewRating.ratingValue", messages.NUMBER_AS_LABEL % {"value": repr(text)}))
            else:
                w.append(FieldWarning(f"reviewRating.{key}", messages.NOT_A_NUMBER % {"value": repr(raw)}))
        numbers[key] = number
    return PublishedRating(label, numbers["ratingValue"], numbers["bestRating"], numbers["worstRating"])


def _text(value, name: str, w: list, *, joiner: str = "; ") -> str | None:
    """Text from what publishers put where text belongs: strings, lists of them, ``{"@value"}``, numbers."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        w.append(FieldWarning(name, messages.NOT_TEXT % {"value": repr(value)}))
        return None
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dict):
        inner = value.get("@value", value.get("name", value.get("text")))
        if inner is None or isinstance(inner, dict):
            w.append(FieldWarning(name, messages.OBJECT_WITHOUT_TEXT))
            return None
        return _text(inner, name, w, joiner=joiner)
    if isinstance(value, list):
        parts = []
        for part in value:
            text = _text(part, name, w, joiner=joiner)
            if text and text not in parts:
                parts.append(text)
        if len(parts) > 1:
            w.append(
                FieldWarning(
                    name, messages.VALUES_JOINED % {"count": len(parts), "joiner": repr(joiner.strip() or "spaces")}
                )
            )
        return joiner.join(parts) or None
    if not isinstance(value, str):
        w.append(FieldWarning(name, messages.WRONG_TYPE % {"type": type(value).__name__}))
        return None
    return clean_text(value)


def clean_text(text: str) -> str | None:
    """Text as a reader sees it: entities decoded (``&#039;`` → ``'``), tags and control characters out,
    whitespace collapsed, NFC, no lone surrogates."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html_lib.unescape(text)
    if _TAG.search(text):
        text = _TAG.sub(" ", text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = _CONTROL.sub(" ", text)
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text or None


def _url(value, name: str, w: list, *, base: str | None = None, relative: bool = False, quiet=False) -> str | None:
    """An absolute http(s) URL, or ``None`` with a warning.

    ``relative`` allows resolving a relative URL against ``base`` (the page's
    address): right for the fact-check's own URL, wrong for where a claim
    appeared. A URL without a scheme that starts with a domain
    (``aosfatos.org/noticias/…``) gets ``https://``.
    """
    values = value if isinstance(value, list) else [value]
    candidates = []
    for v in values:
        if isinstance(v, dict):
            v = v.get("@id") or v.get("url")
        if isinstance(v, str) and v.strip():
            candidates.append(v)
        elif v not in (None, "", []) and not quiet:
            w.append(FieldWarning(name, messages.NOT_A_URL % {"value": repr(v)}))
    result = None
    for candidate in candidates:
        link = _one_url(candidate, name, w, base, relative, quiet)
        if link and result is None:
            result = link
        elif link and link != result and not quiet:
            w.append(FieldWarning(name, messages.SEVERAL_URLS % {"value": repr(link)}))
    return result


def _one_url(raw: str, name: str, w: list, base: str | None, relative: bool, quiet: bool) -> str | None:
    def drop(reason):
        if not quiet:
            w.append(FieldWarning(name, reason))
        return None

    text = html_lib.unescape(raw.strip()) if "&" in raw else raw.strip()
    text = re.sub(r"\s+", "%20", text)
    if text.startswith("//"):
        text = (urlsplit(base).scheme if base else "https") + ":" + text
    parts = urlsplit(text)
    if not parts.scheme:
        if _DOMAIN_LIKE.match(text) and _top_level(text) not in _FILE_SUFFIXES:
            text = "https://" + text
            if not quiet:
                w.append(FieldWarning(name, messages.NO_SCHEME % {"value": repr(raw.strip())}))
        elif relative and base:
            text = urljoin(base, text)
            if not quiet:
                w.append(FieldWarning(name, messages.RELATIVE % {"value": repr(raw.strip())}))
        else:
            return drop(messages.NOT_ABSOLUTE % {"value": repr(raw.strip())})
        parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        return drop(messages.NOT_HTTP % {"value": repr(raw.strip())})
    host = parts.hostname or ""
    if not _HOST.match(host):
        return drop(messages.NO_HOST % {"value": repr(raw.strip())})
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return drop(messages.BAD_PORT % {"value": repr(raw.strip())})
    # Scheme and host are case-insensitive; "https://Detdette.dk" and "https://detdette.dk" are one URL.
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


def _top_level(text: str) -> str:
    host = re.split(r"[/?#:]", text, maxsplit=1)[0]
    return host.rsplit(".", 1)[-1].lower()


def _date(value, name: str, w: list, date_only: set[str]) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 and the variants publishers write
    (``+5:30``, ``+0530``, `` UTC``, ``2020-10-07 20:05``, date only)."""
    if isinstance(value, list):
        values = [v for v in value if v not in (None, "")]
        if len(values) > 1:
            w.append(FieldWarning(name, messages.DATES_GIVEN % {"count": len(values)}))
        value = values[0] if values else None
    if isinstance(value, dict):
        value = value.get("@value")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        w.append(FieldWarning(name, messages.NOT_A_DATE % {"value": repr(value)}))
        return None
    text = value.strip()
    short = _date_field(name)
    if _DATE_ONLY.match(text):
        try:
            parsed = datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            w.append(FieldWarning(name, messages.NOT_A_DATE % {"value": repr(text)}))
            return None
        date_only.add(short)
        return _sane(parsed, name, text, w)
    repaired = _UTC_SUFFIX.sub("+00:00", text)
    repaired = _OFFSET.sub(lambda m: f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3)}", repaired)
    parsed = None
    try:
        parsed = datetime.fromisoformat(repaired)
    except ValueError:
        ambiguous = _AMBIGUOUS_DAY_MONTH.match(text)
        if ambiguous and int(ambiguous.group(1)) <= 12 and int(ambiguous.group(2)) <= 12:
            w.append(FieldWarning(name, messages.DAY_OR_MONTH % {"value": repr(text)}))
            return None
        try:
            parsed = date_parser.parse(text, tzinfos={"UTC": 0, "GMT": 0, "Z": 0})
        except (ValueError, OverflowError, date_parser.ParserError):
            w.append(FieldWarning(name, messages.NOT_A_DATE % {"value": repr(text)}))
            return None
    if parsed.tzinfo is None and not _HAS_TIME.search(text):
        # "June 20, 2019": a day, like "2019-06-20".
        date_only.add(short)
        parsed = parsed.replace(tzinfo=UTC)
    elif parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
        w.append(FieldWarning(name, messages.NO_TIME_ZONE % {"value": repr(text)}))
    elif parsed.utcoffset() == timedelta(0) and parsed.tzinfo is not UTC:
        parsed = parsed.replace(tzinfo=UTC)
    elif not isinstance(parsed.tzinfo, timezone):
        parsed = parsed.replace(tzinfo=timezone(parsed.utcoffset()))
    return _sane(parsed, name, text, w)


def _date_field(name: str) -> str:
    return {"datePublished": "date_published", "dateModified": "date_modified"}.get(name, "claim_date")


def _sane(parsed: datetime, name: str, text: str, w: list) -> datetime | None:
    if not 1800 <= parsed.year <= 2200:
        w.append(FieldWarning(name, messages.OUT_OF_RANGE % {"value": repr(text)}))
        return None
    return parsed


def _language(value, name: str, w: list) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("@value") or value.get("name")
    if not isinstance(value, str) or not value.strip():
        w.append(FieldWarning(name, messages.NOT_A_LANGUAGE % {"value": repr(value)}))
        return None
    tag, dropped = normalise_language_tag(value)
    if tag is None:
        w.append(FieldWarning(name, messages.NOT_A_LANGUAGE % {"value": repr(value)}))
    elif dropped:
        w.append(
            FieldWarning(
                name, messages.SUBTAGS_DROPPED % {"value": repr(value), "dropped": repr(dropped), "tag": repr(tag)}
            )
        )
    return tag


# --- pages and bytes ---------------------------------------------------------


def _decode(data: bytes) -> str | bytes:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Leave the guess to lxml, which reads <meta charset>; JSON is UTF-8 by definition.
        stripped = data.lstrip()
        if stripped[:1] in (b"{", b"["):
            return data.decode("utf-8", "replace")
        return data


def _page_info(tree, page_url: str | None) -> dict:
    def first(xpath):
        return pages.first_value(tree, xpath)

    language = None
    for xpath in (
        "/html/@lang",
        "/html/@xml:lang",
        "//meta[translate(@http-equiv,'CONTENTLANGUAGE','contentlanguage')='content-language']/@content",
        "//meta[@property='og:locale']/@content",
    ):
        language = normalise_language_tag(first(xpath))[0]
        if language:
            break
    canonical = first("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    og_url = first("//meta[@property='og:url']/@content")
    base_href = first("//base/@href")
    page_url = page_url or _url(canonical, "canonical", [], quiet=True) or _url(og_url, "og:url", [], quiet=True)
    base_url = urljoin(page_url, base_href) if page_url and base_href else page_url
    site_name = first("//meta[@property='og:site_name']/@content")
    title = first("//meta[@property='og:title']/@content") or first("//title/text()")
    return {
        "language": language,
        "page_url": page_url,
        "base_url": base_url,
        "site_name": clean_text(site_name) if site_name else None,
        "title": clean_text(title) if title else None,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _str(value) -> str | None:
    return None if value is None else str(value)
