"""Every export format on the demo's claim once published (and a claim on a
text with emoji), checked as the standards and their readers expect."""

import csv
import importlib.util
import io
import json
import shutil
import subprocess

import pytest

from annotations.exporters import (
    ClaimReviewExporter,
    CSVExporter,
    FeverExporter,
    HTMLReportExporter,
    JSONLExporter,
    PDFReportExporter,
)
from annotations.models import Rating

from ..conftest import ROOT
from .conftest import EMOJI_TEXT, render

pytestmark = pytest.mark.django_db


def reviews(desk, **filters):
    return json.loads(render(ClaimReviewExporter(desk.project, filters)))


def test_claimreview_holds_one_object_per_published_verdict(desk):
    assert [r["claimReviewed"] for r in reviews(desk)] == [
        "AS menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia", '=HYPERLINK("http://evil")',
    ]  # fmt: skip


def test_claimreview_follows_the_rules_property_by_property(desk, settings):
    settings.PUBLIC_BASE_URL = "https://desk.example"
    review = reviews(desk)[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == f"https://desk.example/claims/{desk.claim.pk}/report/"
    assert "Sebagian" not in review["claimReviewed"]  # the statement, never the rating
    assert review["author"] == {"@type": "Organization", "name": "Cek Fakta Demo", "url": "https://cekfakta.example/"}
    assert review["datePublished"] == desk.verdict.published_at.date().isoformat()
    assert review["inLanguage"] == "id"
    rating = review["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Sebagian besar benar", "ratingValue": 4,
                      "worstRating": 1, "bestRating": 5}  # fmt: skip
    assert 1 <= rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["bestRating"] > rating["worstRating"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2024-06-19"
    assert item["author"] == {"@type": "Organization", "name": "AS", "sameAs": "https://www.wikidata.org/wiki/Q30"}
    assert item["appearance"] == [{
        "@type": "NewsArticle", "url": "https://larismanis.example/putin-kim", "headline": "Putin dan Kim",
        "publisher": {"@type": "Organization", "name": "Larismanis"},
    }]  # fmt: skip


def test_a_text_only_rating_leaves_the_numbers_out(desk):
    Rating.objects.filter(label="Sebagian besar benar").update(value=None)
    assert reviews(desk)[0]["reviewRating"] == {"@type": "Rating", "alternateName": "Sebagian besar benar"}
    person = reviews(desk)[1]["itemReviewed"]["author"]
    assert person == {"@type": "Person", "name": "Unknown"}


def test_claimreview_filters_by_rating_and_date(desk):
    assert len(reviews(desk, rating=[desk.ratings["Salah"].pk])) == 1
    assert reviews(desk, published_after="2100-01-01") == []


def csv_rows(desk, **filters):
    content = render(CSVExporter(desk.project, filters))
    return content, list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_has_a_row_per_claim_and_opens_in_a_spreadsheet(desk):
    content, rows = csv_rows(desk)
    assert content.startswith(b"\xef\xbb\xbf")
    assert [row["status"] for row in rows] == ["published", "published", "open"]
    seed = rows[0]
    assert (seed["claimant"], seed["rating"], seed["rating_value"], seed["reviewer"], seed["editor"]) == (
        "AS", "Sebagian besar benar", "4", "reviewer", "editor",
    )  # fmt: skip
    assert seed["evidence_urls"] == "https://www.state.gov/dprk-russia https://www.nato.int/s"
    assert not csv_rows(desk, bom=False)[0].startswith(b"\xef\xbb\xbf")


def test_csv_neutralises_formula_injection(desk):
    _, rows = csv_rows(desk)
    assert rows[1]["statement"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["summary"] == "'-1 bukti"
    assert rows[0]["start"] == str(desk.claim.start)  # numbers are left alone


def test_exported_quotes_equal_the_text_at_their_offsets_with_emoji(desk):
    _, rows = csv_rows(desk)
    emoji = rows[1]
    assert emoji["quote"] == EMOJI_TEXT[int(emoji["start"]) : int(emoji["end"])] == "“Vaksin mengandung chip”"
    lines = [json.loads(line) for line in render(JSONLExporter(desk.project)).splitlines()]
    for article in lines:
        for claim in article["claims"]:
            assert article["text"][claim["start"] : claim["end"]] == claim["quote"]


def test_jsonl_holds_articles_claims_verdict_history_evidence_and_activity(desk):
    lines = [json.loads(line) for line in render(JSONLExporter(desk.project)).splitlines()]
    assert [article["title"] for article in lines] == ["Putin dan Kim", "Vaksin"]
    claim = lines[0]["claims"][0]
    assert (claim["claimant"], claim["status"], claim["tags"]) == ("AS", "published", ["nato"])
    verdict = claim["verdicts"][0]
    assert (verdict["rating"], verdict["status"], verdict["author"]) == (
        "Sebagian besar benar",
        "published",
        "reviewer",
    )
    assert [e["title"] for e in verdict["evidence"]] == ["Pernyataan Deplu AS", "NATO"]
    assert [(a["verb"], a["to_state"]) for a in claim["activity"]][:2] == [
        ("claim.marked", "open"),
        ("claim.taken", "in_progress"),
    ]


def test_fever_maps_ratings_to_labels(desk):
    records = [json.loads(line) for line in render(FeverExporter(desk.project)).splitlines()]
    assert [(r["claim"], r["label"]) for r in records] == [
        ("AS menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia", "SUPPORTS"),
        ('=HYPERLINK("http://evil")', "REFUTES"),
    ]  # fmt: skip
    assert records[0]["sources"][0] == {"url": "https://www.state.gov/dprk-russia", "title": "Pernyataan Deplu AS",
                                        "quote": ""}  # fmt: skip
    # FEVER's own shape: one evidence set of the verdict's sources, [annotation, evidence, page, line] each.
    pages = [(item[2], item[3]) for item in records[0]["evidence"][0]]
    assert pages == [("https://www.state.gov/dprk-russia", 0), ("https://www.nato.int/s", 1)]
    assert records[0]["verifiable"] == "VERIFIABLE" and records[0]["all_evidence"] == records[0]["evidence"][0]
    Rating.objects.filter(label="Salah").update(fever_label="NOT ENOUGH INFO")
    records = [json.loads(line) for line in render(FeverExporter(desk.project)).splitlines()]
    assert (records[1]["label"], records[1]["verifiable"]) == ("NOT ENOUGH INFO", "NOT VERIFIABLE")
    assert [item[1:] for item in records[1]["evidence"][0]] == [[None, None, None]]


SCORER = ROOT.parent / "shared" / "data" / "real" / "fever" / "scorer.py"


@pytest.mark.skipif(not SCORER.exists(), reason="FEVER's official scorer is read from ../shared/data/real/fever/")
def test_the_official_fever_scorer_reads_the_export_as_gold_data(desk):
    """FEVER's scorer (sheffieldnlp/fever-scorer, src/fever/scorer.py), run on
    the export as the gold file: a perfect prediction scores 1, a wrong label 0."""
    spec = importlib.util.spec_from_file_location("fever_scorer", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = [json.loads(line) for line in render(FeverExporter(desk.project)).splitlines()]
    perfect = [
        {"id": g["id"], "predicted_label": g["label"],
         "predicted_evidence": [[item[2], item[3]] for group in g["evidence"] for item in group if item[2]]}
        for g in gold
    ]  # fmt: skip
    strict, accuracy, precision, recall, f1 = scorer.fever_score(perfect, gold)
    # Strictly correct needs the evidence too: a verdict published without sources cannot be.
    sourced = [g for g in gold if g["label"] == "NOT ENOUGH INFO" or g["evidence"][0][0][2]]
    assert 0 < len(sourced) < len(gold)
    assert (strict, accuracy, precision) == (len(sourced) / len(gold), 1.0, 1.0)
    wrong = [{**p, "predicted_label": "NOT ENOUGH INFO" if p["predicted_label"] != "NOT ENOUGH INFO" else "SUPPORTS"}
             for p in perfect]  # fmt: skip
    assert scorer.fever_score(wrong, gold)[:2] == (0.0, 0.0)


def test_the_html_report_shows_claim_verdict_evidence_and_history_safely(desk):
    html = render(HTMLReportExporter(desk.project, {"status": ["published"]})).decode()
    assert html.startswith("<!doctype html>") and "@page" in html
    assert "AS menuduh Korea Utara" in html and "Sebagian besar benar" in html
    assert "<strong>Benar</strong> bahwa AS menuduh" in html  # Markdown rendered
    assert "<script>alert(1)</script>" not in html  # and sanitised
    assert "Pernyataan Deplu AS" in html and "https://www.state.gov/dprk-russia" in html
    # Readers see when it was published, not how the desk worked on it.
    assert "published the fact-check of claim" in html and "in_progress" not in html and "took claim" not in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_report_opens_and_holds_the_report(desk, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render(PDFReportExporter(desk.project, {"status": ["published"]})))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "AS menuduh Korea Utara" in text
    assert "Sebagian besar benar" in text and "Pernyataan Deplu AS" in text
    assert "“Vaksin mengandung chip”" in text


def test_a_pdf_of_too_many_claims_is_refused_with_a_reason(desk, settings):
    settings.EXPORT_PDF_MAX_CLAIMS = 1
    with pytest.raises(ValueError, match="at most 1 claims"):
        render(PDFReportExporter(desk.project))
