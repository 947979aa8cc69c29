"""HTML pages read as a browser reads them: their declared encoding first,
bad metadata dropped with a warning rather than the page refused."""

import pytest

from annotations.importers.readers.html import declared_encoding
from annotations.models import Article, JobStatus

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Harga beras di pasar induk naik 10 persen dalam sepekan terakhir, kata pedagang di Jakarta Timur.</p>"
    "<p>Menteri menyebut kenaikan itu “tidak benar” dan meminta warga tidak panik membeli beras.</p>"
    "<p>Badan Pusat Statistik mencatat inflasi pangan sebesar 2,5 persen bulan lalu; café di sekitar pasar sepi.</p>"
)


def page(head="", body=BODY, charset=None, title="Harga beras naik"):
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!doctype html><html lang=\"id\"><head>{meta}<title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")  # fmt: skip


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1"])
def test_a_page_in_windows_1252_is_read_in_the_encoding_it_declares(run_import, declared):
    job = run_import("page.html", page(charset=declared).encode("cp1252"))
    assert job.status == JobStatus.COMPLETED, job.errors
    text = Article.objects.get().text
    assert "“tidak benar”" in text and "café" in text and "Ã" not in text


def test_bytes_that_the_declared_encoding_refuses_are_replaced_with_a_warning(run_import):
    content = page(charset="utf-8").encode("utf-8").replace("café".encode(), b"caf\xe9")
    job = run_import("page.html", content)
    assert job.status == JobStatus.COMPLETED, job.errors
    assert "caf\ufffd" in Article.objects.get().text
    assert job.warnings == [{"where": "page", "reason": "1 bytes not valid in utf-8 were replaced by \ufffd"}]


def test_a_bad_metadata_url_and_a_photo_credit_are_dropped_not_the_page(run_import):
    long_url = "https://berita.example/" + "a" * 2100
    head = (f'<link rel="canonical" href="{long_url}"><meta name="author" content="Foto: Antara">'
            '<meta property="article:published_time" content="2024-06-19T08:30:00+07:00">')  # fmt: skip
    job = run_import("page.html", page(head=head, charset="utf-8").encode())
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 1), job.errors
    article = Article.objects.get()
    assert (article.url, article.author) == ("", "")
    assert article.published_at.isoformat() == "2024-06-19T01:30:00+00:00"  # the time kept, with its zone
    reasons = [warning["reason"] for warning in job.warnings]
    assert any(reason.startswith("url 'https://berita.example/aaa") for reason in reasons)
    assert any(reason.startswith("author 'Foto") for reason in reasons)


def test_a_page_that_declares_a_codec_that_is_not_text_is_read_as_if_it_declared_nothing(run_import):
    job = run_import("page.html", page(charset="rot13").encode("utf-8"))
    assert job.status == JobStatus.COMPLETED, job.errors
    assert "“tidak benar”" in Article.objects.get().text


def test_a_page_with_no_article_is_reported_as_such(run_import):
    job = run_import("index.html", b"<html><body><nav><a href='/a'>A</a><a href='/b'>B</a></nav></body></html>")
    assert job.errors[0]["reason"].startswith("no article text found in the page")


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cp1252"),
        (b"\xef\xbb\xbf<html>", "utf-8-sig"),
        (b'<meta charset="x-no-such-thing">', None),
        (b'<meta charset="zlib_codec">', None),  # a codec, but not a text encoding
        (b"<html><p>no declaration</p>", None),
    ],
)
def test_the_declared_encoding_is_read_from_the_bom_or_the_meta_tag(raw, encoding):
    assert declared_encoding(raw) == encoding


ENGLISH = (
    "<p>Rice prices at the main wholesale market rose by ten percent last week, traders in East Jakarta said.</p>"
    "<p>The minister called the rise untrue and asked residents not to panic-buy rice at the markets this month.</p>"
)
GERMAN = (
    "<p>Die Reispreise auf dem Großmarkt sind in der vergangenen Woche um zehn Prozent gestiegen, sagten Händler.</p>"
    "<p>Der Minister nannte den Anstieg unwahr und bat die Bürger, keine Hamsterkäufe zu tätigen.</p>"
)
JAPANESE = (
    "<p>東ジャカルタの市場の商人によると、卸売市場の米の価格は先週一週間で一割上昇した。</p>"
    "<p>大臣はこの値上がりは事実ではないと述べ、住民に米の買いだめをしないよう求めた。政府は在庫が十分にあると説明している。</p>"
    "<p>統計局によると、先月の食料品の物価上昇率は二・五パーセントだった。市場周辺の喫茶店は閑散としている。</p>"
)


def bare(head, body, root="<html>"):
    return f"<!doctype html>{root}<head><title>Rice</title>{head}</head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    ("content", "language"),
    [
        (bare("", ENGLISH), "en"),  # nothing declared: detection decides, not the project's "id"
        (bare('<meta content="ja_JP" property="og:locale">', JAPANESE), "ja-JP"),
        (bare('<meta http-equiv="Content-Language" content="de-de">', GERMAN), "de-DE"),
        (bare("", GERMAN, root='<html dir="ltr" class="x" lang="de-de-formal">'), "de-DE"),
        (bare("<!-- " + "x" * 6000 + " -->", BODY, root='<html\n  data-theme="light"\n  lang="id">'), "id"),
        (bare("", BODY, root='<html lang="in">'), "id"),  # the deprecated tag for Indonesian
    ],
)
def test_the_language_is_the_declared_one_in_bcp47_form_or_the_detected_one(run_import, content, language):
    job = run_import("page.html", content.encode())
    assert job.status == JobStatus.COMPLETED, job.errors
    assert Article.objects.get().language == language
    assert job.warnings == []


def test_a_declaration_the_text_plainly_contradicts_is_overruled_with_a_warning(run_import):
    job = run_import("kompas.html", bare("", BODY, root='<html lang="en">').encode())
    assert Article.objects.get().language == "id"
    assert job.warnings == [
        {"where": "page", "reason": "the page declares language 'en' but its text reads as 'id': stored as 'id'"}
    ]


def test_malay_declared_on_an_indonesian_text_is_believed(run_import):
    run_import("page.html", bare("", BODY, root='<html lang="ms-MY">').encode())
    assert Article.objects.get().language == "ms-MY"


CLAIM_REVIEW = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "ClaimReview",
 "url": "https://cek.example/beras-plastik", "claimReviewed": "Beras plastik beredar di pasar induk",
 "author": {"@type": "Organization", "name": "Cek Fakta Contoh"}, "datePublished": "2024-06-19",
 "reviewRating": {"@type": "Rating", "alternateName": "Salah"}}</script>"""


@pytest.mark.parametrize("page_articles", [False, True])
def test_a_fact_check_page_gives_its_fact_check_and_its_text_only_if_asked(run_import, page_articles):
    from annotations.models import ExternalFactCheck

    job = run_import("cek.html", page(head=CLAIM_REVIEW, charset="utf-8").encode(), page_articles=page_articles)
    assert job.status == JobStatus.COMPLETED, job.errors
    assert ExternalFactCheck.objects.get().claim_reviewed == "Beras plastik beredar di pasar induk"
    assert list(Article.objects.values_list("title", flat=True)) == (["Harga beras naik"] if page_articles else [])
    assert job.created_count == 1 + page_articles
