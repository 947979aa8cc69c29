"""Who the workflow notifies of what: one test per rule, the transitions
called directly."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from annotations import notifications, permissions, workflow
from annotations.models import Notification, NotificationKind, NotificationPreference, Role

from ..conftest import SEED_CLAIM, SEED_TEXT, approved, drafted, submitted, taken
from ..factories import ArticleFactory, ClaimFactory, member

pytestmark = pytest.mark.django_db


def told(desk):
    """(recipient, kind) of every notification, oldest first."""
    return [(n.recipient.username, n.kind) for n in Notification.objects.select_related("recipient").order_by("pk")]


def test_the_author_is_told_changes_were_requested_with_the_editors_note(desk):
    verdict = submitted(desk)
    workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Tambah  sumber\nresmi.")
    (notification,) = Notification.objects.all()
    assert (notification.recipient, notification.actor, notification.kind) == (
        desk.users["writer"], desk.users["editor"], NotificationKind.CHANGES_REQUESTED
    )  # fmt: skip
    assert (notification.verdict, notification.claim, notification.project) == (verdict, desk.claim, desk.project)
    assert notification.excerpt == "Tambah sumber resmi."


def test_a_refused_move_notifies_nobody(desk):
    verdict = submitted(desk)
    with pytest.raises(ValidationError):
        workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="  ")
    with pytest.raises(ValidationError):
        workflow.comment_add(user=desk.users["editor"], claim=desk.claim, body="")
    assert told(desk) == []


def test_the_author_is_told_of_the_approval_and_of_the_publication(desk):
    verdict = approved(desk)
    assert told(desk) == [("writer", NotificationKind.VERDICT_APPROVED)]
    Notification.objects.get().mark_read()
    workflow.verdict_publish(verdict=verdict, user=desk.users["admin"])
    assert told(desk) == [("writer", NotificationKind.VERDICT_APPROVED), ("writer", NotificationKind.VERDICT_PUBLISHED)]


def test_publishing_at_once_tells_the_publication_and_not_an_approval_too(desk):
    workflow.verdict_publish(verdict=submitted(desk), user=desk.users["editor"], approve=True)
    assert told(desk) == [("writer", NotificationKind.VERDICT_PUBLISHED)]


def test_nobody_is_told_of_their_own_action(desk):
    desk.project.allow_self_approval = True
    desk.project.save()
    claim = workflow.claim_take(claim=desk.claim, user=desk.users["editor"])
    verdict = workflow.verdict_create(claim=claim, user=desk.users["editor"], rating=desk.ratings[0], summary="S.")
    verdict = workflow.verdict_submit(verdict=verdict, user=desk.users["editor"])
    workflow.verdict_publish(verdict=verdict, user=desk.users["editor"], approve=True)
    workflow.comment_add(user=desk.users["editor"], claim=claim, body="Catatan untuk @editor sendiri.")
    notifications.notify_assigned([desk.claim], desk.users["editor"], desk.users["editor"])
    # The claim's marker is told of the comment; the editor of nothing they did.
    assert told(desk) == [("marker", NotificationKind.CLAIM_COMMENT)]


def test_a_comment_on_a_claim_tells_its_marker_and_its_assignee(desk):
    taken(desk)
    workflow.comment_add(user=desk.users["editor"], claim=desk.claim, body="Siapa yang bilang ini?")
    assert sorted(told(desk)) == [
        ("marker", NotificationKind.CLAIM_COMMENT),
        ("writer", NotificationKind.CLAIM_COMMENT),
    ]
    assert {n.excerpt for n in Notification.objects.all()} == {"Siapa yang bilang ini?"}


def test_a_comment_on_a_verdict_tells_its_author(desk):
    verdict = drafted(desk)
    workflow.comment_add(user=desk.users["editor"], verdict=verdict, body="Ringkasannya terlalu panjang.")
    assert told(desk) == [("writer", NotificationKind.VERDICT_COMMENT)]
    assert Notification.objects.get().verdict == verdict


def test_a_mention_of_a_member_tells_them_once_even_when_the_claim_is_theirs(desk):
    workflow.comment_add(user=desk.users["editor"], claim=desk.claim, body="@reviewer, dan @marker. Lihat ini!")
    assert sorted(told(desk)) == [("marker", NotificationKind.MENTION), ("reviewer", NotificationKind.MENTION)]


def test_a_mention_of_someone_outside_the_project_tells_nobody(desk):
    member(desk.project, Role.ANNOTATOR, user__username="rina")
    body = "Tanya @outsider dan @nobody-here; surel budi@editor atau @rina"
    assert [u.username for u in notifications.mentioned(body, desk.project)] == ["rina"]
    workflow.comment_add(user=desk.users["admin"], claim=desk.claim, body=body)
    assert sorted(told(desk)) == [("marker", NotificationKind.CLAIM_COMMENT), ("rina", NotificationKind.MENTION)]
    assert not desk.users["outsider"].notifications.exists()


def test_a_mention_on_a_claim_hidden_from_the_mentioned_tells_nobody(desk):
    """An annotator does not see another's claim awaiting adjudication, nor
    learn of it by a mention; the editor who adjudicates does."""
    article = ArticleFactory(project=desk.project, text=SEED_TEXT + "\nSalinan.", language="id")
    workflow.article_assign(article=article, user=desk.users["admin"],
                            annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    start = SEED_TEXT.index(SEED_CLAIM)
    hidden = workflow.claim_mark(article=article, user=desk.users["marker"], start=start, end=start + 20)
    Notification.objects.all().delete()
    workflow.comment_add(user=desk.users["marker"], claim=hidden, body="@annotator @editor sama?")
    assert told(desk) == [("editor", NotificationKind.MENTION)]


def test_the_change_request_tells_those_it_mentions_too(desk):
    verdict = submitted(desk)
    workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="@writer @admin lihat.")
    assert told(desk) == [("writer", NotificationKind.CHANGES_REQUESTED), ("admin", NotificationKind.MENTION)]


def test_annotators_are_told_an_article_was_assigned_to_them(desk):
    article = ArticleFactory(project=desk.project)
    workflow.article_assign(article=article, user=desk.users["editor"],
                            annotators=[desk.users["annotator"], desk.users["editor"]])  # fmt: skip
    assert told(desk) == [("annotator", NotificationKind.ARTICLE_ASSIGNED)]
    assert Notification.objects.get().article == article


def test_notify_assigned_tells_the_assignee_of_each_claim_and_only_a_member(desk):
    claims = [desk.claim, *(ClaimFactory(article=desk.article, start=n, end=n + 5) for n in range(2))]
    notifications.notify_assigned(claims, desk.users["writer"], desk.users["editor"])
    notifications.notify_assigned(claims, desk.users["outsider"], desk.users["editor"])
    assert told(desk) == [("writer", NotificationKind.CLAIM_ASSIGNED)] * 3
    assert [n.claim for n in Notification.objects.order_by("pk")] == claims


def test_a_member_who_left_no_longer_sees_their_notifications(desk):
    verdict = submitted(desk)
    workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Perbaiki.")
    writer = desk.users["writer"]
    assert permissions.notifications_for(writer).count() == 1
    writer.memberships.get(project=desk.project).delete()
    assert permissions.notifications_for(writer).count() == 0


def test_those_who_asked_get_one_email_per_move_once_committed(desk, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_BASE_URL = "https://desk.example"
    writer = desk.users["writer"]
    writer.email = "writer@example.org"
    writer.save()
    NotificationPreference.objects.create(user=writer, email=True)
    claims = [desk.claim, ClaimFactory(article=desk.article, start=3, end=9)]
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_assigned(claims, writer, desk.users["editor"])
        assert mail.outbox == []  # not before the commit
    (message,) = mail.outbox
    assert message.to == ["writer@example.org"]
    assert message.subject == "[Cek Fakta] 2 notifikasi baru"  # in the project's language
    first = Notification.objects.order_by("pk").first()
    assert f"https://desk.example/notifications/{first.pk}/" in message.body
    assert "editor menugaskan Anda memeriksa sebuah klaim" in message.body


def test_nobody_gets_an_email_who_did_not_ask_for_it(desk, django_capture_on_commit_callbacks):
    desk.users["marker"].email = "marker@example.org"
    desk.users["marker"].save()
    NotificationPreference.objects.create(user=desk.users["writer"], email=True)  # but no address
    taken(desk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.comment_add(user=desk.users["editor"], claim=desk.claim, body="Cek lagi.")
    assert len(told(desk)) == 2
    assert mail.outbox == []


def test_an_email_of_one_notification_names_the_project_the_actor_and_the_note(
    desk, django_capture_on_commit_callbacks
):
    writer = desk.users["writer"]
    writer.email = "writer@example.org"
    writer.save()
    NotificationPreference.objects.create(user=writer, email=True)
    verdict = submitted(desk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Tambah sumber resmi.")
    (message,) = mail.outbox
    assert message.subject == "[Cek Fakta] editor meminta perubahan pada putusan Anda"
    assert "“Tambah sumber resmi.”" in message.body and "/account/" in message.body
