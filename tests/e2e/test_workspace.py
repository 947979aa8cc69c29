"""The annotation workspace: exact offsets whatever the script, the keyboard,
and untrusted article text that must stay text."""

import pytest
from playwright.sync_api import expect

from annotations.models import Claim, Role

from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM, select_text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

EMOJI_TEXT = "Hoaks 👍🏽🇮🇩 menyebar: café\u0301 “Vaksin mengandung chip” kata akun ناتو itu."


@pytest.fixture
def project():
    project = ProjectFactory(slug="demo", language="id")
    member(project, Role.ANNOTATOR, user__username="annotator")
    return project


def test_a_claim_selected_after_emoji_is_stored_with_code_point_offsets(project, login, shot):
    article = ArticleFactory(project=project, text=EMOJI_TEXT)
    text = article.text  # NFC: the é is one code point now
    quote = "“Vaksin mengandung chip”"
    start = text.index(quote)
    page = login("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    select_text(page, start, start + len(quote))
    expect(page.locator("#claim-quote")).to_have_text(quote)
    page.click("button:has-text('Save claim')")
    expect(page.locator("li.claim")).to_have_count(1)
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote) == (start, start + len(quote), quote)
    assert text[claim.start : claim.end] == quote
    # In UTF-16 the emoji before it count double: the browser's own offset differs.
    assert len(text[:start].encode("utf-16-le")) // 2 != start


def test_a_claim_is_selected_with_the_keyboard_alone(project, login):
    article = ArticleFactory(project=project, text="Menteri berkata: harga beras turun. Itu keliru.")
    page = login("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    select_text(page, 17, 17)  # put the caret before "harga"
    page.focus("#article-text")
    for _ in range(len("harga beras turun")):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    expect(page.locator("#claim-quote")).to_have_text("harga beras turun")
    page.keyboard.type("Harga beras turun")
    page.keyboard.press("Control+Enter")
    expect(page.locator("li.claim")).to_have_count(1)
    assert Claim.objects.get().quote == "harga beras turun"
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator("li.claim")).to_be_focused()


def test_the_text_cannot_be_edited_in_the_browser(project, login):
    article = ArticleFactory(project=project, text="Teks asli.")
    page = login("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    page.click("#article-text")
    page.keyboard.type("XYZ")
    page.keyboard.press("Backspace")
    expect(page.locator("#article-text")).to_have_text("Teks asli.")


def test_a_script_inside_an_article_shows_as_text_and_never_runs(project, login, shot):
    article = ArticleFactory(
        project=project, title="<img src=x onerror=window.__pwned=1>",
        text='Awas <script>window.__pwned = 1</script> dan <img src=x onerror="window.__pwned=2"> di sini.',
    )  # fmt: skip
    page = login("annotator")
    response = page.goto(f"/projects/demo/articles/{article.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("#article-text")).to_contain_text("<script>window.__pwned = 1</script>")
    expect(page.locator("h1")).to_have_text("<img src=x onerror=window.__pwned=1>")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#article-text script, #article-text img").count() == 0
    shot(page, "17-workspace-untrusted-text")


SUGGESTED_TEXT = (
    "Hoaks 👍🏽🇮🇩 menyebar di grup keluarga. "
    "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina. "
    "Menteri Keuangan mengatakan inflasi naik menjadi 5,2 persen pada Maret, tertinggi dalam satu dekade."
)


def test_a_suggestion_becomes_a_claim_at_its_offsets_after_an_emoji_and_another_is_dismissed(project, login, shot):
    from annotations import suggestions
    from annotations.models import Sentence, SentenceStatus

    article = ArticleFactory(project=project, text=SUGGESTED_TEXT, language="id")
    suggestions.score_pending()
    rudal, inflasi = Sentence.objects.filter(article=article, suggested=True).order_by("start")
    page = login("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    expect(page.locator("li.suggestion-card")).to_have_count(2)
    shot(page, "workspace-suggestions")
    page.click(f"#sentence-{rudal.pk} [data-accept]")
    expect(page.locator("#claim-quote")).to_have_text(rudal.text)
    page.click("button:has-text('Save claim')")
    expect(page.locator("li.claim")).to_have_count(1)
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote) == (rudal.start, rudal.end, rudal.text)
    assert len(SUGGESTED_TEXT[: claim.start].encode("utf-16-le")) // 2 != claim.start  # the emoji count double in JS
    # The accepted one is no longer suggested; the other is dismissed with the keyboard.
    expect(page.locator("li.suggestion-card")).to_have_count(1)
    page.locator(f"#sentence-{inflasi.pk} select").select_option("not_newsworthy")
    page.focus(f"#sentence-{inflasi.pk} button[type=submit]")
    page.keyboard.press("d")
    expect(page.locator("li.suggestion-card")).to_have_count(0)
    inflasi.refresh_from_db()
    assert (inflasi.status, inflasi.dismiss_reason) == (SentenceStatus.DISMISSED, "not_newsworthy")
    rudal.refresh_from_db()
    assert (rudal.status, rudal.claim) == (SentenceStatus.ACCEPTED, claim)


def test_deleting_a_claim_asks_once_in_a_dialog_and_no_page_follows(project, login):
    article = ArticleFactory(project=project, text="Menteri bilang harga beras turun 10 persen.")
    page = login("annotator")
    page.goto(f"/projects/demo/articles/{article.pk}/")
    select_text(page, 0, 20)
    page.click("button:has-text('Save claim')")
    expect(page.locator("li.claim")).to_have_count(1)

    def delete(answer):
        page.locator("li.claim details summary", has_text="Edit").click()
        page.once("dialog", lambda dialog: dialog.accept() if answer else dialog.dismiss())
        page.locator("li.claim button", has_text="Delete").click()

    delete(False)  # dismissed: nothing is sent
    expect(page.locator("li.claim")).to_have_count(1)
    assert Claim.objects.count() == 1
    page.reload()
    delete(True)  # accepted: deleted at once, without the confirmation page that serves a browser without JavaScript
    expect(page.locator("li.claim")).to_have_count(0)
    assert Claim.objects.count() == 0 and "/articles/" in page.url
