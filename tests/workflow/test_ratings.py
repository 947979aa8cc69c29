"""Verdicts rated independently: an editor sends a claim to two reviewers,
each rates it without seeing the other's rating (not on its page, nor
through the API, the comments, the activity or the export) until an editor
adjudicates; the rating kept becomes the claim's draft verdict; and the
agreement task measures the ratings of adjudicated claims."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from annotations import adjudication, agreement, permissions, workflow
from annotations.exporters import JSONLExporter
from annotations.models import (
    Activity,
    Agreement,
    AgreementScope,
    ClaimStatus,
    IndependentRating,
    Verb,
    VerdictStatus,
)

from ..conftest import client_for
from ..exporters.conftest import render

pytestmark = pytest.mark.django_db

PAIR = ("reviewer", "writer")


def rating(desk, label):
    return desk.project.ratings.get(label=label)


def send(desk, *claims, names=PAIR, by="editor"):
    return workflow.claims_send_for_rating(
        claims=claims or [desk.claim], user=desk.users[by], reviewers=[desk.users[n] for n in names]
    )


def rate(desk, name, label, why, claim=None):
    return workflow.claim_rate(
        claim=claim or desk.claim, user=desk.users[name], rating=rating(desk, label), rationale=why
    )


def rated_apart(desk):
    """ "reviewer" rates the seed claim Salah, "writer" rates it Benar."""
    send(desk)
    rate(desk, "reviewer", "Salah", "Tidak ada bukti pasokan rudal.")
    rate(desk, "writer", "Benar", "Laporan intelijen AS mendukungnya.")
    desk.claim.refresh_from_db()


def adjudicate(desk, label="Salah", assignee="reviewer", claim=None):
    return workflow.claim_adjudicate_ratings(
        claim=claim or desk.claim, user=desk.users["editor"], rating=rating(desk, label),
        assignee=desk.users[assignee],
    )  # fmt: skip


def page(user, desk):
    client = Client()
    client.force_login(user)
    return client.get(reverse("annotations:claim_ratings", args=[desk.project.slug, desk.claim.pk]))


# Sending ------------------------------------------------------------------


def test_a_claim_sent_to_two_reviewers_is_being_rated_and_leaves_the_open_queue(desk):
    (claim,) = send(desk)
    assert claim.status == ClaimStatus.RATING
    assert not desk.project.claims.open().exists()
    assert sorted(claim.independent_ratings.values_list("reviewer__username", flat=True)) == list(PAIR)
    with pytest.raises(workflow.Conflict):
        workflow.claim_take(claim=claim, user=desk.users["writer"])
    event = Activity.objects.get(verb=Verb.CLAIM_SENT_FOR_RATING)
    assert (event.actor, event.from_state, event.to_state) == (desk.users["editor"], "open", "rating")


def test_only_editors_send_open_claims_to_two_reviewers_or_more(desk):
    with pytest.raises(PermissionDenied):
        send(desk, by="reviewer")
    with pytest.raises(ValidationError, match="two reviewers"):
        send(desk, names=("reviewer",))
    with pytest.raises(ValidationError, match="Not reviewers of this project: annotator"):
        send(desk, names=("reviewer", "annotator"))
    with pytest.raises(ValidationError, match="outsider"):
        send(desk, names=("reviewer", "outsider"))
    workflow.claim_take(claim=desk.claim, user=desk.users["writer"])
    with pytest.raises(workflow.Conflict, match="Only open claims"):
        send(desk)
    assert not IndependentRating.objects.exists()


def test_a_claim_is_rated_independently_once(desk):
    rated_apart(desk)
    adjudicate(desk)
    workflow.claim_release(claim=desk.claim, user=desk.users["reviewer"])
    with pytest.raises(workflow.Conflict, match="rated independently already"):
        send(desk)


# Rating -------------------------------------------------------------------


def test_only_the_reviewers_sent_may_rate(desk):
    send(desk)
    with pytest.raises(PermissionDenied, match="sent to"):
        rate(desk, "editor", "Salah", "Saya editor.")
    with pytest.raises(PermissionDenied):
        rate(desk, "annotator", "Salah", "Saya anotator.")
    with pytest.raises(Http404):
        rate(desk, "outsider", "Salah", "Saya orang luar.")
    assert not IndependentRating.objects.rated().exists()


def test_a_rating_is_given_once_and_never_changes(desk):
    send(desk)
    rate(desk, "reviewer", "Salah", "Tidak ada bukti.")
    with pytest.raises(workflow.Conflict, match="rated this claim already"):
        rate(desk, "reviewer", "Benar", "Berubah pikiran.")
    mine = IndependentRating.objects.get(reviewer=desk.users["reviewer"])
    assert (mine.rating.label, mine.rationale) == ("Salah", "Tidak ada bukti.")


def test_a_rating_needs_a_rationale_and_an_active_rating_of_the_scale(desk):
    send(desk)
    with pytest.raises(ValidationError, match="why"):
        rate(desk, "reviewer", "Salah", "   ")
    retired = rating(desk, "Menyesatkan")
    workflow.rating_update(rating=retired, user=desk.users["editor"], active=False)
    with pytest.raises(ValidationError, match="retired"):
        rate(desk, "reviewer", "Menyesatkan", "Pensiun.")
    assert not IndependentRating.objects.rated().exists()


def test_the_claim_shows_as_rated_when_all_its_reviewers_have_rated(desk):
    send(desk)
    rate(desk, "reviewer", "Salah", "Satu.")
    desk.claim.refresh_from_db()
    assert desk.claim.status == ClaimStatus.RATING
    rate(desk, "writer", "Benar", "Dua.")
    desk.claim.refresh_from_db()
    assert desk.claim.status == ClaimStatus.RATED
    assert desk.claim.get_status_display() == "Rated, awaiting adjudication"


# Blindness ----------------------------------------------------------------


def visible(desk, name):
    ratings = permissions.visible_ratings(desk.users[name], IndependentRating.objects.all())
    return sorted((r.reviewer.username, r.rating.label if r.rating else None) for r in ratings)


def test_a_reviewer_sees_only_their_own_rating_until_the_adjudication(desk):
    send(desk)
    rate(desk, "reviewer", "Salah", "Tidak ada bukti.")
    assert visible(desk, "writer") == [("writer", None)]
    rate(desk, "writer", "Benar", "Ada laporan.")
    assert visible(desk, "writer") == [("writer", "Benar")]
    assert visible(desk, "reviewer") == [("reviewer", "Salah")]
    assert visible(desk, "annotator") == []
    assert visible(desk, "outsider") == []
    assert visible(desk, "editor") == [("reviewer", "Salah"), ("writer", "Benar")]
    adjudicate(desk)
    both = [("reviewer", "Salah"), ("writer", "Benar")]
    assert visible(desk, "writer") == visible(desk, "annotator") == both
    assert visible(desk, "outsider") == []


def test_an_editor_sent_the_claim_sees_the_others_only_once_all_have_rated(desk):
    send(desk, names=("editor", "writer"))
    rate(desk, "writer", "Benar", "Ada laporan.")
    assert visible(desk, "editor") == [("editor", None)]
    # Who may adjudicate and was not sent sees the ratings as they come in.
    assert visible(desk, "admin") == [("editor", None), ("writer", "Benar")]
    rate(desk, "editor", "Salah", "Tidak ada bukti.")
    assert visible(desk, "editor") == [("editor", "Salah"), ("writer", "Benar")]


def test_the_rating_page_hides_the_others_rating_from_a_reviewer(desk):
    send(desk)
    rate(desk, "reviewer", "Salah", "Tidak ada bukti pasokan rudal.")
    before = page(desk.users["writer"], desk).content.decode()
    assert 'id="rate-form"' in before
    assert "Tidak ada bukti pasokan rudal." not in before
    rate(desk, "writer", "Benar", "Laporan intelijen AS mendukungnya.")
    after = page(desk.users["writer"], desk).content.decode()
    assert "Laporan intelijen AS mendukungnya." in after and 'id="rate-form"' not in after
    assert "Tidak ada bukti pasokan rudal." not in after
    assert "Salah" not in after
    editor = page(desk.users["editor"], desk).content.decode()
    assert "Tidak ada bukti pasokan rudal." in editor and 'id="adjudicate-ratings"' in editor
    adjudicate(desk)
    assert "Tidak ada bukti pasokan rudal." in page(desk.users["writer"], desk).content.decode()


def test_the_api_comments_and_activity_do_not_tell_a_reviewer_the_others_rating(desk):
    send(desk)
    rate(desk, "reviewer", "Salah", "Tidak ada bukti pasokan rudal.")
    api = client_for(desk.users["writer"])
    answers = [
        api.get("/api/v1/independent-ratings/").content,
        api.get(f"/api/v1/v1/independent-ratings/?claim={desk.claim.pk}").content,
        api.get(f"/api/v1/v1/claims/{desk.claim.pk}/").content,
        api.get("/api/v1/activity/").content,
        api.get("/api/v1/comments/").content,
        api.get("/api/v1/verdicts/").content,
        api.get("/api/v1/agreement/").content,
    ]
    for body in answers:
        assert b"Tidak ada bukti" not in body and b"Salah" not in body
    (own,) = api.get("/api/v1/independent-ratings/").json()["results"]
    assert (own["reviewer"], own["rating"]) == (desk.users["writer"].pk, None)
    theirs = IndependentRating.objects.get(reviewer=desk.users["reviewer"])
    assert api.get(f"/api/v1/v1/independent-ratings/{theirs.pk}/").status_code == 404
    event = Activity.objects.filter(verb=Verb.CLAIM_RATED).get()
    assert (event.comment, event.to_state) == ("", "")  # who rated, never what


def test_the_export_carries_the_ratings_only_once_the_claim_is_adjudicated(desk):
    rated_apart(desk)
    before = render(JSONLExporter(desk.project)).decode()
    assert "independent_ratings" not in before and "Tidak ada bukti" not in before
    adjudicate(desk)
    (line,) = [json.loads(line) for line in render(JSONLExporter(desk.project)).splitlines()]
    (claim,) = line["claims"]
    assert [(r["reviewer"], r["rating"], r["rationale"]) for r in claim["independent_ratings"]] == [
        ("reviewer", "Salah", "Tidak ada bukti pasokan rudal."),
        ("writer", "Benar", "Laporan intelijen AS mendukungnya."),
    ]
    assert all(r["rated_at"] and r["sent_at"] for r in claim["independent_ratings"])
    assert claim["verdicts"][0]["rating"] == "Salah"


# Adjudication -------------------------------------------------------------


def test_the_adjudication_carries_the_rating_kept_into_the_claims_draft_verdict(desk):
    rated_apart(desk)
    verdict = adjudicate(desk, label="Sebagian benar", assignee="writer")  # a rating neither gave
    desk.claim.refresh_from_db()
    assert (desk.claim.status, desk.claim.assignee) == (ClaimStatus.IN_PROGRESS, desk.users["writer"])
    assert (verdict.status, verdict.rating.label, verdict.author) == (
        VerdictStatus.DRAFT, "Sebagian benar", desk.users["writer"],
    )  # fmt: skip
    assert desk.claim.verdicts.current().get() == verdict
    event = Activity.objects.get(verb=Verb.CLAIM_RATINGS_ADJUDICATED)
    assert (event.from_state, event.to_state) == ("rated", "in_progress")
    assert "Sebagian benar" in event.comment and "writer" in event.comment
    assert IndependentRating.objects.rated().count() == 2  # the individual ratings stay
    # The verdict goes on in the normal workflow.
    verdict = workflow.verdict_submit(verdict=verdict, user=desk.users["writer"], summary="Sebagian benar.")
    assert workflow.verdict_approve(verdict=verdict, user=desk.users["editor"]).status == VerdictStatus.APPROVED


def test_the_adjudication_waits_for_every_rating_and_is_for_editors(desk):
    send(desk)
    rate(desk, "reviewer", "Salah", "Satu.")
    with pytest.raises(workflow.Conflict, match="Not every reviewer"):
        adjudicate(desk)
    rate(desk, "writer", "Benar", "Dua.")
    with pytest.raises(PermissionDenied):
        workflow.claim_adjudicate_ratings(
            claim=desk.claim, user=desk.users["reviewer"], rating=rating(desk, "Salah"), assignee=desk.users["reviewer"]
        )
    with pytest.raises(ValidationError, match="annotator"):
        adjudicate(desk, assignee="annotator")
    adjudicate(desk)
    with pytest.raises(workflow.Conflict):
        adjudicate(desk)
    assert desk.claim.verdicts.count() == 1


# Agreement ----------------------------------------------------------------

# Two reviewers, three adjudicated claims, on the five-level scale (positions
# 0 to 4): (Salah, Salah), (Salah, Menyesatkan), (Benar, Benar). By hand:
# coincidences o00 = 2, o01 = o10 = 1, o44 = 2; n0 = 3, n1 = 1, n4 = 2, n = 6.
# Nominal α = 1 − 5 · 2 / (36 − 9 − 1 − 4) = 12/22. Ordinal δ²: (0,1) 4,
# (0,4) 12.25, (1,4) 2.25; α = 1 − 5 · 8 / (2 · (12 + 73.5 + 4.5)) = 7/9.
# Cohen's κ 0.5; linear 1 − 3/17; quadratic 1 − 3/59.
HAND = [("Salah", "Salah"), ("Salah", "Menyesatkan"), ("Benar", "Benar")]


def test_the_task_stores_the_verdict_agreement_of_adjudicated_claims(desk, django_capture_on_commit_callbacks):
    claims = [desk.claim]
    text = desk.article.text
    for start in (0, 10):
        claims.append(workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=start, end=start + 5))
    send(desk, *claims)
    for claim, (a, b) in zip(claims, HAND, strict=True):
        rate(desk, "reviewer", a, "Alasan A.", claim=claim)
        rate(desk, "writer", b, "Alasan B.", claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        for claim in claims:
            adjudicate(desk, claim=claim)
    # A fourth claim, rated and not adjudicated yet, is not compared.
    pending = workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=20, end=25)
    send(desk, pending)
    rate(desk, "reviewer", "Benar", "x", claim=pending)
    rate(desk, "writer", "Salah", "y", claim=pending)
    assert text == desk.article.text
    adjudication.compute_agreement(desk.project)

    overall = Agreement.objects.get(project=desk.project, scope=AgreementScope.PROJECT)
    assert overall.rated_claims == 3
    assert overall.verdict_nominal_alpha == pytest.approx(12 / 22)
    assert overall.verdict_ordinal_alpha == pytest.approx(7 / 9)
    (pair,) = overall.figures["verdicts"]["pairs"]
    assert pair["reviewers"] == [desk.users["reviewer"].pk, desk.users["writer"].pk]
    assert pair["kappa"] == pytest.approx(0.5)
    assert pair["kappa_linear"] == pytest.approx(14 / 17)
    assert pair["kappa_quadratic"] == pytest.approx(56 / 59)
    levels = list(desk.project.ratings.order_by("order", "value", "id").values_list("id", flat=True))
    triples = [
        (c.pk, desk.users[name].pk, rating(desk, labels[i]).pk)
        for c, labels in zip(claims, HAND, strict=True)
        for i, name in enumerate(PAIR)
    ]
    assert overall.figures["verdicts"] == agreement.verdict_agreement(triples, levels=levels)
    (week,) = Agreement.objects.filter(project=desk.project, scope=AgreementScope.WEEK)
    assert (week.rated_claims, week.verdict_ordinal_alpha) == (3, overall.verdict_ordinal_alpha)
    assert week.articles == 0 and week.overlap_f1 is None  # no span agreement that week


def test_the_adjudication_queues_the_agreement_task(desk, django_capture_on_commit_callbacks):
    rated_apart(desk)
    with django_capture_on_commit_callbacks(execute=True):
        adjudicate(desk)
    overall = Agreement.objects.get(project=desk.project, scope=AgreementScope.PROJECT)
    assert overall.rated_claims == 1
