"""What the public sees of a fact-check, on its public page and in the
report export alike: the verdict, its corrections and a retraction's note;
never how the desk worked on it; and of a retracted fact-check only what the
desk chose to keep public."""

import re
import shutil
import subprocess

import pytest
from django.test import Client

from annotations import workflow
from annotations.exporters import HTMLReportExporter, PDFReportExporter
from annotations.models import Project

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory
from .conftest import render

pytestmark = pytest.mark.django_db


def public_page(claim):
    response = Client(SERVER_NAME="localhost").get(f"/claims/{claim.pk}/report/")
    assert response.status_code == 200
    return response.content.decode()


def report_of(desk, claim):
    html = render(HTMLReportExporter(desk.project)).decode()
    return re.search(rf'<article class="report" id="claim-{claim.pk}".*?</article>', html, re.S).group()


@pytest.fixture
def worked_on(desk):
    """A claim that went back and forth before it was published: taken,
    released, taken again, sent back with a comment, resubmitted."""
    users = desk.users
    article = ArticleFactory(project=desk.project, text=SEED_TEXT + "\n\nSalinan.", language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=users["annotator"], start=start, end=start + len(SEED_CLAIM))
    claim = workflow.claim_take(claim=claim, user=users["reviewer"])
    claim = workflow.claim_release(claim=claim, user=users["reviewer"])
    claim = workflow.claim_take(claim=claim, user=users["reviewer"])
    verdict = workflow.verdict_create(claim=claim, user=users["reviewer"], rating=desk.ratings["Salah"],
                                      summary="Ringkasan.")  # fmt: skip
    verdict = workflow.verdict_submit(verdict=verdict, user=users["reviewer"])
    verdict = workflow.verdict_request_changes(verdict=verdict, user=users["editor"], comment="Sumber kurang.")
    verdict = workflow.verdict_submit(verdict=verdict, user=users["reviewer"])
    verdict = workflow.verdict_approve(verdict=verdict, user=users["editor"])
    workflow.verdict_publish(verdict=verdict, user=users["editor"])
    return claim


WORKFLOW_WORDS = [
    "took claim", "gave claim", "back to the queue", "into review", "asked for changes", "back to its reviewer",
    "approved", "submitted", "Sumber kurang.", "in_progress", "in_review",
]  # fmt: skip


def test_the_public_page_and_the_report_show_the_publication_not_the_desks_work(desk, worked_on):
    for html in (public_page(worked_on), report_of(desk, worked_on)):
        assert "published the fact-check of claim" in html and "Ringkasan." in html
        for word in WORKFLOW_WORDS:
            assert word not in html, word
        assert not re.search(r"\b\d{1,2}:\d{2}\b", html), "no time of day"


def retract(desk):
    return workflow.verdict_retract(verdict=desk.verdict, user=desk.users["editor"], comment="Sumbernya palsu.")


WITHDRAWN = ["AS memang menuduh demikian.", "<strong>Benar</strong> bahwa AS menuduh", "Pernyataan Deplu AS",
             "https://www.state.gov/dprk-russia", "Sebagian besar benar"]  # fmt: skip


def test_a_retracted_fact_check_shows_the_claim_and_the_note_only_by_default(desk):
    retract(desk)
    for html in (public_page(desk.claim), report_of(desk, desk.claim)):
        assert "This fact-check was retracted" in html and "Sumbernya palsu." in html
        assert "AS menuduh Korea Utara menyuplai" in html and "Retracted" in html
        for text in WITHDRAWN:
            assert text not in html, text


def test_a_desk_may_keep_a_retracted_fact_checks_text_public(desk):
    retract(desk)
    Project.objects.filter(pk=desk.project.pk).update(retracted_verdict_public=True)
    for html in (public_page(desk.claim), report_of(desk, desk.claim)):
        assert "This fact-check was retracted" in html and "Sumbernya palsu." in html
        for text in WITHDRAWN:
            assert text in html, text


def test_a_retracted_corrections_previous_rating_is_withdrawn_too(desk):
    correction = workflow.verdict_correct(
        verdict=desk.verdict, user=desk.users["editor"], correction_note="Rating diperbaiki.",
        rating=desk.ratings["Salah"],
    )  # fmt: skip
    workflow.verdict_retract(verdict=correction, user=desk.users["editor"], comment="Dicabut.")
    html = public_page(desk.claim)
    assert "Dicabut." in html and "version 2" in html
    assert "Sebagian besar benar" not in html and "Salah" not in html


def test_an_admin_sets_what_stays_public_through_the_api(desk):
    from rest_framework.test import APIClient

    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(desk.users["editor"])
    url = f"/api/v1/projects/{desk.project.pk}/"
    assert client.patch(url, {"retracted_verdict_public": True}, format="json").status_code == 403
    client.force_authenticate(desk.users["admin"])
    assert client.get(url).json()["retracted_verdict_public"] is False
    response = client.patch(url, {"retracted_verdict_public": True}, format="json")
    assert response.status_code == 200 and response.json()["retracted_verdict_public"] is True
    assert Project.objects.get(pk=desk.project.pk).retracted_verdict_public is True


def test_a_report_holds_published_claims_unless_the_filters_name_other_states(desk):
    published_only = render(HTMLReportExporter(desk.project)).decode()
    assert f'id="claim-{desk.claim.pk}"' in published_only and f'id="claim-{desk.emoji_claim.pk}"' in published_only
    assert f'id="claim-{desk.open_claim.pk}"' not in published_only
    asked = render(HTMLReportExporter(desk.project, {"status": ["open", "published"]})).decode()
    assert f'id="claim-{desk.open_claim.pk}"' in asked


def test_a_reports_cover_counts_the_fact_checks_by_rating_and_lists_them(desk):
    desk.ratings["Salah"].colour = "red"
    desk.ratings["Salah"].save()
    html = render(HTMLReportExporter(desk.project)).decode()
    cover = html[html.index('<section class="cover">') : html.index('<nav class="contents"')]
    assert "2 fact-checks" in cover
    assert re.search(r'rating-colour-red">Salah</strong></td><td class="num">1<', cover)
    assert re.search(r'>Sebagian besar benar</strong></td><td class="num">1<', cover)
    contents = html[html.index('<nav class="contents"') : html.index("</nav>")]
    assert f'<a href="#claim-{desk.claim.pk}">AS menuduh Korea Utara' in contents
    assert contents.count("<li>") == 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_a_pdf_report_has_a_cover_a_contents_page_and_a_page_per_fact_check(desk, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(PDFReportExporter(desk.project)))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 4, [page[:80] for page in pages]
    assert "2 fact-checks" in pages[0] and "Contents" in pages[1]
    # The contents give each fact-check's page.
    assert re.search(r"AS menuduh Korea Utara.*\.{3,}\s*3\b", pages[1])
