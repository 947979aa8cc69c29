"""The notifications API: one's own only, newest first, marked read one by one or all at once."""

import pytest

from annotations import workflow
from annotations.models import Notification, NotificationKind

from ..conftest import submitted

pytestmark = pytest.mark.django_db


def changes_requested(desk):
    verdict = submitted(desk)
    workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Tambah sumber.")
    workflow.comment_add(user=desk.users["admin"], verdict=verdict, body="@writer juga ringkasannya.")
    return verdict


def test_the_list_is_ones_own_newest_first_with_a_link_to_each_object(desk, api):
    verdict = changes_requested(desk)
    response = api("writer").get("/api/v1/notifications/")
    assert response.status_code == 200
    mention, request = response.json()["results"]
    assert (mention["kind"], request["kind"]) == (NotificationKind.MENTION, NotificationKind.CHANGES_REQUESTED)
    assert request == {
        **request, "actor_name": "editor", "sentence": "asked for changes to your verdict", "claim": desk.claim.pk,
        "verdict": verdict.pk, "project": desk.project.pk, "excerpt": "Tambah sumber.", "read_at": None,
        "url": f"http://localhost/projects/{desk.project.slug}/claims/{desk.claim.pk}/verdict/",
    }  # fmt: skip
    assert api("editor").get("/api/v1/notifications/").json()["results"] == []
    assert api().get("/api/v1/notifications/").status_code == 401


def test_the_list_filters_the_unread_and_by_kind(desk, api):
    changes_requested(desk)
    Notification.objects.filter(kind=NotificationKind.MENTION).get().mark_read()
    writer = api("writer")
    unread = writer.get("/api/v1/notifications/?unread=true").json()["results"]
    assert [n["kind"] for n in unread] == [NotificationKind.CHANGES_REQUESTED]
    read = writer.get("/api/v1/notifications/?unread=false").json()["results"]
    assert [n["kind"] for n in read] == [NotificationKind.MENTION]
    assert len(writer.get("/api/v1/notifications/?kind=mention").json()["results"]) == 1
    assert writer.get("/api/v1/notifications/?unread=maybe").status_code == 400


def test_one_notification_is_marked_read_and_then_all(desk, api):
    changes_requested(desk)
    first = Notification.objects.order_by("pk").first()
    writer = api("writer")
    response = writer.post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"] is not None
    assert api("editor").post(f"/api/v1/notifications/{first.pk}/read/").status_code == 404
    assert writer.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert writer.post("/api/v1/notifications/read-all/").json() == {"marked": 0}
    assert not Notification.objects.unread().exists()
