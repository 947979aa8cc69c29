"""The claims list in the browser: an editor ticks three claims, assigns
them to a reviewer, who finds them first in their review queue; and the
dashboard's "open claims" tile opens the list filtered to open claims."""

import re

import pytest
from playwright.sync_api import expect

from annotations import workflow
from annotations.models import Claim, ClaimStatus, Role

from ..factories import ArticleFactory, ClaimFactory, ProjectFactory, member
from .conftest import CHROMIUM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]


@pytest.fixture
def project():
    project = ProjectFactory(slug="demo", language="id")
    member(project, Role.EDITOR, user__username="editor")
    member(project, Role.REVIEWER, user__username="rina")
    article = ArticleFactory(project=project, title="Harga beras", text="Menteri: harga beras turun tajam tahun ini.")
    for n in range(5):
        ClaimFactory(article=article, statement=f"Klaim nomor {n}", claimant="Menteri", check_worthiness=n or None)
    taken = ClaimFactory(article=article, statement="Sudah diambil")
    workflow.claim_take(claim=taken, user=project.memberships.get(user__username="rina").user)
    return project


def test_an_editor_assigns_three_claims_and_the_reviewer_sees_them_first(project, login, shot):
    editor = login("editor")
    editor.goto("/projects/demo/claims/?status=open")
    rows = editor.locator("table.claim-list tbody tr")
    expect(rows).to_have_count(5)
    chosen = [f"Klaim nomor {n}" for n in (0, 2, 4)]
    for statement in chosen:
        editor.locator("tr", has_text=statement).get_by_role("checkbox").check()
    editor.get_by_label("Assign to").select_option(label="rina")
    shot(editor, "claims-list-assign")
    editor.click("#claim-assign button:has-text('Assign')")
    expect(editor.locator(".messages")).to_contain_text("3 claims assigned to rina.")
    expect(rows).to_have_count(2)  # the list keeps its filter: the three are in progress now
    assert set(Claim.objects.filter(statement__in=chosen).values_list("status", "assignee__username")) == {
        (ClaimStatus.IN_PROGRESS, "rina")
    }

    reviewer = login("rina")
    reviewer.goto("/projects/demo/review/")
    first = reviewer.locator("section").first
    expect(first.locator("h2")).to_have_text("Assigned to you")
    for statement in chosen:
        expect(first).to_contain_text(statement)
    expect(first).to_contain_text("Sudah diambil")  # the one she took herself stays hers
    shot(reviewer, "review-queue-assigned")
    first.get_by_role("link", name="Klaim nomor 2").click()
    expect(reviewer.locator("h1")).to_be_visible()
    assert "/verdict/" in reviewer.url


def test_the_open_claims_tile_opens_the_list_filtered_to_open_claims(project, login, shot):
    editor = login("editor")
    editor.goto("/projects/demo/")
    editor.get_by_role("link", name="open claims").click()
    expect(editor).to_have_url(re.compile(r"/projects/demo/claims/\?status=open$"))
    rows = editor.locator("table.claim-list tbody tr")
    expect(rows).to_have_count(5)
    expect(editor.locator("select[name=status]")).to_have_value("open")
    expect(editor.locator(".status-tabs [aria-current=page]")).to_contain_text("Open")
    expect(editor.locator("table.claim-list")).not_to_contain_text("Sudah diambil")
    shot(editor, "claims-list-open")
