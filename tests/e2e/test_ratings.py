"""Verdicts rated independently in the browser: two reviewers rate the
claim of the seed article with different ratings, neither sees the other's;
the editor sees both side by side, keeps one, and the agreement page shows
the verdict agreement."""

import pytest
from playwright.sync_api import expect

from annotations import workflow
from annotations.models import Agreement, ClaimStatus, Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

WHY = {"rina": "Tidak ada bukti pasokan rudal.", "sari": "Laporan intelijen AS mendukungnya."}


@pytest.fixture
def claim():
    project = ProjectFactory(slug="demo", language="id")
    project.install_rating_preset("id")
    member(project, Role.EDITOR, user__username="editor")
    for name in WHY:
        member(project, Role.REVIEWER, user__username=name)
    marker = member(project, Role.ANNOTATOR, user__username="marker")
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    return workflow.claim_mark(article=article, user=marker, start=start, end=start + len(SEED_CLAIM), claimant="AS")


def rate(page, label, why):
    page.goto("/projects/demo/review/")
    page.click("#to-rate a")
    page.select_option("#id_rating", label=label)
    page.fill("#id_rationale", why)
    page.click("button:has-text('Save my rating')")
    expect(page.locator(".messages")).to_contain_text("Rating saved")


def test_two_reviewers_rate_independently_and_the_editor_adjudicates(claim, login, shot):
    editor = login("editor")
    editor.goto(f"/projects/demo/articles/{claim.article_id}/")
    editor.click("text=Rate verdicts independently")
    editor.check(f"#send-{claim.pk}")
    editor.get_by_label("rina").check()
    editor.get_by_label("sari").check()
    editor.click("button:has-text('Send to rate independently')")
    expect(editor.locator(".messages")).to_contain_text("sent to rina, sari")
    expect(editor.locator("#send-for-rating")).to_contain_text("Being rated independently")

    rina = login("rina")
    rate(rina, "Salah", WHY["rina"])
    expect(rina.locator(".independent-rating")).to_have_count(1)
    expect(rina.locator(".independent-rating")).to_contain_text("Salah")

    sari = login("sari")
    sari.goto("/projects/demo/review/")
    expect(sari.locator("#to-rate")).to_contain_text("AS telah menuduh")
    sari.click("#to-rate a")
    expect(sari.locator("body")).not_to_contain_text(WHY["rina"])
    shot(sari, "independent-rating")
    rate(sari, "Benar", WHY["sari"])
    expect(sari.locator(".independent-rating")).to_have_count(1)  # only her own
    expect(sari.locator(".independent-rating")).to_contain_text("Benar")
    expect(sari.locator("body")).not_to_contain_text(WHY["rina"])
    rina.reload()
    expect(rina.locator("body")).not_to_contain_text(WHY["sari"])
    expect(rina.locator(".status")).to_contain_text("Rated, awaiting adjudication")

    editor.goto("/projects/demo/editor/")
    editor.click("#to-adjudicate a")
    expect(editor.locator(".independent-rating")).to_have_count(2)
    expect(editor.locator("[data-reviewer=rina]")).to_contain_text(WHY["rina"])
    expect(editor.locator("[data-reviewer=sari]")).to_contain_text("Benar")
    shot(editor, "ratings-adjudication")
    editor.select_option("#id_rating", label="Salah")
    editor.select_option("#id_assignee", label="rina")
    editor.click("button:has-text('Save the adjudication')")
    expect(editor.locator(".messages")).to_contain_text("Adjudicated")
    claim.refresh_from_db()
    assert (claim.status, claim.assignee.username) == (ClaimStatus.IN_PROGRESS, "rina")
    assert claim.verdicts.get().rating.label == "Salah"

    sari.reload()
    expect(sari.locator(".independent-rating")).to_have_count(2)  # adjudicated: both ratings for everyone

    assert Agreement.objects.filter(project=claim.project, rated_claims=1).exists()  # the task, inline here
    editor.goto("/projects/demo/agreement/")
    figures = editor.locator("#verdict-agreement")
    expect(figures.locator("[data-figure=rated_claims]")).to_have_text("1")
    expect(figures.locator("[data-figure=verdict_ordinal_alpha]")).to_have_text("0.00")
    expect(figures.locator("tbody tr")).to_contain_text("rina · sari")
    shot(editor, "verdict-agreement")
