"""Notifications: the workflow tells the people a move concerns.

The workflow functions call ``notify_…`` inside their transaction, so that a
refused move notifies nobody. Nobody is told of their own action, and nobody
of an object they may not see (``permissions.can_see_claim``): a mention of
someone outside the project, or of an annotator on another's claim awaiting
adjudication, notifies no one and says nothing. Once the transaction
commits, those who asked for it get an e-mail too (one per person and move,
however many objects it concerned), through Django's mail backend, as
invitations are sent.
"""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import permissions
from .models import Claim, Notification, NotificationKind, Verdict

logger = logging.getLogger(__name__)

# ``@username``, not the middle of an e-mail address; Django's usernames
# hold letters, digits and @ . + - _.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]+)")
# A comment naming more people than this mentions only the first of them.
MAX_MENTIONS = 50
EXCERPT_LENGTH = 300


def notify_assigned(objects, assignees, actor):
    """Tell ``assignees`` (a user or several) that ``actor`` assigned them
    ``objects``: claims to check, articles to annotate."""
    assignees = [assignees] if isinstance(assignees, get_user_model()) else list(assignees)
    objects = list(objects)
    projects = {obj.project_id: obj.project for obj in {obj.project_id: obj for obj in objects}.values()}
    rows = []
    for obj in objects:
        if isinstance(obj, Claim):
            fields = {"kind": NotificationKind.CLAIM_ASSIGNED, "claim": obj}
        else:
            fields = {"kind": NotificationKind.ARTICLE_ASSIGNED, "article": obj}
        project = projects[obj.project_id]
        rows += [Notification(recipient=person, actor=actor, project=project, **fields) for person in assignees]
    _create(rows)


def notify_changes_requested(verdict, actor, comment):
    """Tell the verdict's author what the editor asks them to change (and
    those the request mentions that it names them)."""
    claim = verdict.claim
    told = _create(_about(claim, [verdict.author], NotificationKind.CHANGES_REQUESTED, actor, verdict, comment))
    _create(_about(claim, _mentioned(comment, claim, told), NotificationKind.MENTION, actor, verdict, comment))


def notify_approved(verdict, actor):
    _create(_about(verdict.claim, [verdict.author], NotificationKind.VERDICT_APPROVED, actor, verdict))


def notify_published(verdict, actor):
    """Tell the verdict's author it is public. An approval they have not
    read yet says less than this, and goes."""
    if verdict.author_id:
        unread = Notification.objects.unread().filter(recipient=verdict.author_id, verdict=verdict)
        unread.filter(kind=NotificationKind.VERDICT_APPROVED).delete()
    _create(_about(verdict.claim, [verdict.author], NotificationKind.VERDICT_PUBLISHED, actor, verdict))


def notify_comment(comment, actor):
    """Tell those a comment mentions, and the people whose claim (its marker
    and assignee) or verdict (its author) it is on; a mention says more than
    "a comment on your claim", so someone who is both is told once, of it."""
    claim, verdict, body = comment.claim or comment.verdict.claim, comment.verdict, comment.body
    told = _create(_about(claim, _mentioned(body, claim), NotificationKind.MENTION, actor, verdict, body))
    # As stored now: the caller's copy of the claim may predate its assignee.
    if verdict is not None:
        kind, owners = NotificationKind.VERDICT_COMMENT, Verdict.objects.filter(pk=verdict.pk).values_list("author")
    else:
        kind, owners = NotificationKind.CLAIM_COMMENT, Claim.objects.filter(pk=claim.pk)
        owners = owners.values_list("created_by", "assignee")
    ids = {pk for row in owners for pk in row if pk is not None} - told
    people = get_user_model().objects.filter(pk__in=ids).order_by("pk") if ids else []
    _create(_about(claim, people, kind, actor, verdict, body))


def mentioned(body, project):
    """The project's members that ``body`` names as ``@username``; a name
    that is not a member's is text, whoever it belongs to."""
    names = set()
    for name in MENTION.findall(body or ""):
        names.update({name, name.rstrip(".-")})  # "@rina." at the end of a sentence
        if len(names) >= 2 * MAX_MENTIONS:
            break
    if not names:
        return []
    members = get_user_model().objects.filter(username__in=names, memberships__project=project)
    return list(members.order_by("pk")[:MAX_MENTIONS])


def _mentioned(body, claim, told=()):
    return [person for person in mentioned(body, claim.project) if person.pk not in told]


def _about(claim, people, kind, actor, verdict=None, text=""):
    """Notifications of ``kind`` about the claim (and its verdict) for ``people``."""
    excerpt = _excerpt(text)
    return [
        Notification(
            recipient=person,
            actor=actor,
            kind=kind,
            project=claim.project,
            claim=claim,
            verdict=verdict,
            excerpt=excerpt,
        )
        for person in people
    ]


def _excerpt(text):
    return Truncator(" ".join((text or "").split())).chars(EXCERPT_LENGTH)


def _may_see(notification):
    person = notification.recipient
    if notification.claim is not None:
        notification.claim.project = notification.project  # the same project: saves a query
        return permissions.can_see_claim(person, notification.claim)
    return permissions.can(person, "view", notification.project)


def _create(notifications):
    """Save the notifications meant for someone other than their actor who
    may see their object; e-mail them once the transaction commits. The
    recipients' ids."""
    rows = [
        n
        for n in notifications
        if n.recipient is not None and (n.actor is None or n.recipient.pk != n.actor.pk) and _may_see(n)
    ]
    if not rows:
        return set()
    Notification.objects.bulk_create(rows)
    ids = [n.pk for n in rows]
    transaction.on_commit(lambda: send_emails(ids))
    return {n.recipient.pk for n in rows}


def object_label(notification):
    """What the notification is about, in a few words."""
    if notification.claim is not None:
        return Truncator(notification.claim.statement or notification.claim.quote).chars(100)
    return notification.article.title or _("article %(id)s") % {"id": notification.article_id}


def target_url(notification, user):
    """Where the notification leads: the verdict page for those who may write
    the claim's verdict, else the claim in its article, or the article."""
    slug = notification.project.slug
    claim = notification.claim
    if claim is None:
        return reverse("annotations:workspace", args=[slug, notification.article_id])
    claim.project = notification.project  # the same project: saves a query
    if permissions.can_write_verdict(user, claim):
        return reverse("annotations:verdict_editor", args=[slug, claim.pk])
    return reverse("annotations:workspace", args=[slug, claim.article_id]) + f"#claim-{claim.pk}"


def send_emails(ids):
    """E-mail the notifications ``ids`` to those of their recipients who
    asked for it and have an address: one message each."""
    wanted = (
        Notification.objects.filter(pk__in=ids, recipient__notification_preference__email=True)
        .exclude(recipient__email="")
        .select_related("recipient", "actor", "project", "claim", "article")
        .defer("claim__search_vector", "article__text", "article__search_vector")
        .order_by("recipient", "pk")
    )
    by_recipient = {}
    for notification in wanted:
        by_recipient.setdefault(notification.recipient, []).append(notification)
    for recipient, notifications in by_recipient.items():
        project = notifications[0].project
        language = project.language if project.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = _email(notifications)
        try:
            send_mail(subject, body, None, [recipient.email])
        except OSError:
            # The notifications stand, in the inbox.
            logger.warning("Could not e-mail notifications %s to %s", ids, recipient.email, exc_info=True)


def _email(notifications):
    """The subject and body of one e-mail of ``notifications`` (one move's, for one person)."""
    lines = []
    for n in notifications:
        actor = n.actor.get_username() if n.actor else _("Someone")
        lines.append(f"{actor} {n.sentence()}: “{object_label(n)}” ({n.project.name})")
        if n.excerpt:
            lines.append(f"  “{n.excerpt}”")
        lines.append("  " + settings.PUBLIC_BASE_URL + reverse("annotations:notification_open", args=[n.pk]))
        lines.append("")
    first = notifications[0]
    if len(notifications) == 1:
        actor = first.actor.get_username() if first.actor else _("Someone")
        subject = f"[{first.project.name}] {actor} {first.sentence()}"
    else:
        subject = f"[{first.project.name}] " + _("%(count)d new notifications") % {"count": len(notifications)}
    account = settings.PUBLIC_BASE_URL + reverse("annotations:account")
    lines.append(_("You get these e-mails because you asked for them; stop them on your account page: %(link)s")
                 % {"link": account})  # fmt: skip
    return Truncator(subject).chars(150), "\n".join(lines)
