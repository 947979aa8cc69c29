"""Double annotation in the browser: two annotators mark the seed article
independently, neither seeing the other's claim; the editor adjudicates and
keeps one; the agreement page shows the overlap match and the exact miss."""

import pytest
from playwright.sync_api import expect

from annotations.models import Agreement, Claim, ClaimStatus, Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM, select_text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

LONGER = 6


@pytest.fixture
def article():
    project = ProjectFactory(slug="demo", language="id")
    member(project, Role.EDITOR, user__username="editor")
    for name in ("ani", "budi"):
        member(project, Role.ANNOTATOR, user__username=name)
    return ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id")


def mark(page, start, end):
    select_text(page, start, end)
    expect(page.locator("#claim-quote")).to_have_text(SEED_TEXT[start:end])
    page.click("button:has-text('Save claim')")
    expect(page.locator("li.claim")).to_have_count(1)


def test_two_annotators_mark_independently_and_the_editor_keeps_one(article, login, shot):
    workspace = f"/projects/demo/articles/{article.pk}/"
    start = SEED_TEXT.index(SEED_CLAIM)
    end = start + len(SEED_CLAIM)

    editor = login("editor")
    editor.goto(workspace)
    editor.click("#assign summary")
    editor.get_by_label("ani").check()
    editor.get_by_label("budi").check()
    editor.click("#assign button:has-text('Assign')")
    expect(editor.locator("#independent")).to_contain_text("awaiting adjudication")

    ani = login("ani")
    ani.goto(workspace)
    expect(ani.locator("#independent")).to_contain_text("You see only your own claims")
    mark(ani, start, end)

    budi = login("budi")
    budi.goto(workspace)
    expect(budi.locator("li.claim")).to_have_count(0)  # ani's claim is not shown to budi
    mark(budi, start, end + LONGER)
    shot(budi, "independent-workspace")
    budi.click("button:has-text('I have finished this article')")
    expect(budi.locator("#independent")).to_contain_text("budi: done")

    ani.reload()
    expect(ani.locator("li.claim")).to_have_count(1)  # only her own
    expect(ani.locator("li.claim blockquote")).to_have_text(SEED_CLAIM)
    ani.click("button:has-text('I have finished this article')")

    editor.goto(f"/projects/demo/articles/{article.pk}/adjudication/")
    expect(editor.locator(".annotator-column .match-overlap")).to_have_count(2)
    shot(editor, "adjudication")
    kept = Claim.objects.get(created_by__username="ani")
    editor.check(f"input[type=radio][value='{kept.pk}']")
    editor.click("button:has-text('Save the adjudication')")
    expect(editor.locator(".messages")).to_contain_text("Adjudicated")
    statuses = dict(Claim.objects.values_list("created_by__username", "status"))
    assert statuses == {"ani": ClaimStatus.OPEN, "budi": ClaimStatus.REJECTED}

    assert Agreement.objects.filter(article=article).exists()  # computed in the background (inline here)
    editor.goto(f"/projects/demo/articles/{article.pk}/agreement/")
    pair = editor.locator("section.pair")
    expect(pair.locator("[data-figure=overlap]")).to_contain_text("1 matched of 1 and 1 claims (F1 1.00)")
    expect(pair.locator("[data-figure=exact]")).to_contain_text("0 matched of 1 and 1 claims (F1 0.00)")
    expect(pair.locator("li.partial")).to_contain_text(f"{start}–{end + LONGER}")
    shot(editor, "article-agreement")

    ani.goto(f"/projects/demo/articles/{article.pk}/")
    expect(ani.locator("li.claim")).to_have_count(2)  # adjudicated: everyone sees every claim
