"""The inbox page, the header's unread count and the e-mail preference."""

import re

import pytest
from django.test import Client

from annotations import workflow
from annotations.models import Notification, NotificationKind, NotificationPreference

from ..conftest import submitted

pytestmark = pytest.mark.django_db


def client_as(user=None, **kwargs):
    client = Client(SERVER_NAME="localhost", **kwargs)
    if user:
        client.force_login(user)
    return client


def changes_requested(desk, comment="Tambah sumber resmi."):
    verdict = submitted(desk)
    workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment=comment)
    return Notification.objects.get(recipient=desk.users["writer"])


def many(desk, user, n):
    """``n`` article assignments for ``user``, oldest first."""
    rows = [
        Notification(
            recipient=user,
            actor=desk.users["editor"],
            project=desk.project,
            article=desk.article,
            kind=NotificationKind.ARTICLE_ASSIGNED,
        )  # fmt: skip
        for _ in range(n)
    ]
    return Notification.objects.bulk_create(rows)


def unread_in_header(html):
    found = re.search(r'class="unread-count">(\S+?)<', html)
    return found.group(1) if found else None


def test_the_header_counts_the_unread_notifications_and_caps_the_count(desk):
    writer = client_as(desk.users["writer"])
    assert unread_in_header(writer.get("/").content.decode()) is None
    changes_requested(desk)
    assert unread_in_header(writer.get("/").content.decode()) == "1"
    many(desk, desk.users["writer"], 120)
    assert unread_in_header(writer.get("/").content.decode()) == "99+"
    assert "unread-count" not in client_as().get("/login/").content.decode()


def test_the_header_count_is_one_query_however_many_there_are(desk, django_assert_max_num_queries):
    writer = client_as(desk.users["writer"])
    page = f"/projects/{desk.project.slug}/review/"

    def notification_queries():
        with django_assert_max_num_queries(20) as queries:
            writer.get(page)
        return [q["sql"] for q in queries.captured_queries if "annotations_notification" in q["sql"]]

    assert len(notification_queries()) == 1
    many(desk, desk.users["writer"], 150)
    (count,) = notification_queries()
    assert "LIMIT 100" in count.upper() and "COUNT(" in count.upper()


def test_the_inbox_lists_the_newest_first_and_pages_by_id(desk):
    rows = many(desk, desk.users["writer"], 30)
    writer = client_as(desk.users["writer"])
    first = writer.get("/notifications/")
    listed = [n.pk for n in first.context["notifications"]]
    assert listed == [n.pk for n in reversed(rows)][:25]
    assert first.context["older"] == listed[-1]
    second = writer.get(f"/notifications/?before={listed[-1]}")
    assert [n.pk for n in second.context["notifications"]] == [n.pk for n in reversed(rows)][25:]
    assert second.context["older"] is None and "newest" in second.content.decode()


def test_a_page_of_the_inbox_costs_the_same_queries_for_1_and_for_25(desk, django_assert_max_num_queries):
    writer = client_as(desk.users["writer"])
    changes_requested(desk)
    with django_assert_max_num_queries(10) as few:
        writer.get("/notifications/")
    many(desk, desk.users["writer"], 24)
    with django_assert_max_num_queries(len(few)):
        assert len(writer.get("/notifications/").context["notifications"]) == 25


def test_a_bad_page_address_says_so_and_shows_the_newest(desk):
    changes_requested(desk)
    response = client_as(desk.users["writer"]).get("/notifications/?before=abc")
    assert len(response.context["notifications"]) == 1
    assert "does not exist" in response.content.decode()


def test_the_inbox_says_who_did_what_to_which_claim_and_with_what_note(desk):
    changes_requested(desk, comment="Tambah sumber resmi.")
    page = client_as(desk.users["writer"]).get("/notifications/").content.decode()
    assert "editor</strong>" in page and "asked for changes to your verdict" in page
    assert desk.claim.quote[:40] in page and "Tambah sumber resmi." in page


def test_following_a_notification_opens_its_object_and_marks_it_read(desk):
    notification = changes_requested(desk)
    writer = client_as(desk.users["writer"])
    response = writer.get(f"/notifications/{notification.pk}/")
    assert response["Location"] == f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/verdict/"
    notification.refresh_from_db()
    assert notification.is_read
    assert unread_in_header(writer.get("/").content.decode()) is None


def test_an_annotator_is_led_to_the_claim_in_its_article(desk):
    workflow.comment_add(user=desk.users["editor"], claim=desk.claim, body="Sumbernya?")
    notification = Notification.objects.get(recipient=desk.users["marker"])
    response = client_as(desk.users["marker"]).get(f"/notifications/{notification.pk}/")
    assert response["Location"] == f"/projects/{desk.project.slug}/articles/{desk.article.pk}/#claim-{desk.claim.pk}"


def test_marking_one_and_all_read(desk):
    notification = changes_requested(desk)
    many(desk, desk.users["writer"], 2)
    writer = client_as(desk.users["writer"])
    writer.post(f"/notifications/{notification.pk}/read/")
    notification.refresh_from_db()
    assert notification.is_read
    assert Notification.objects.unread().count() == 2
    response = writer.post("/notifications/read/", follow=True)
    assert "2 notifications marked read." in response.content.decode()
    assert Notification.objects.unread().count() == 0


def test_nobody_opens_or_marks_another_persons_notification(desk):
    notification = changes_requested(desk)
    editor = client_as(desk.users["editor"])
    assert editor.get(f"/notifications/{notification.pk}/").status_code == 404
    assert editor.post(f"/notifications/{notification.pk}/read/").status_code == 404
    editor.post("/notifications/read/")
    notification.refresh_from_db()
    assert not notification.is_read


def test_a_member_who_left_the_project_no_longer_sees_its_notifications(desk):
    notification = changes_requested(desk)
    desk.users["writer"].memberships.get(project=desk.project).delete()
    writer = client_as(desk.users["writer"])
    assert unread_in_header(writer.get("/").content.decode()) is None
    assert list(writer.get("/notifications/").context["notifications"]) == []
    assert writer.get(f"/notifications/{notification.pk}/").status_code == 404


def test_the_email_preference_is_saved_only_with_an_address_to_send_to(desk):
    writer = desk.users["writer"]
    client = client_as(writer)
    page = client.post("/account/notifications/", {"email": "on"}, follow=True).content.decode()
    assert "no e-mail address" in page
    assert not NotificationPreference.objects.filter(user=writer).exists()
    writer.email = "writer@example.org"
    writer.save()
    page = client.post("/account/notifications/", {"email": "on"}, follow=True).content.decode()
    assert "will also go to writer@example.org" in page
    assert NotificationPreference.objects.get(user=writer).email
    assert 'id="id_notification_email" checked' in page
    client.post("/account/notifications/", {})
    assert not NotificationPreference.objects.get(user=writer).email
