"""Marking claims by touch and by mouse, claim status in the text, and
comments that stay in view: at 390×844 with touch, and on the desktop."""

import pytest
from playwright.sync_api import expect

from annotations import workflow
from annotations.models import Claim, ClaimStatus, Role

from ..factories import ArticleFactory, ClaimFactory, ProjectFactory, member
from .conftest import CHROMIUM, PHONE, select_text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

TEXT = (
    "Menteri berkata harga beras turun 20 persen.\n"
    "Gubernur menyebut 3 juta warga sudah divaksin. Ekspor naik dua kali lipat.\n"
    "Itu semua keliru."
)


@pytest.fixture
def project():
    project = ProjectFactory(slug="demo", language="id")
    member(project, Role.ANNOTATOR, user__username="annotator")
    member(project, Role.EDITOR, user__username="editor")
    return project


@pytest.fixture
def phone(login):
    """``phone("annotator")``: a page logged in on a 390×844 touch screen."""
    return lambda username: login(username, **PHONE)


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"] + 1


def test_a_claim_is_marked_by_touch(project, phone, shot):
    article = ArticleFactory(project=project, text=TEXT)
    quote = "Gubernur menyebut 3 juta warga sudah divaksin."
    start = TEXT.index(quote)
    page = phone("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    assert page.get_attribute("#article-text", "contenteditable") is None
    expect(page.locator("#mark-claim")).to_be_hidden()
    # A long press leaves a selection and no mouse event at all.
    select_text(page, start, start + len(quote), mark=False)
    expect(page.locator("#mark-claim")).to_be_visible()
    assert in_view(page, "#mark-claim")  # a bar at the bottom of the screen
    expect(page.locator("#claim-form")).to_be_hidden()
    shot(page, "marking-phone-button")
    page.locator("#mark-claim").tap()
    expect(page.locator("#claim-form")).to_be_visible()
    expect(page.locator("#claim-quote")).to_have_text(quote)
    assert in_view(page, "#id_statement")  # the form opens in view, not below the article
    expect(page.locator("#id_statement")).to_have_value(quote)  # the statement starts as the quote
    # The span stays highlighted while the form has the focus.
    assert page.evaluate("CSS.highlights.get('claim-pending').values().next().value.toString()") == quote
    shot(page, "marking-phone-form")
    page.fill("#id_claimant", "Gubernur")
    page.locator("#claim-form button[type=submit]").tap()
    expect(page.locator("li.claim")).to_have_count(1)
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote, claim.statement) == (start, start + len(quote), quote, quote)
    assert claim.claimant == "Gubernur"


def test_selecting_text_with_the_mouse_offers_mark_claim_without_taking_the_focus(project, login):
    article = ArticleFactory(project=project, text=TEXT)
    page = login("annotator", viewport={"width": 1366, "height": 900})
    page.goto(f"/projects/demo/articles/{article.pk}/")
    page.locator('#article-text [data-start="0"]').dblclick()  # selects a word, as one does to copy it
    expect(page.locator("#mark-claim")).to_be_visible()
    expect(page.locator("#claim-form")).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('#claim-form')") is None
    page.locator("#mark-claim").click()
    expect(page.locator("#claim-form")).to_be_visible()
    expect(page.locator("#id_statement")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#claim-form")).to_be_hidden()
    # Back in the text with the same words selected: Enter opens the form again.
    page.keyboard.press("Enter")
    expect(page.locator("#claim-form")).to_be_visible()


def test_an_empty_claim_is_refused_with_a_message(project, phone, shot):
    article = ArticleFactory(project=project, text=TEXT)
    page = phone("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    select_text(page, 0, 7)
    page.fill("#id_statement", "")
    page.fill("#id_claimant", "Menteri")
    page.locator("#claim-form button[type=submit]").tap()
    assert page.evaluate("document.getElementById('id_statement').validationMessage")  # the browser says so
    # And the server, for what the browser lets through.
    page.fill("#id_statement", "   ")
    page.locator("#claim-form button[type=submit]").tap()
    expect(page.locator("#claim-form")).to_contain_text("A claim needs a statement")
    expect(page.locator("#id_claimant")).to_have_value("Menteri")
    assert page.evaluate("CSS.highlights.has('claim-pending')")  # its span still shown
    shot(page, "marking-phone-refused")
    assert not Claim.objects.exists()


def test_highlights_show_status_with_a_legend_and_adjacent_claims_stay_apart(project, login, shot):
    article = ArticleFactory(project=project, text=TEXT)
    words = {status: TEXT.index(word) for status, word in (
        (ClaimStatus.OPEN, "Menteri"), (ClaimStatus.PUBLISHED, "harga"), (ClaimStatus.NOT_CHECKABLE, "Itu"),
        (ClaimStatus.IN_PROGRESS, "Gubernur"),
    )}  # fmt: skip
    for status, start in words.items():
        ClaimFactory(article=article, start=start, end=TEXT.index(" ", start), status=status)
    # Two claims that touch ("Menteri" | " berkata") and one that overlaps the first.
    touching = ClaimFactory(article=article, start=7, end=15)
    ClaimFactory(article=article, start=3, end=7)
    page = login("editor", viewport={"width": 1366, "height": 900})
    page.goto(f"/projects/demo/articles/{article.pk}/")
    colour = "(s) => getComputedStyle(s).backgroundColor"
    colours = {status: page.locator(f'#article-text [data-start="{start}"]').evaluate(colour)
               for status, start in words.items() if status != ClaimStatus.OPEN}  # fmt: skip
    colours["open"] = page.locator('#article-text [data-start="0"]').evaluate(colour)
    assert len(set(colours.values())) == 4, colours
    legend = page.locator("ul.claim-legend")
    for label in ("Open", "In progress", "Published", "Not checkable", "overlapping claims"):
        expect(legend).to_contain_text(label)
    # Where one claim ends and the next begins, a notch; an overlap is darker.
    boundary = page.locator(f'#article-text [data-start="{touching.start}"]')
    expect(boundary).to_have_class("hl d1 s-open gap")
    assert "inset" in boundary.evaluate("(s) => getComputedStyle(s).boxShadow")
    overlap = page.locator('#article-text [data-start="3"]')
    assert overlap.evaluate("(s) => getComputedStyle(s).backgroundImage") != "none"
    shot(page, "marking-status-colours")


def test_a_comment_posted_stays_in_view(project, phone):
    article = ArticleFactory(project=project, text=TEXT)
    claim = workflow.claim_mark(article=article, user=project.memberships.get(role="annotator").user, start=0, end=7)
    page = phone("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    page.evaluate("window.notReloaded = true")
    card = page.locator(f"#claim-{claim.pk}")
    card.locator("details.comments summary").tap()
    expect(card.locator("details.comments")).to_contain_text("No comments yet.")
    card.locator("textarea[name=body]").fill("Sumbernya mana?")
    card.locator("details.comments button[type=submit]").tap()
    expect(card.locator(".comment-list li")).to_have_count(1)
    expect(card.locator(".comment-list li")).to_contain_text("Sumbernya mana?")
    expect(card.locator(".comment-list time")).to_have_count(1)
    expect(card.locator("details.comments summary")).to_have_text("1 comment")
    assert card.locator("details.comments").evaluate("(d) => d.open")
    assert page.evaluate("window.notReloaded")
    expect(card.locator("textarea[name=body]")).to_have_value("")
