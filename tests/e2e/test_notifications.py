"""A notification arriving and being read, in the browser: the editor asks
for changes; the reviewer sees the unread count in the header, opens the
inbox, follows the notification to the verdict, and it is read."""

import pytest
from playwright.sync_api import expect

from annotations import workflow
from annotations.models import Notification, Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]


@pytest.fixture
def verdict():
    """A verdict by "rina" (a reviewer) awaiting the editor's decision."""
    project = ProjectFactory(slug="demo", language="id")
    project.install_rating_preset("id")
    editor = member(project, Role.EDITOR, user__username="editor")
    rina = member(project, Role.REVIEWER, user__username="rina")
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=editor, start=start, end=start + len(SEED_CLAIM))
    claim = workflow.claim_take(claim=claim, user=rina)
    rating = project.ratings.order_by("value").first()
    verdict = workflow.verdict_create(claim=claim, user=rina, rating=rating, summary="Tidak ada bukti.")
    return workflow.verdict_submit(verdict=verdict, user=rina)


@pytest.mark.parametrize(
    "viewport, touch", [({"width": 1366, "height": 900}, False), ({"width": 390, "height": 844}, True)]
)
def test_the_reviewer_sees_the_change_request_arrive_and_reads_it(verdict, login, shot, viewport, touch):
    editor = login("editor", viewport=viewport)
    editor.goto(f"/projects/demo/verdicts/{verdict.pk}/")
    editor.fill("#id_comment", "Tambahkan sumber resmi dari Kemlu.")
    editor.click("button[value=request_changes]")
    expect(editor.locator(".messages")).to_contain_text("Sent back to the reviewer")
    expect(editor.locator(".unread-count")).to_have_count(0)  # the editor is not told of their own action

    rina = login("rina", viewport=viewport, has_touch=touch, is_mobile=touch)
    expect(rina.locator(".inbox-link .unread-count")).to_contain_text("1")
    shot(rina, f"notifications-header-{viewport['width']}")
    rina.locator(".inbox-link").tap() if touch else rina.click(".inbox-link")
    item = rina.locator("li.notification.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("editor asked for changes to your verdict")
    expect(item).to_contain_text("Tambahkan sumber resmi dari Kemlu.")
    shot(rina, f"notifications-inbox-{viewport['width']}")

    link = item.locator("a").first
    link.tap() if touch else link.click()
    rina.wait_for_url(f"**/projects/demo/claims/{verdict.claim_id}/verdict/")
    expect(rina.locator(".unread-count")).to_have_count(0)
    assert Notification.objects.get().is_read
    rina.goto("/notifications/")
    expect(rina.locator("li.notification")).to_have_count(1)
    expect(rina.locator("li.notification.unread")).to_have_count(0)
