"""The pages of verdicts rated independently: sending an article's claims,
the review queue's block of claims to rate, the editor queue's block of
claims to adjudicate, and the agreement figures next to the span agreement."""

import pytest
from django.test import Client
from django.urls import reverse

from annotations import adjudication, workflow
from annotations.models import ClaimStatus

pytestmark = pytest.mark.django_db


def client(desk, name):
    c = Client()
    c.force_login(desk.users[name])
    return c


def claims(desk, n):
    return [desk.claim] + [
        workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=10 * i, end=10 * i + 5)
        for i in range(n - 1)
    ]


def test_an_editor_sends_ticked_claims_to_the_ticked_reviewers(desk):
    url = reverse("annotations:article_ratings", args=[desk.project.slug, desk.article.pk])
    assert client(desk, "reviewer").get(url).status_code == 403
    reviewers = [desk.users["reviewer"].pk, desk.users["writer"].pk]
    response = client(desk, "editor").post(url, {"claims": [desk.claim.pk], "reviewers": reviewers}, follow=True)
    assert "sent to reviewer, writer" in response.content.decode()
    desk.claim.refresh_from_db()
    assert desk.claim.status == ClaimStatus.RATING
    again = client(desk, "editor").post(url, {"claims": [desk.claim.pk], "reviewers": reviewers}, follow=True)
    assert "Select a valid choice" in again.content.decode()  # no longer open: nothing sent twice


def test_the_review_queue_lists_the_claims_to_rate_in_a_bounded_number_of_queries(desk, django_assert_max_num_queries):
    url = reverse("annotations:review_queue", args=[desk.project.slug])
    workflow.claims_send_for_rating(
        claims=claims(desk, 1), user=desk.users["editor"], reviewers=[desk.users["reviewer"], desk.users["writer"]]
    )
    writer = client(desk, "writer")
    with django_assert_max_num_queries(12) as one:
        page = writer.get(url).content.decode()
    assert 'id="to-rate"' in page and desk.claim.quote[:40] in page
    more = claims(desk, 4)[1:]
    workflow.claims_send_for_rating(
        claims=more, user=desk.users["editor"], reviewers=[desk.users["reviewer"], desk.users["writer"]]
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = writer.get(url).content.decode()
    assert page.count(reverse("annotations:claim_ratings", args=[desk.project.slug, more[0].pk])) == 1
    assert 'id="to-rate"' not in client(desk, "admin").get(url).content.decode()  # not sent to them
    workflow.claim_rate(claim=desk.claim, user=desk.users["writer"], rating=desk.ratings[0], rationale="Satu.")
    assert (
        reverse("annotations:claim_ratings", args=[desk.project.slug, desk.claim.pk])
        not in writer.get(url).content.decode()
    )


def test_the_editor_queue_lists_the_claims_every_reviewer_has_rated(desk):
    workflow.claims_send_for_rating(
        claims=[desk.claim], user=desk.users["editor"], reviewers=[desk.users["reviewer"], desk.users["writer"]]
    )
    url = reverse("annotations:editor_queue", args=[desk.project.slug])
    assert 'id="to-adjudicate"' not in client(desk, "editor").get(url).content.decode()
    for name in ("reviewer", "writer"):
        workflow.claim_rate(claim=desk.claim, user=desk.users[name], rating=desk.ratings[0], rationale="Sama.")
    assert 'id="to-adjudicate"' in client(desk, "editor").get(url).content.decode()


def test_the_dashboard_and_agreement_page_show_the_verdict_agreement(desk):
    workflow.claims_send_for_rating(
        claims=[desk.claim], user=desk.users["editor"], reviewers=[desk.users["reviewer"], desk.users["writer"]]
    )
    for name, rating in (("reviewer", desk.ratings[0]), ("writer", desk.ratings[-1])):
        workflow.claim_rate(claim=desk.claim, user=desk.users[name], rating=rating, rationale="Alasan.")
    workflow.claim_adjudicate_ratings(
        claim=desk.claim, user=desk.users["editor"], rating=desk.ratings[0], assignee=desk.users["writer"]
    )
    adjudication.compute_agreement(desk.project)
    annotator = client(desk, "annotator")
    dashboard = annotator.get(reverse("annotations:dashboard", args=[desk.project.slug])).content.decode()
    assert 'data-figure="verdict_ordinal_alpha"' in dashboard
    page = annotator.get(reverse("annotations:agreement", args=[desk.project.slug])).content.decode()
    assert 'id="verdict-agreement"' in page and "reviewer · writer" in page
