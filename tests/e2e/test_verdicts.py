"""The verdict pages in a real browser: nothing typed is lost, rounds of
review are visible to both sides, and public steps are confirmed first."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations import workflow
from annotations.models import ClaimStatus, Role, Verdict

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

PHONE = {"width": 390, "height": 844}
# Screenshots for a person to look at, outside the repository when asked (VERDICT_SHOTS).
SHOTS = Path(os.environ.get("VERDICT_SHOTS", Path(__file__).resolve().parents[2] / "test-screenshots"))


@pytest.fixture
def desk():
    project = ProjectFactory(name="Demo desk", slug="demo", language="id", publisher_name="Demo desk")
    project.install_rating_preset("id")
    users = {role: member(project, role, user__username=role) for role in Role.values}
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=users["annotator"], start=start, end=start + len(SEED_CLAIM),
                                statement="AS menuduh Korea Utara memasok rudal ke Rusia", claimant="AS")  # fmt: skip
    claim = workflow.claim_take(claim=claim, user=users["reviewer"])
    return project, claim, users


def snap(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_phone(login, browser, live_server, username):
    """A phone-sized, touch context logged in as ``username``."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, base_url=live_server.url)
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return context, page


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_typed_summary_survives_add_source(desk, login, browser, live_server, width):
    project, claim, users = desk
    if width == "phone":
        context, page = open_phone(login, browser, live_server, "reviewer")
    else:
        context, page = None, login("reviewer", viewport={"width": 1366, "height": 900})
    page.goto(f"/projects/demo/claims/{claim.pk}/verdict/")
    expect(page.locator("#evidence")).to_contain_text("No evidence yet.")
    page.select_option("#id_rating", value=str(project.ratings.get(label="Benar").pk))
    page.fill("#id_summary", "AS memang menuduh demikian (BELUM DISIMPAN).")
    page.fill("#id_source-url", "https://www.state.gov/dprk-russia")
    page.fill("#id_source-title", "Deplu AS")
    page.tap("button[name=add_source]") if width == "phone" else page.click("button[name=add_source]")
    expect(page.locator("#evidence ol.evidence > li")).to_have_count(1)
    expect(page.locator("#id_summary")).to_have_value("AS memang menuduh demikian (BELUM DISIMPAN).")
    expect(page.locator(".messages")).to_contain_text("Source added.")
    assert Verdict.objects.get().summary == "AS memang menuduh demikian (BELUM DISIMPAN)."
    # A comment, typed after more summary text: both saved, nothing lost.
    page.fill("#id_summary", "Ringkasan kedua.")
    page.fill("#id_comment-body", "Perlu sumber kedua?")
    page.click("button[name=post_comment]")
    expect(page.locator("#comments")).to_contain_text("Perlu sumber kedua?")
    expect(page.locator("#id_summary")).to_have_value("Ringkasan kedua.")
    # The Markdown preview, rendered by the server as the public page renders it; nothing is saved.
    page.fill("#id_analysis", "Pernyataan **resmi** Deplu AS.")
    page.click("button[name=preview]")
    expect(page.locator("#preview strong", has_text="resmi")).to_be_visible()
    expect(page.locator("#id_analysis")).to_have_value("Pernyataan **resmi** Deplu AS.")
    assert Verdict.objects.get().analysis == ""
    snap(page, f"verdict-editor-{width}")
    if context:
        context.close()


def test_changes_requested_reach_the_reviewer_and_the_editor_sees_the_diff(desk, login):
    project, claim, users = desk
    verdict = workflow.verdict_create(claim=claim, user=users["reviewer"], rating=project.ratings.get(label="Benar"),
                                      summary="AS menuduh demikian.")  # fmt: skip
    workflow.verdict_submit(verdict=verdict, user=users["reviewer"])
    editor = login("editor", viewport={"width": 1366, "height": 900})
    editor.goto(f"/projects/demo/verdicts/{verdict.pk}/")
    editor.fill("#id_comment", "Tambahkan tanggal tuduhan.")
    editor.click("button[value=request_changes]")
    expect(editor.locator(".with-reviewer")).to_contain_text("AS menuduh Korea Utara")
    snap(editor, "editor-queue-waiting-for-reviewer")

    reviewer = login("reviewer", viewport={"width": 1366, "height": 900})
    reviewer.goto("/projects/demo/review/")
    expect(reviewer.locator(".sent-back")).to_contain_text("Tambahkan tanggal tuduhan.")
    snap(reviewer, "review-queue-changes-requested")
    reviewer.click(".sent-back a")
    expect(reviewer.locator(".notice.changes-requested")).to_contain_text("Tambahkan tanggal tuduhan.")
    snap(reviewer, "verdict-editor-changes-requested")
    reviewer.fill("#id_summary", "AS menuduh demikian pada Juni 2024.")
    reviewer.select_option("#id_rating", value=str(project.ratings.get(label="Sebagian besar benar").pk))
    reviewer.click("button[name=submit]")
    expect(reviewer.locator(".messages")).to_contain_text("submitted")

    editor.goto("/projects/demo/editor/")
    editor.click("ul.queue a")
    expect(editor.locator("main")).to_contain_text("round 2")
    diff = editor.locator(".round-changes")
    expect(diff).to_contain_text("What changed from round 1 to round 2")
    expect(diff.locator("del").first).to_have_text("Benar")
    expect(diff.locator("ins").first).to_have_text("Sebagian besar benar")
    expect(diff).to_contain_text("AS menuduh demikian pada Juni 2024.")
    expect(editor.locator(".rounds")).to_contain_text("addressed")
    snap(editor, "verdict-review-round-2-diff")


def test_publishing_asks_for_confirmation_with_a_preview(desk, login):
    project, claim, users = desk
    verdict = workflow.verdict_create(claim=claim, user=users["reviewer"], rating=project.ratings.get(label="Benar"),
                                      summary="AS menuduh demikian.", analysis="Pernyataan **resmi**.")  # fmt: skip
    workflow.verdict_submit(verdict=verdict, user=users["reviewer"])
    editor = login("editor", viewport={"width": 1366, "height": 900})
    editor.goto(f"/projects/demo/verdicts/{verdict.pk}/")
    editor.click("button[value=publish]")
    expect(editor.locator("h1")).to_have_text("Publish this fact-check?")
    preview = editor.locator(".public-preview")
    expect(preview.locator(".verdict-rating")).to_contain_text("Benar")
    expect(preview.locator("strong", has_text="resmi")).to_be_visible()
    snap(editor, "publish-confirm-preview")
    assert Verdict.objects.get().status == "submitted"
    editor.click("button[name=confirmed]")
    expect(editor.locator(".messages")).to_contain_text("Published")
    assert Verdict.objects.get().status == "published"


def test_not_checkable_needs_a_reason_and_an_editor_reopens_it(desk, login, browser, live_server):
    project, claim, users = desk
    context, reviewer = open_phone(login, browser, live_server, "reviewer")
    reviewer.goto(f"/projects/demo/claims/{claim.pk}/verdict/")
    reviewer.fill("#id_summary", "Opini, bukan fakta.")
    reviewer.click("button[name=not_checkable]")
    expect(reviewer.locator("h1")).to_have_text("Mark the claim as not checkable?")
    reviewer.evaluate("document.getElementById('id_reason').removeAttribute('required')")  # as a browser without it
    reviewer.click("button.danger")
    expect(reviewer.locator(".errorlist")).to_contain_text("Say why the claim cannot be checked.")
    snap(reviewer, "not-checkable-reason-phone")
    reviewer.fill("#id_reason", "Prediksi tentang masa depan.")
    reviewer.click("button.danger")
    expect(reviewer.locator(".messages")).to_contain_text("not checkable")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.NOT_CHECKABLE
    assert Verdict.objects.get().summary == "Opini, bukan fakta."  # the typed text was saved first
    context.close()

    editor = login("editor", viewport={"width": 1366, "height": 900})
    editor.goto(f"/projects/demo/claims/{claim.pk}/verdict/")
    editor.click("button[value=reopen]")
    expect(editor.locator(".messages")).to_contain_text("open again")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.OPEN
