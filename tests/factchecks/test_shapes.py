"""Shapes of ClaimReview, built from real records (AFP, Vishvas News, BOOM, Data Commons, the Fact Check Tools API)."""

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from annotations.factchecks import extract, extract_html, extract_json, normalise_claimreview, normalise_language_tag
from annotations.factchecks.shapes import FactCheck, Refusal

IST = timezone(timedelta(hours=5, minutes=30))

# Vishvas News, as published (meedan/fetch spec/fixtures/vishvas_news_raw.json), with its "+5:30" offset.
VISHVAS = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "datePublished": "2020-06-22T12:26:08+5:30",
    "url": "https://www.vishvasnews.com/politics/fact-check-this-video-is-not-related-with-galwan-valley-clash/",
    "claimReviewed": "लद्दाख के गलवान घाटी में हुई झड़प का वीडियो",
    "author": {"@type": "Organization", "name": "Vishvas News", "url": "https://www.vishvasnews.com"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": "1",
        "bestRating": "5",
        "worstRating": "1",
        "alternateName": "False",
    },
    "itemReviewed": {
        "@type": "Claim",
        "author": {
            "@type": "Person",
            "name": "FB User-Afroz Muhammed",
            "sameAs": "https://www.facebook.com/AfrozSpeaker/videos/vb.100009544993209/2578838919110916/",
        },
        "datePublished": "2020-06-22T12:26:08+5:30",
    },
}


def review(**changes):
    data = copy.deepcopy(VISHVAS)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def only(result):
    assert result.tried == 1, (result.records, result.refused)
    assert len(result.records) == 1, result.refused
    return result.records[0]


def warned_fields(record):
    return {w.field for w in record.warnings}


# --- shapes ------------------------------------------------------------------


def test_one_object_becomes_one_fact_check():
    record = only(extract(VISHVAS))
    assert record.url == VISHVAS["url"]
    assert record.claim_reviewed == VISHVAS["claimReviewed"]
    assert record.publisher.name == "Vishvas News"
    assert record.publisher.url == "https://www.vishvasnews.com"
    assert record.claimant.name == "FB User-Afroz Muhammed"
    assert record.claimant.url.startswith("https://www.facebook.com/AfrozSpeaker/")
    assert record.rating.label == "False"
    assert (record.rating.value, record.rating.best, record.rating.worst) == (1, 5, 1)
    assert record.syntax == "json"
    assert record.raw["url"] == VISHVAS["url"]


def test_json_text_and_bytes_are_read_like_parsed_json():
    text = json.dumps(VISHVAS, ensure_ascii=False)
    assert only(extract(text)) == only(extract(VISHVAS))
    assert only(extract(("\ufeff" + text).encode("utf-8"))) == only(extract(VISHVAS))


def test_an_array_gives_one_record_per_review():
    other = review(url="https://www.vishvasnews.com/other/", claimReviewed="Another claim")
    result = extract([VISHVAS, other])
    assert [r.url for r in result.records] == [VISHVAS["url"], other["url"]]


def test_a_graph_is_searched_and_its_references_resolved():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "https://www.vishvasnews.com/#webpage"},
            {"@type": "Organization", "@id": "https://www.vishvasnews.com/#org", "name": "Vishvas News"},
            review(author={"@id": "https://www.vishvasnews.com/#org"}),
        ],
    }
    record = only(extract(graph))
    assert record.publisher.name == "Vishvas News"


def test_a_data_commons_feed_is_unwrapped():
    # meedan/fetch spec/fixtures/data_commons_raw.json, and the same item inside a DataFeed.
    item = {
        "@type": "DataFeedItem",
        "dateCreated": "2019-12-09T15:11:25.619782+00:00",
        "item": [review(url="https://www.presseportal.de/pm/133833/4381130")],
    }
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [item, item]}
    assert only(extract(item)).url == "https://www.presseportal.de/pm/133833/4381130"
    result = extract(feed)
    # The same review twice in one feed is one fact-check.
    assert len(result.records) == 1
    assert result.duplicates == 1


@pytest.mark.parametrize(
    "types",
    [
        ["Review", "ClaimReview"],
        "schema:ClaimReview",
        "http://schema.org/ClaimReview",
        "https://schema.org/ClaimReview",
    ],
)
def test_type_as_a_list_or_with_a_schema_org_prefix_is_a_claimreview(types):
    assert only(extract(review(**{"@type": types}))).url == VISHVAS["url"]


def test_prefixed_property_names_are_read():
    data = {f"schema:{k}" if not k.startswith("@") else k: v for k, v in VISHVAS.items()}
    data["@type"] = "schema:ClaimReview"
    assert only(extract(data)).claim_reviewed == VISHVAS["claimReviewed"]


def test_something_that_is_not_a_claimreview_gives_nothing():
    result = extract({"@type": "NewsArticle", "headline": "Fact check: …", "url": "https://example.org/a"})
    assert result.tried == 0
    assert result.records == []


def test_the_fact_check_tools_api_answer_gives_one_record_per_review():
    # meedan/newspeek spec/fixtures/google_fact_check_raw.json, inside a claims:search answer.
    claim = {
        "text": "کانپور کے ہیلٹ اسپتال میں مریض کی پٹائی کرتا ڈاکٹر",
        "claimant": "FB User-Harshit Pandey",
        "claimDate": "2019-06-20T12:12:40Z",
        "claimReview": [
            {
                "publisher": {"name": "Vishvas News", "site": "vishvasnews.com"},
                "url": "https://www.vishvasnews.com/urdu/society/viral-video-of-doctor-beating-patient/",
                "title": "فیکٹ چیک: مریض کی پٹائی کرتے ہوئے ڈاکٹر کا وائرل ویڈیو",
                "reviewDate": "2019-06-20T12:12:40Z",
                "textualRating": "False",
                "languageCode": "ur",
            }
        ],
    }
    answer = {"claims": [claim, {**claim, "claimReview": []}], "nextPageToken": "CAE"}
    record = only(extract(answer))
    assert record.syntax == "fact-check-tools-api"
    assert record.claim_reviewed == claim["text"]
    assert record.claimant.name == "FB User-Harshit Pandey"
    assert record.claim_date == datetime(2019, 6, 20, 12, 12, 40, tzinfo=UTC)
    assert record.date_published == datetime(2019, 6, 20, 12, 12, 40, tzinfo=UTC)
    assert record.publisher.name == "Vishvas News"
    assert record.publisher.url == "https://vishvasnews.com"
    assert record.headline.startswith("فیکٹ چیک")
    assert record.rating.label == "False"
    assert (record.language, record.language_source) == ("ur", "languageCode")
    assert record.raw["claimReview"][0]["textualRating"] == "False"


# --- fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2020-06-22T12:26:08+5:30", datetime(2020, 6, 22, 12, 26, 8, tzinfo=IST)),
        ("2020-06-22T12:26:08+05:30", datetime(2020, 6, 22, 12, 26, 8, tzinfo=IST)),
        ("2020-06-22T12:26:08+0530", datetime(2020, 6, 22, 12, 26, 8, tzinfo=IST)),
        ("2017-03-01 20:30:17 UTC", datetime(2017, 3, 1, 20, 30, 17, tzinfo=UTC)),
        ("2023-01-24T13:32:06.838Z", datetime(2023, 1, 24, 13, 32, 6, 838000, tzinfo=UTC)),
        ("2020-07-06T12:35:18+01:00", datetime(2020, 7, 6, 12, 35, 18, tzinfo=timezone(timedelta(hours=1)))),
        ("June 20, 2019 10:00 GMT", datetime(2019, 6, 20, 10, 0, tzinfo=UTC)),
    ],
)
def test_dates_keep_their_offset(published, expected):
    record = only(extract(review(datePublished=published)))
    assert record.date_published == expected
    assert record.date_published.utcoffset() == expected.utcoffset()
    assert "datePublished" not in warned_fields(record)


def test_a_date_without_a_time_is_midnight_utc_and_says_it_was_a_day():
    record = only(extract(review(datePublished="2022-10-24")))
    assert record.date_published == datetime(2022, 10, 24, tzinfo=UTC)
    assert "date_published" in record.date_only
    assert record.warnings == ()


def test_a_time_without_a_zone_is_read_as_utc_with_a_warning():
    # AFP writes "2020-06-23 20:02".
    record = only(extract(review(datePublished="2020-06-23 20:02")))
    assert record.date_published == datetime(2020, 6, 23, 20, 2, tzinfo=UTC)
    assert any("no time zone" in w.reason for w in record.warnings)


@pytest.mark.parametrize("published", ["not a date", "01/02/2020", "2020-13-45", 1592573812887, "0200-01-01"])
def test_a_bad_date_is_dropped_with_a_warning_and_the_record_kept(published):
    record = only(extract(review(datePublished=published)))
    assert record.date_published is None
    assert "datePublished" in warned_fields(record)
    assert record.claim_reviewed == VISHVAS["claimReviewed"]


def test_arrays_where_a_string_is_expected_are_read():
    # The Quint: claimReviewed as a one-item list; Africa Check: the claimant's name as two.
    record = only(
        extract(
            review(
                claimReviewed=["Last Tweets of Sushant Singh Rajput shared on 14 June"],
                itemReviewed={"@type": "CreativeWork", "author": {"name": ["Mzwandile Masina", "mayor of Ekurhuleni"]}},
            )
        )
    )
    assert record.claim_reviewed == "Last Tweets of Sushant Singh Rajput shared on 14 June"
    assert record.claimant.name == "Mzwandile Masina, mayor of Ekurhuleni"
    assert "claimReviewed" not in warned_fields(record)
    assert "itemReviewed.author.name" in warned_fields(record)


def test_html_entities_and_tags_do_not_reach_the_text():
    record = only(
        extract(
            review(
                claimReviewed="Rishi Sunak praises Manmohan Singh&#039;s economy ideas",
                description='<p><span style="font-weight: 400;">El a&ntilde;o 2021 &amp;amp; m&aacute;s</span></p>\n',
            )
        )
    )
    assert record.claim_reviewed == "Rishi Sunak praises Manmohan Singh's economy ideas"
    assert record.summary == "El año 2021 & más"


def test_headline_comes_from_headline_name_or_title():
    assert only(extract(review(headline="Headline"))).headline == "Headline"
    assert only(extract(review(name="AFP's name"))).headline == "AFP's name"
    assert only(extract(review(title="Newtral's title"))).headline == "Newtral's title"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("pt-br", "pt-BR"),
        ("zh-hant", "zh-Hant"),
        ("en_US", "en-US"),
        ("EN", "en"),
        ("es-419", "es-419"),
        ("English", "en"),
        ({"@type": "Language", "name": "Spanish", "alternateName": "es"}, "es"),
        (["id", "en"], "id"),
    ],
)
def test_in_language_becomes_a_bcp47_tag(value, expected):
    record = only(extract(review(inLanguage=value)))
    assert (record.language, record.language_source) == (expected, "inLanguage")


def test_language_subtags_that_are_not_kept_are_reported():
    record = only(extract(review(inLanguage="de-de-formal")))
    assert record.language == "de-DE"
    assert "inLanguage" in warned_fields(record)
    assert normalise_language_tag("klingon please") == (None, None)


def test_a_language_that_is_not_a_tag_is_dropped_with_a_warning():
    record = only(extract(review(inLanguage="?!")))
    assert record.language is None
    assert "inLanguage" in warned_fields(record)


def test_appearances_come_from_appearance_first_appearance_and_item_reviewed_url():
    record = only(
        extract(
            review(
                itemReviewed={
                    "@type": "Claim",
                    "url": "https://twitter.com/CatinhaZen/status/1266839666889809923",
                    "firstAppearance": {"@type": "CreativeWork", "url": "https://archive.is/wip/XKReX"},
                    "appearance": [
                        {"@type": "CreativeWork", "url": "https://kwai-video.com/p/TDQEC1Og"},
                        "https://kwai-video.com/p/2rSh4OCe",
                        {"@type": "CreativeWork", "url": "https://kwai-video.com/p/TDQEC1Og"},
                    ],
                }
            )
        )
    )
    assert [(a.url, a.kind) for a in record.appearances] == [
        ("https://kwai-video.com/p/TDQEC1Og", "appearance"),
        ("https://kwai-video.com/p/2rSh4OCe", "appearance"),
        ("https://archive.is/wip/XKReX", "firstAppearance"),
        ("https://twitter.com/CatinhaZen/status/1266839666889809923", "itemReviewed.url"),
    ]
    # The claim's location is never taken for the fact-check's own URL.
    assert record.url == VISHVAS["url"]


def test_the_fact_checks_own_url_is_not_an_appearance():
    record = only(extract(review(itemReviewed={"@type": "Claim", "appearance": [{"url": VISHVAS["url"]}]})))
    assert record.appearances == ()
    assert "itemReviewed.appearance" in warned_fields(record)


# --- one bad optional field: the review is kept --------------------------------
# Each case is one of the refusals of the realdata review, reduced to the field that caused it.


@pytest.mark.parametrize(
    "changes, field, kept",
    [
        # BOOM ×3, Newschecker: the claimant's URL is "/".
        ({"itemReviewed": {"author": {"name": "Facebook Post", "url": "/"}}}, "itemReviewed.author.url", None),
        # 20 Minutes: sameAs is a name.
        (
            {"itemReviewed": {"author": {"name": "Réseaux sociaux", "sameAs": "Réseaux sociaux"}}},
            "itemReviewed.author.sameAs",
            None,
        ),
        # Estadão: the claimant's sameAs is the fact-check itself.
        (
            {"itemReviewed": {"author": {"name": "Boatos", "sameAs": VISHVAS["url"]}}},
            "itemReviewed.author.sameAs",
            None,
        ),
        (
            {"itemReviewed": {"author": {"name": "X", "sameAs": "javascript:alert(1)"}}},
            "itemReviewed.author.sameAs",
            None,
        ),
        # TjekDet: a bare domain.
        (
            {"itemReviewed": {"author": {"name": "Detdette.dk", "sameAs": "Detdette.dk"}}},
            "itemReviewed.author.sameAs",
            "https://detdette.dk",
        ),
    ],
)
def test_a_bad_claimant_url_is_dropped_not_the_review(changes, field, kept):
    record = only(extract(review(**changes)))
    assert record.claimant.url == kept
    assert field in warned_fields(record)
    assert record.claim_reviewed and record.rating.label == "False"


def test_a_claimant_url_with_spaces_around_it_is_kept():
    # India Today: " https://www.facebook.com/…/posts/… ".
    url = "https://www.facebook.com/manmohansinghpm7/posts/pfbid08SjMqoPBM"
    record = only(extract(review(itemReviewed={"author": {"name": "Social media users", "sameAs": f" {url} "}})))
    assert record.claimant.url == url
    assert record.warnings == ()


def test_a_relative_fact_check_url_is_resolved_against_the_page():
    # Estadão: "/estadao-verifica/yanomamis-…/".
    record = only(extract(review(url="/estadao-verifica/yanomamis/"), page_url="https://www.estadao.com.br/x/"))
    assert record.url == "https://www.estadao.com.br/estadao-verifica/yanomamis/"
    assert "url" in warned_fields(record)


def test_a_fact_check_url_without_a_scheme_gets_https():
    # Aos Fatos: "aosfatos.org/noticias/…".
    record = only(extract(review(url="aosfatos.org/noticias/video-manipulado/")))
    assert record.url == "https://aosfatos.org/noticias/video-manipulado/"
    assert "url" in warned_fields(record)


def test_a_relative_url_without_a_page_to_resolve_it_is_a_warning_not_a_refusal():
    record = only(extract(review(url="/estadao-verifica/yanomamis/")))
    assert record.url is None
    assert "url" in warned_fields(record)
    assert record.claim_reviewed


def test_a_review_without_a_url_on_its_own_page_takes_the_pages_address():
    page = f'<html><head><script type="application/ld+json">{json.dumps(review(url=None))}</script></head></html>'
    record = only(extract(page, page_url="https://www.vishvasnews.com/page/"))
    assert record.url == "https://www.vishvasnews.com/page/"
    assert "url" in warned_fields(record)


def test_an_empty_claim_is_a_warning_when_the_url_is_there():
    # Le Monde: "claimReviewed": "".
    record = only(extract(review(claimReviewed="")))
    assert record.claim_reviewed is None
    assert "claimReviewed" in warned_fields(record)


def test_a_review_with_neither_url_nor_claim_is_refused_with_a_reason():
    result = extract(review(url="not a url", claimReviewed=""))
    assert result.records == []
    assert result.tried == 1
    assert "no usable fact-check URL and no claim" in result.refused[0].reason
    assert isinstance(normalise_claimreview(review(url=None, claimReviewed=None)), Refusal)


def test_a_rating_number_that_is_text_is_dropped_and_the_label_kept():
    record = only(extract(review(reviewRating={"ratingValue": "high", "bestRating": "5", "alternateName": "False"})))
    assert record.rating.label == "False"
    assert record.rating.value is None
    assert record.rating.best == Decimal(5)
    assert "reviewRating.ratingValue" in warned_fields(record)


def test_a_label_written_in_the_number_field_is_read_as_the_label():
    record = only(extract(review(reviewRating={"ratingValue": "Falso"})))
    assert record.rating.label == "Falso"
    assert record.rating.value is None


def test_empty_rating_numbers_are_simply_absent():
    # Fatabyyano: "ratingValue": "", "bestRating": "", "worstRating": "".
    record = only(
        extract(review(reviewRating={"ratingValue": "", "bestRating": "", "worstRating": "", "alternateName": "زائف"}))
    )
    assert record.rating.label == "زائف"
    assert (record.rating.value, record.rating.best, record.rating.worst) == (None, None, None)
    assert record.warnings == ()


def test_the_publisher_is_the_organisation_not_a_person_who_wrote_it():
    # BOOM: author is the editor, publisher the organisation.
    record = only(
        extract(
            review(
                author={"@type": "Person", "name": "Srijit Das", "url": "/srijit-das"},
                publisher={"@type": "Organization", "name": "BOOM", "url": "https://bangla.boomlive.in"},
            )
        )
    )
    assert record.publisher.name == "BOOM"
    assert record.authors == ("Srijit Das",)


def test_an_organisation_author_with_an_author_page_is_a_person():
    # Africa Check: {"@type": "Organization", "name": "Taryn Willows", "url": ".../about/authors/taryn-willows"}.
    author = {
        "@type": "Organization",
        "name": "Taryn Willows",
        "url": "https://africacheck.org/about/authors/taryn-willows",
    }
    record = only(extract(review(url="https://africacheck.org/fact-checks/reports/x", author=author)))
    assert record.publisher.name is None
    assert record.publisher.url == "https://africacheck.org/"
    assert record.authors == ("Taryn Willows",)
    assert "publisher" in warned_fields(record)


def test_to_dict_is_json_ready():
    record = only(extract(VISHVAS))
    data = json.loads(json.dumps(record.to_dict()))
    assert data["date_published"] == "2020-06-22T12:26:08+05:30"
    assert data["rating"] == {"label": "False", "value": "1", "best": "5", "worst": "1"}
    assert data["claimant"]["name"] == "FB User-Afroz Muhammed"


def test_a_fact_check_is_a_plain_value():
    record = only(extract(VISHVAS))
    assert isinstance(record, FactCheck)
    with pytest.raises(AttributeError):
        record.url = "https://elsewhere.example/"


# --- HTML pages ----------------------------------------------------------------


def page(*scripts, lang="hi", head=""):
    blocks = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    head = f'<meta charset="utf-8">{head}{blocks}'
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body><p>…</p></body></html>'


def test_json_ld_in_a_page_is_found_and_takes_the_pages_language():
    record = only(extract(page(json.dumps(VISHVAS, ensure_ascii=False), '{"@type": "WebSite"}')))
    assert record.syntax == "json-ld"
    assert (record.language, record.language_source) == ("hi", "page")


def test_in_language_wins_over_the_pages_lang():
    record = only(extract(page(json.dumps(review(inLanguage="ur")), lang="en")))
    assert (record.language, record.language_source) == ("ur", "inLanguage")


def test_a_page_without_lang_uses_content_language_or_og_locale():
    head = '<meta property="og:locale" content="ja_JP">'
    html = page(json.dumps(VISHVAS), head=head).replace(' lang="hi"', "")
    assert only(extract(html)).language == "ja-JP"


def test_a_page_that_names_only_a_person_gets_its_publisher_from_og_site_name():
    head = '<meta property="og:site_name" content="Estadão"><title>Yanomamis: é falso | Estadão</title>'
    data = review(author={"@type": "Person", "name": "Clarissa Pacheco"}, url="/estadao-verifica/yanomamis/")
    record = only(
        extract(page(json.dumps(data), head=head), page_url="https://www.estadao.com.br/estadao-verifica/yanomamis/")
    )
    assert record.publisher.name == "Estadão"
    assert record.authors == ("Clarissa Pacheco",)
    # The review is the page's own, so the page's title is its headline.
    assert record.headline == "Yanomamis: é falso | Estadão"


def test_the_canonical_link_is_the_base_for_relative_urls():
    head = '<link rel="canonical" href="https://www.estadao.com.br/estadao-verifica/yanomamis/">'
    record = only(extract(page(json.dumps(review(url="/estadao-verifica/yanomamis/")), head=head)))
    assert record.url == "https://www.estadao.com.br/estadao-verifica/yanomamis/"


def test_json_ld_that_publishers_break_is_repaired_where_it_can_be():
    broken = '<!-- {"@type": "ClaimReview", "url": "https://a.example/1", "claimReviewed": "One",} -->'
    two = json.dumps(review(url="https://a.example/2")) + "\n" + json.dumps(review(url="https://a.example/3"))
    hopeless = '{"@type": "ClaimReview", "url": "https://a.example/4", '
    result = extract_html(page(broken, two, hopeless))
    assert [r.url for r in result.records] == ["https://a.example/1", "https://a.example/2", "https://a.example/3"]
    assert [w.field for w in result.warnings] == ["json-ld block 3"]


def test_a_page_without_claimreview_gives_nothing():
    result = extract(page('{"@type": "NewsArticle", "headline": "x"}'))
    assert (result.tried, result.records, result.warnings) == (0, [], [])


def test_a_page_that_declares_its_encoding_in_an_xml_declaration_is_read():
    html = '<?xml version="1.0" encoding="UTF-8"?>' + page(json.dumps(VISHVAS, ensure_ascii=False))
    assert only(extract(html)).claim_reviewed == VISHVAS["claimReviewed"]


def test_page_bytes_in_a_declared_legacy_charset_are_read_as_declared():
    data = review(claimReviewed="Das Alte Rathaus in Leipzig ist versunken – für immer")
    html = page(json.dumps(data, ensure_ascii=False), head='<meta charset="windows-1252">', lang="de")
    raw = html.replace('<meta charset="utf-8">', "").encode("cp1252")
    assert only(extract(raw)).claim_reviewed == "Das Alte Rathaus in Leipzig ist versunken – für immer"


def test_an_empty_page_is_a_document_warning():
    assert [w.field for w in extract_html("   ").warnings] == ["document"]


MICRODATA = """<!DOCTYPE html><html lang="en"><body>
<article itemscope itemtype="https://schema.org/ClaimReview">
  <link itemprop="url" href="https://factcheck.afp.com/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll">
  <h1 itemprop="name">CDC does not add flu and pneumonia deaths to Covid-19 toll</h1>
  <meta itemprop="datePublished" content="2020-06-24T00:03:00+00:00">
  <div itemprop="author" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">AFP Fact Check</span><link itemprop="url" href="https://factcheck.afp.com/">
  </div>
  <p>Claim: <q itemprop="claimReviewed">The US Centers for Disease Control and Prevention lied about the number
     of deaths caused by COVID-19</q></p>
  <div itemprop="itemReviewed" itemscope itemtype="https://schema.org/CreativeWork">
    <link itemprop="url" href="https://www.facebook.com/photo.php?fbid=1334206990098622">
    <time itemprop="datePublished" datetime="2020-05-14">14 May</time>
    <span itemprop="author" itemscope itemtype="https://schema.org/Organization">
      <span itemprop="name">multiple sources</span></span>
  </div>
  <div itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating">
    Verdict: <b itemprop="alternateName">False</b>
    <meta itemprop="ratingValue" content="1"><meta itemprop="bestRating" content="5">
    <meta itemprop="worstRating" content="1">
  </div>
</article>
<div itemscope itemtype="https://schema.org/BreadcrumbList"><span itemprop="name">Home</span></div>
</body></html>"""

RDFA = """<!DOCTYPE html><html lang="en"><body vocab="https://schema.org/">
<article typeof="ClaimReview">
  <a property="url" href="https://factcheck.afp.com/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll">link</a>
  <h1 property="name">CDC does not add flu and pneumonia deaths to Covid-19 toll</h1>
  <meta property="datePublished" content="2020-06-24T00:03:00+00:00">
  <div property="author" typeof="Organization"><span property="name">AFP Fact Check</span></div>
  <p property="claimReviewed">The US Centers for Disease Control and Prevention lied about the number
     of deaths caused by COVID-19</p>
  <div property="itemReviewed" typeof="CreativeWork">
    <a property="url" href="https://www.facebook.com/photo.php?fbid=1334206990098622">post</a>
    <time property="datePublished" datetime="2020-05-14">14 May</time>
    <span property="author" typeof="Organization"><span property="name">multiple sources</span></span>
  </div>
  <div property="reviewRating" typeof="Rating">
    <b property="schema:alternateName">False</b>
    <meta property="ratingValue" content="1"><meta property="bestRating" content="5">
    <meta property="worstRating" content="1">
  </div>
</article></body></html>"""


@pytest.mark.parametrize("html, syntax", [(MICRODATA, "microdata"), (RDFA, "rdfa")])
def test_microdata_and_rdfa_give_the_same_fact_check_as_json_ld(html, syntax):
    record = only(extract(html))
    assert record.syntax == syntax
    assert record.url == "https://factcheck.afp.com/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll"
    assert record.headline == "CDC does not add flu and pneumonia deaths to Covid-19 toll"
    assert record.claim_reviewed == (
        "The US Centers for Disease Control and Prevention lied about the number of deaths caused by COVID-19"
    )
    assert record.publisher.name == "AFP Fact Check"
    assert record.claimant.name == "multiple sources"
    assert record.date_published == datetime(2020, 6, 24, 0, 3, tzinfo=UTC)
    assert record.claim_date == datetime(2020, 5, 14, tzinfo=UTC)
    assert [a.url for a in record.appearances] == ["https://www.facebook.com/photo.php?fbid=1334206990098622"]
    assert (record.rating.label, record.rating.value, record.rating.best, record.rating.worst) == ("False", 1, 5, 1)
    assert record.language == "en"


def test_the_same_review_in_json_ld_and_microdata_is_one_fact_check():
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.afp.com/cdc-does-not-add-flu-and-pneumonia-deaths-covid-19-toll",
        "claimReviewed": (
            "The US Centers for Disease Control and Prevention lied about the number of deaths caused by COVID-19"
        ),
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    html = MICRODATA.replace("<body>", f'<body><script type="application/ld+json">{json.dumps(data)}</script>')
    result = extract(html)
    assert len(result.records) == 1
    assert result.records[0].syntax == "json-ld"
    assert result.duplicates == 1


def test_only_the_syntaxes_asked_for_are_read():
    assert extract_html(MICRODATA, syntaxes=("json-ld",)).tried == 0
    assert extract_html(MICRODATA, syntaxes=("microdata",)).tried == 1


def test_a_page_inside_json_is_searched_when_it_holds_a_claimreview():
    # WordPress' REST API puts the page's JSON-LD in "yoast_head".
    wordpress = {"id": 30059, "yoast_head": page(json.dumps(VISHVAS, ensure_ascii=False)), "title": {"rendered": "x"}}
    record = only(extract_json(wordpress))
    assert record.syntax == "json-ld"


def test_microdata_properties_given_by_itemref_are_read():
    html = """<html><body>
    <div itemscope itemtype="https://schema.org/ClaimReview" itemref="verdict claim">
      <link itemprop="url" href="https://factcheck.afp.com/x"></div>
    <p id="claim" itemprop="claimReviewed">Kharkiv <script>var ad = 1;</script>fell<br>in 2022</p>
    <div id="verdict" itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating">
      <span itemprop="alternateName">Misleading</span></div>
    </body></html>"""
    record = only(extract(html))
    assert record.claim_reviewed == "Kharkiv fell in 2022"
    assert record.rating.label == "Misleading"


def test_an_itemref_that_points_back_at_its_item_does_not_loop():
    html = """<html><body><div id="a" itemscope itemtype="https://schema.org/ClaimReview" itemref="a">
      <link itemprop="url" href="https://factcheck.afp.com/x"><span itemprop="claimReviewed">C</span>
    </div></body></html>"""
    assert only(extract(html)).claim_reviewed == "C"


def test_a_day_written_out_is_a_day_not_a_time():
    record = only(extract(review(datePublished="June 20, 2019")))
    assert record.date_published == datetime(2019, 6, 20, tzinfo=UTC)
    assert "date_published" in record.date_only
    assert record.warnings == ()


def test_the_rating_explanation_is_the_summary_when_there_is_no_other():
    rating = {"alternateName": "False", "ratingExplanation": "The photo is from 2015."}
    assert only(extract(review(reviewRating=rating))).summary == "The photo is from 2015."
    assert only(extract(review(reviewRating=rating, reviewBody="Body."))).summary == "Body."


def test_url_scheme_and_host_are_lower_case():
    record = only(extract(review(url="HTTPS://WWW.VishvasNews.com/Politics/X/")))
    assert record.url == "https://www.vishvasnews.com/Politics/X/"


def test_the_address_of_a_json_listing_does_not_stand_in_for_a_reviews_missing_url():
    listing = {"total_results": 1, "data": [review(url=None)]}
    record = only(extract_json(listing, page_url="https://api.example.org/fact-checks?page=1"))
    assert record.url is None
    assert "url" in warned_fields(record)


def test_an_extraction_counts_what_a_job_reports():
    result = extract([VISHVAS, VISHVAS, review(url="x", claimReviewed=""), review(url="https://a.example/", name=7)])
    assert result.counts() == {"tried": 3, "extracted": 2, "warned": 0, "refused": 1, "duplicates": 1}
