"""Each input format, on real files from tests/data (the seed article among them)."""

import io
import json
import struct
import zipfile

import pytest
from django.utils import translation

from annotations.models import Activity, Article, Claim, ExternalFactCheck, JobStatus, Verb, Verdict

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
    with translation.override("id"):
        assert job.shown_message() == "Arsip ditolak: nama anggota arsip tidak aman '../../etc/evil.txt'."


def test_a_member_that_expands_past_its_declared_size_is_cut_there_and_reported(run_import):
    lines = b"".join(b'{"text": "article number %d"}\n' % i for i in range(100_000))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.jsonl", lines)
        archive.writestr("next.jsonl", b'{"text": "the member after it"}\n')
    data = bytearray(buffer.getvalue())
    declared = 300  # the header lies: 300 bytes, where the data expands to 2.9 MB
    struct.pack_into("<I", data, 22, declared)  # the first local header's size
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, declared)  # and the central directory's
    job = run_import("lying.zip", bytes(data))
    # Nothing past the declared size is inflated; the member fails its CRC
    # there (before its first line here), and the next member imports.
    assert job.created_count == 1 and Article.objects.filter(text="the member after it").exists()
    assert job.errors == [
        {
            "where": "bomb.jsonl",
            "reason": "damaged member, the rest of it is not read: Bad CRC-32 for file 'bomb.jsonl'",
        }
    ]


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


def test_claimreview_becomes_fact_checks_of_their_publisher_not_of_the_desk(run_import, project):
    project.install_rating_preset("id")
    ratings_before = project.ratings.count()
    job = run_import("claimreview.json")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2), job.errors
    assert not Article.objects.exists() and not Claim.objects.exists() and not Verdict.objects.exists()
    assert project.ratings.count() == ratings_before  # no publisher's label became a rating of the desk
    checked = ExternalFactCheck.objects.get(claimant_name="Amerika Serikat")
    assert checked.claim_reviewed == "AS menuduh Korea Utara menyuplai rudal balistik ke Rusia"
    assert (checked.url, checked.publisher_name) == (
        "https://cekfakta.example/2024/06/as-tuduh-korut",
        "Cek Fakta Contoh",
    )
    assert checked.claimant_url == "https://www.wikidata.org/wiki/Q30"
    assert checked.appearances == [{"url": "https://larismanis.example/2024/06/putin-kim-nato", "kind": "appearance"}]
    assert (checked.rating_label, checked.verdict_class) == ("Sebagian besar benar", "mostly_true")
    blogger = ExternalFactCheck.objects.get(claimant_name="A blogger")
    assert (blogger.rating_label, blogger.verdict_class) == ("Pants on fire", "false")
    assert Activity.objects.filter(verb=Verb.FACT_CHECK_IMPORTED).count() == 2
    again = run_import("claimreview.json")
    assert (again.created_count, again.duplicate_count) == (0, 2)


def test_a_claimreview_graph_keeps_the_review_and_passes_over_the_pages_other_nodes(run_import):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "ClaimReview", "claimReviewed": "Bumi datar", "url": "https://x.example/1",
         "reviewRating": {"@type": "Rating", "alternateName": "Salah"}},
        {"@type": "WebPage", "name": "bukan"},
    ]}  # fmt: skip
    job = run_import("graph.jsonld", json.dumps(graph).encode())
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED, 1, 0), job.errors
    assert ExternalFactCheck.objects.get().verdict_class == "false"


def test_a_json_file_without_claimreview_in_a_claimreview_import_is_reported(run_import):
    job = run_import("none.jsonld", json.dumps({"@type": "WebPage", "name": "bukan"}).encode())
    assert (job.created_count, job.failed_count) == (0, 1)
    assert job.errors[0]["reason"].startswith("not a ClaimReview")


def test_a_bad_optional_field_is_dropped_with_a_warning_and_the_fact_check_kept(run_import):
    review = {"@type": "ClaimReview", "claimReviewed": "Vaksin mengandung chip", "url": "https://x.example/2",
              "author": {"@type": "Organization", "name": "Cek", "url": "javascript:alert(1)"},
              "datePublished": "2024-06-19 08:00 UTC", "reviewRating": {"alternateName": "Hoaks"}}  # fmt: skip
    job = run_import("one.jsonld", json.dumps(review).encode())
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED, 1, 0), job.errors
    checked = ExternalFactCheck.objects.get()
    assert not checked.publisher_url.startswith("javascript") and checked.verdict_class == "false"
    assert checked.date_published.isoformat() == "2024-06-19T08:00:00+00:00"
    assert job.warning_count >= 1 and any("author" in w["reason"] or "url" in w["reason"] for w in job.warnings)
    assert job.warnings[0]["where"] == "record 1"


def test_a_csv_cell_larger_than_a_record_stops_the_file_with_an_error_not_a_memory_spike(run_import, settings):
    settings.IMPORT_MAX_RECORD_BYTES = 1024
    content = b'text,title\n"first article",one\n"' + b"x" * 5000 + b'",two\n"third",three\n'
    job = run_import("big-cell.csv", content)
    assert job.created_count == 1
    assert job.errors == [
        {
            "where": "line 3",
            "reason": "field larger than field limit (1024): the rest of the file is not read",
        }
    ]
