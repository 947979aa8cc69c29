"""The dashboard: a feed of sentences that link to what they speak of, and
counts of the week's work that match what is there."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from annotations import workflow

pytestmark = pytest.mark.django_db


def dashboard(user, **headers):
    client = Client(SERVER_NAME="localhost", **headers)
    client.force_login(user)
    return client.get(f"/projects/{user.memberships.get().project.slug}/").content.decode()


def work_row(html, username):
    return re.search(rf"<tr><td>{username}</td>(.*?)</tr>", html).group(1)


def test_claims_marked_this_week_leave_out_claims_deleted_since(desk):
    marker = desk.users["marker"]
    junk = workflow.claim_mark(article=desk.article, user=marker, start=0, end=5)
    assert re.findall(r'class="num">(\d+)<', work_row(dashboard(desk.users["editor"]), "marker"))[0] == "2"
    workflow.claim_delete(claim=junk, user=marker)
    assert re.findall(r'class="num">(\d+)<', work_row(dashboard(desk.users["editor"]), "marker"))[0] == "1"


def test_each_activity_links_to_its_object_and_a_deleted_claim_to_nothing(desk):
    slug = desk.project.slug
    editor = desk.users["editor"]
    junk = workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=0, end=5)
    workflow.claim_delete(claim=junk, user=desk.users["marker"])
    job = workflow.import_queue(project=desk.project, user=editor,
                                upload=SimpleUploadedFile("a.jsonl", b'{"text": "Harga beras naik."}\n'))  # fmt: skip
    workflow.rating_update(rating=desk.ratings[0], user=desk.users["admin"], description="Tidak benar.")
    html = dashboard(editor)
    assert f'<a href="/projects/{slug}/imports/{job.pk}/">queued import job {job.pk}</a>' in html
    assert f'<a href="/projects/{slug}/members/">changed rating {desk.ratings[0].pk}</a>' in html
    assert f"<strong>marker</strong> deleted claim {junk.pk}</li>" in html  # nothing to open any more
    # An annotator may not open import jobs: the feed names it, without a link.
    assert f"<strong>editor</strong> queued import job {job.pk}</li>" in dashboard(desk.users["annotator"])


def queries(callable_):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = callable_()
    return len(captured), result


def test_the_feed_shows_five_and_folds_the_rest_in_the_same_queries_however_many(desk):
    writer = desk.users["writer"]
    verdict = workflow.verdict_create(claim=workflow.claim_take(claim=desk.claim, user=writer), user=writer,
                                      rating=desk.ratings[0])  # fmt: skip
    before, _ = queries(lambda: dashboard(desk.users["editor"]))
    for order in range(6):
        workflow.verdict_update(verdict=verdict, user=writer, summary=f"v{order}")
        workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=order, end=order + 5)
    after, html = queries(lambda: dashboard(desk.users["editor"]))
    assert after == before
    shown, folded = html.split("Earlier activity")
    assert shown[shown.index("Recent activity") :].count("<li>") == 5
    assert folded.count("<li>") == 10
    assert f'#claim-{desk.claim.pk}">edited verdict {verdict.pk}</a>' in html


def test_the_feed_is_said_in_the_readers_language_from_marked_sentences(desk):
    """The Indonesian of each sentence is the translators' (locale/); what the
    code must do is build it from marked messages, translated as it is shown."""
    from django.utils import translation

    from annotations.models import Activity, Verb

    workflow.claim_take(claim=desk.claim, user=desk.users["writer"])
    event = Activity.objects.get(verb=Verb.CLAIM_TAKEN)
    with translation.override("id"):
        assert event.sentence() == translation.gettext("took claim %(id)s to check it") % {"id": desk.claim.pk}
    assert "mengambil klaim" in dashboard(desk.users["editor"], HTTP_ACCEPT_LANGUAGE="id")
