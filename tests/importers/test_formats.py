"""Each input format, on real files from tests/data (the seed article among them)."""

import json

import pytest

from annotations.models import Article, Claim, JobStatus, Verdict

from ..conftest import SEED_TEXT

pytestmark = pytest.mark.django_db


def test_the_seed_article_as_plain_text(run_import):
    job = run_import("seed-article.txt")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 1)
    article = Article.objects.get()
    assert article.text == SEED_TEXT
    assert article.title.startswith("LARISMANIS.COM – Pertemuan antara Presiden Rusia")
    assert len(article.title) <= 121 and article.title.endswith("…")
    assert article.language == "id"


def test_the_seed_article_as_an_html_page_keeps_its_text_and_no_markup(run_import):
    job = run_import("seed-article.html")
    assert job.status == JobStatus.COMPLETED, job.errors
    article = Article.objects.get()
    for paragraph in SEED_TEXT.split("\n"):
        assert paragraph in article.text
    assert "<" not in article.text and "iklan" not in article.text and "Beranda" not in article.text
    assert article.title == "Putin dan Kim bertemu, NATO khawatir"
    assert article.publisher == "Larismanis"
    assert article.url == "https://larismanis.example/2024/06/putin-kim-nato"
    assert article.published_at.date().isoformat() == "2024-06-19"
    assert article.language == "id"


def test_jsonl_keeps_every_field(run_import):
    job = run_import("articles.jsonl")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2)
    article = Article.objects.get(external_id="lm-2024-0619")
    assert article.text == SEED_TEXT
    assert (article.title, article.publisher, article.author) == ("Putin dan Kim bertemu", "Larismanis", "Redaksi")
    assert article.published_at.isoformat() == "2024-06-19T01:00:00+00:00"


def test_a_json_array_is_read_as_a_stream_of_records(run_import):
    job = run_import("articles.json")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2)
    assert Article.objects.filter(external_id="ex-2").get().text.startswith("Harga beras naik 10%")


def test_a_json_file_that_is_not_an_array_of_objects_is_reported(run_import):
    job = run_import("numbers.json", b"[1, 2]")
    assert [e["reason"] for e in job.errors] == ["expected a JSON object", "expected a JSON object"]
    job = run_import("cut.json", b'[{"text": "Satu."}, {"text": "Du')
    assert (job.created_count, job.failed_count) == (1, 1)
    assert job.errors[0]["where"] == "record 2" and "the rest of the file was not read" in job.errors[0]["reason"]


def test_a_csv_with_bom_and_semicolons_keeps_multiline_cells(run_import):
    job = run_import("articles-semicolon.csv")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2), job.errors
    assert Article.objects.get(external_id="lm-1").text == SEED_TEXT
    assert Article.objects.get(external_id="lm-2").text == "Teks dengan ; titik koma dan\nbaris baru."


def test_a_windows_1252_csv_is_detected(run_import):
    job = run_import("articles-cp1252.csv")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2), job.errors
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"Café déjà vu", "Naïve façade"}
    assert Article.objects.get(title="Café déjà vu").text.startswith("The minister said “prices fell” – a claim")


def test_a_csv_encoding_can_be_named(run_import):
    content = "title,text\nŁódź,Zażółć gęślą jaźń.\n".encode("iso-8859-2")
    job = run_import("polish.csv", content, encoding="iso-8859-2")
    assert (job.encoding, Article.objects.get().title) == ("iso-8859-2", "Łódź")


def test_a_csv_without_a_text_column_is_reported(run_import):
    job = run_import("wrong.csv", b"title;body\nA;B\n")
    assert job.status == JobStatus.COMPLETED_WITH_ERRORS
    assert job.errors == [{"where": "line 1", "reason": "the header has no 'text' column (found: title, body)"}]


def test_a_zip_of_several_formats_reports_what_it_cannot_read(run_import):
    job = run_import("articles.zip")
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED_WITH_ERRORS, 3, 1)
    assert job.errors == [{"where": "catatan.pdf", "reason": "unsupported file type"}]
    assert Article.objects.filter(text=SEED_TEXT).exists()


def test_a_zip_holding_a_dot_dot_name_is_refused_whole(run_import):
    job = run_import("evil.zip")
    assert job.status == JobStatus.FAILED
    assert job.message == "Archive refused: unsafe member name '../../etc/evil.txt'."
    assert not Article.objects.exists()


def test_a_zip_over_the_size_limits_is_refused(run_import, settings):
    settings.IMPORT_ZIP_MAX_BYTES = 1000
    job = run_import("articles.zip")
    assert job.status == JobStatus.FAILED and "bytes uncompressed; at most 1000" in job.message
    settings.IMPORT_ZIP_MAX_BYTES, settings.IMPORT_ZIP_MAX_FILES = 10**9, 2
    job = run_import("articles.zip")
    assert job.status == JobStatus.FAILED and "3 files; at most 2" in job.message
    assert not Article.objects.exists()


def test_a_file_that_is_not_a_zip_is_refused(run_import):
    job = run_import("fake.zip", b"PK but not really")
    assert (job.status, job.message) == (JobStatus.FAILED, "Archive refused: not a valid ZIP file.")


def test_claimreview_becomes_published_claims_and_verdicts_of_its_publisher(run_import, project):
    project.install_rating_preset("id")
    job = run_import("claimreview.json")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2), job.errors
    claim = Claim.objects.get(claimant="Amerika Serikat")
    assert claim.status == "published"
    assert claim.quote == claim.article.text == "AS menuduh Korea Utara menyuplai rudal balistik ke Rusia"
    assert claim.claimant_url == "https://www.wikidata.org/wiki/Q30"
    assert claim.claim_date.isoformat() == "2024-06-19"
    assert claim.appearance_urls == ["https://larismanis.example/2024/06/putin-kim-nato"]
    assert claim.article.publisher == "Cek Fakta Contoh"
    assert claim.article.external_id == "https://cekfakta.example/2024/06/as-tuduh-korut"
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.status, verdict.rating.label, verdict.rating.active) == ("published", "Sebagian besar benar", True)
    assert verdict.summary == "Tuduhan itu memang disampaikan AS."
    unknown = Verdict.objects.get(claim__claimant="A blogger").rating
    assert (unknown.label, unknown.value, unknown.active) == ("Pants on fire", 1, False)
    again = run_import("claimreview.json")
    assert (again.created_count, again.duplicate_count) == (0, 2)


def test_a_claimreview_graph_and_a_non_claimreview_item(run_import):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "ClaimReview", "claimReviewed": "Bumi datar", "url": "https://x.example/1",
         "reviewRating": {"@type": "Rating", "alternateName": "Salah"}},
        {"@type": "WebPage", "name": "bukan"},
    ]}  # fmt: skip
    job = run_import("graph.jsonld", json.dumps(graph).encode())
    assert (job.created_count, job.failed_count) == (1, 1)
    assert job.errors == [{"where": "record 1 item 2", "reason": "not a ClaimReview (its @type is not ClaimReview)"}]
