"""The whole journey of a fact-check on the seed article, in a real browser."""

import json

import pytest
from playwright.sync_api import expect

from annotations.models import Article, Claim, ExportJob, Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM, select_text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]


@pytest.fixture
def desk():
    project = ProjectFactory(name="Demo desk", slug="demo", language="id", publisher_name="Demo desk",
                             publisher_url="https://demo.example/")  # fmt: skip
    project.install_rating_preset("id")
    for role in Role.values:
        member(project, role, user__username=role)
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id",
                             url="https://larismanis.example/putin-kim", publisher="Larismanis")  # fmt: skip
    return project, article


@pytest.mark.worker
def test_a_claim_goes_from_the_text_to_a_published_fact_check(desk, login, shot, workers, tmp_path):
    project, article = desk
    workers.start()

    # The annotator marks the claim by selecting its sentence.
    annotator = login("annotator")
    shot(annotator, "01-home")
    annotator.goto(f"/projects/demo/articles/{article.pk}/")
    start = SEED_TEXT.index(SEED_CLAIM)
    select_text(annotator, start, start + len(SEED_CLAIM))
    form = annotator.locator("#claim-form")
    expect(form).to_be_visible()
    expect(annotator.locator("#claim-quote")).to_have_text(SEED_CLAIM)
    annotator.fill("#id_statement", "AS menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia")
    annotator.fill("#id_claimant", "AS")
    annotator.select_option("#id_claimant_type", "organization")
    annotator.fill("#id_claim_date", "2024-06-19")
    shot(annotator, "02-workspace-claim-form")
    annotator.keyboard.press("Control+Enter")
    expect(annotator.locator("li.claim")).to_have_count(1)
    shot(annotator, "03-workspace-claim-marked")
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote, claim.claimant) == (start, start + len(SEED_CLAIM), SEED_CLAIM, "AS")

    # The reviewer takes it and writes a verdict with two sources.
    reviewer = login("reviewer")
    reviewer.goto("/projects/demo/review/")
    shot(reviewer, "04-review-queue")
    reviewer.click("button:has-text('Take')")
    reviewer.select_option("#id_rating", value=str(project.ratings.get(label="Sebagian besar benar").pk))
    reviewer.fill("#id_summary", "AS memang menuduh demikian.")
    reviewer.fill("#id_analysis", "Pernyataan **resmi** Deplu AS, 2024.")
    reviewer.click("button[name=save]")
    for url, title in [("https://www.state.gov/dprk-russia", "Deplu AS"), ("https://www.nato.int/ks", "NATO")]:
        reviewer.fill("#id_source-url", url)
        reviewer.fill("#id_source-title", title)
        reviewer.click("button:has-text('Add source')")
    expect(reviewer.locator("#evidence ol.evidence > li")).to_have_count(2)
    shot(reviewer, "05-verdict-editor")
    reviewer.click("button[name=submit]")
    expect(reviewer.locator(".messages")).to_contain_text("submitted")

    # The editor asks for changes.
    editor = login("editor")
    editor.goto("/projects/demo/editor/")
    shot(editor, "06-editor-queue")
    editor.click("ul.queue a")
    shot(editor, "07-verdict-review")
    editor.fill("#id_comment", "Tambahkan tanggal tuduhan.")
    editor.click("button[value=request_changes]")

    # The reviewer sees the comment, edits and resubmits.
    reviewer.goto(f"/projects/demo/claims/{claim.pk}/verdict/")
    expect(reviewer.locator(".notice.changes-requested")).to_contain_text("Tambahkan tanggal tuduhan.")
    reviewer.fill("#id_summary", "AS menuduh demikian pada Juni 2024.")
    reviewer.click("button[name=submit]")

    # The editor publishes.
    editor.goto("/projects/demo/editor/")
    editor.click("ul.queue a")
    editor.click("button[value=publish]")
    expect(editor.locator(".public-preview")).to_contain_text("AS menuduh demikian pada Juni 2024.")
    editor.click("button[name=confirmed]")
    expect(editor.locator(".messages")).to_contain_text("Published")

    # The public page shows the verdict and its ClaimReview.
    public = login("admin")  # any browser; the page needs no login
    public.context.clear_cookies()
    public.goto(f"/claims/{claim.pk}/report/")
    expect(public.locator(".verdict-rating")).to_contain_text("Sebagian besar benar")
    expect(public.locator("main")).to_contain_text("AS menuduh demikian pada Juni 2024.")
    shot(public, "08-public-report")
    review = json.loads(public.locator("script[type='application/ld+json']").text_content())
    assert review["reviewRating"]["alternateName"] == "Sebagian besar benar"
    assert review["itemReviewed"]["author"]["name"] == "AS"

    # An export downloads and holds it.
    editor.goto("/projects/demo/exports/")
    shot(editor, "09-exports")
    editor.select_option("#id_format", "claimreview")
    editor.click("button:has-text('Start export')")
    expect(editor.locator("#download")).to_be_visible(timeout=60_000)
    shot(editor, "10-export-job")
    with editor.expect_download() as download:
        editor.click("#download")
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [item["claimReviewed"] for item in exported] == [
        "AS menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia"
    ]
    assert ExportJob.objects.get().status == "completed"

    # An import with one bad row shows its progress and that row's error.
    upload = tmp_path / "baru.jsonl"
    upload.write_text(
        "".join(json.dumps({"title": f"Berita {n}", "text": f"Isi berita nomor {n}."}) + "\n" for n in range(40))
        + '{"title": "rusak", "text": \n', encoding="utf-8",
    )  # fmt: skip
    editor.goto("/projects/demo/imports/")
    shot(editor, "11-imports")
    editor.set_input_files("#id_file", str(upload))
    editor.click("button:has-text('Upload and import')")
    expect(editor.locator("#job-bar")).to_be_visible()
    expect(editor.locator("#count-created")).to_have_text("40", timeout=60_000)
    expect(editor.locator("table.errors")).to_contain_text("line 41")
    expect(editor.locator("table.errors")).to_contain_text("invalid JSON")
    shot(editor, "12-import-job")
    assert Article.objects.count() == 41

    # The remaining pages, for the screenshots and a look.
    editor.goto("/projects/demo/")
    shot(editor, "13-dashboard")
    editor.goto("/projects/demo/articles/?q=berita")
    expect(editor.locator("table.list tbody tr")).to_have_count(25)
    shot(editor, "14-article-list")
    admin = login("admin")
    admin.goto("/projects/demo/members/")
    shot(admin, "15-members-ratings")
    phone = login("annotator", viewport={"width": 390, "height": 844})
    phone.goto(f"/projects/demo/articles/{article.pk}/")
    shot(phone, "16-workspace-phone")
    expect(phone.locator(".claims-pane > h2")).to_have_text("1 claim")
