"""Checked before? in the browser: a claim that repeats a published fact-check
shows the earlier verdict as soon as it is marked, and one click links it."""

import pytest
from playwright.sync_api import expect

from annotations import workflow
from annotations.models import Claim, ClaimStatus, Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM, select_text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

REPEAT = "Amerika Serikat menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk dipakai di Ukraina."


@pytest.fixture
def published_claim():
    project = ProjectFactory(slug="demo", language="id", publisher_name="Cek Fakta")
    project.install_rating_preset("id")
    reviewer = member(project, Role.REVIEWER, user__username="reviewer")
    editor = member(project, Role.EDITOR, user__username="editor")
    article = ArticleFactory(project=project, text=SEED_TEXT, language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=reviewer, start=start, end=start + len(SEED_CLAIM))
    claim = workflow.claim_take(claim=claim, user=reviewer)
    verdict = workflow.verdict_create(
        claim=claim, user=reviewer, rating=project.ratings.get(label="Salah"), summary="Tidak ada bukti pengiriman."
    )
    verdict = workflow.verdict_submit(verdict=verdict, user=reviewer)
    workflow.verdict_publish(verdict=verdict, user=editor, approve=True)
    return claim


def test_a_repeated_claim_shows_the_earlier_verdict_once_marked_and_is_linked_in_one_click(
    published_claim, login, shot
):
    article = ArticleFactory(
        project=published_claim.project, language="id", text=f"Pesan berantai di grup keluarga: {REPEAT} Benarkah?"
    )
    start = article.text.index(REPEAT)
    page = login("reviewer")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    select_text(page, start, start + len(REPEAT))
    page.click("button:has-text('Save claim')")
    claim = Claim.objects.get(article=article)
    panel = page.locator(f"#claim-{claim.pk} details.checked-before")
    expect(panel).to_have_attribute("open", "")
    match = panel.locator("li.match-desk_verdict")
    expect(match).to_contain_text("Published by the desk")
    expect(match).to_contain_text("Salah")
    expect(match).to_contain_text("Tidak ada bukti pengiriman.")
    expect(match.locator("a", has_text="Public page")).to_have_attribute(
        "href", f"/claims/{published_claim.pk}/report/"
    )
    shot(page, "workspace-checked-before")
    match.locator("button:has-text('Link as duplicate')").click()
    expect(page.locator(f"#claim-{claim.pk} > .claim-head > .status")).to_have_text("Duplicate")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DUPLICATE and claim.duplicate_of == published_claim


def test_typing_a_statement_that_repeats_a_published_claim_shows_its_verdict_before_saving(
    published_claim, login, shot
):
    article = ArticleFactory(
        project=published_claim.project, language="id", text=f"Pesan berantai di grup keluarga: {REPEAT} Benarkah?"
    )
    page = login("reviewer")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    select_text(page, article.text.index("Benarkah"), len(article.text))
    box = page.locator("#claim-form .checked-before-typing")
    expect(page.locator("#id_statement")).to_be_focused()
    expect(box).to_be_hidden()  # one word: nothing asked
    page.locator("#id_statement").press_sequentially(REPEAT, delay=15)
    match = box.locator("li.match-desk_verdict")
    expect(match).to_contain_text("Published by the desk")
    expect(match).to_contain_text("Salah")
    expect(match.locator("a", has_text="Public page")).to_have_attribute(
        "href", f"/claims/{published_claim.pk}/report/"
    )
    shot(page, "workspace-checked-before-typing")
    assert not Claim.objects.filter(article=article).exists()  # nothing saved while typing
