"""The API of verdicts rated independently: sending a claim to reviewers,
each rating it blind, the editor's adjudication into a draft verdict, and
the verdict agreement the task stores."""

import pytest

from annotations.models import ClaimStatus

pytestmark = pytest.mark.django_db


def url(desk, action):
    return f"/api/v1/claims/{desk.claim.pk}/{action}/"


def test_two_reviewers_rate_blind_and_the_editor_adjudicates(desk, api, django_capture_on_commit_callbacks):
    salah, benar = (desk.project.ratings.get(label=label).pk for label in ("Salah", "Benar"))
    reviewers = [desk.users["reviewer"].pk, desk.users["writer"].pk]
    assert (
        api("reviewer").post(url(desk, "send-for-rating"), {"reviewers": reviewers}, format="json").status_code == 403
    )
    sent = api("editor").post(url(desk, "send-for-rating"), {"reviewers": reviewers}, format="json")
    assert (sent.status_code, sent.json()["status"]) == (200, ClaimStatus.RATING)

    refused = api("editor").post(url(desk, "rate"), {"rating": salah, "rationale": "Saya editor."}, format="json")
    assert refused.status_code == 403
    mine = api("reviewer").post(url(desk, "rate"), {"rating": salah, "rationale": "Tidak ada bukti."}, format="json")
    assert mine.status_code == 201
    assert (mine.json()["rating_label"], mine.json()["rationale"]) == ("Salah", "Tidak ada bukti.")
    again = api("reviewer").post(url(desk, "rate"), {"rating": benar, "rationale": "Lagi."}, format="json")
    assert again.status_code == 409
    early = api("editor").post(
        url(desk, "adjudicate-ratings"), {"rating": salah, "assignee": desk.users["reviewer"].pk}, format="json"
    )
    assert early.status_code == 409

    # The second reviewer sees only their own row, before and after rating.
    listed = api("writer").get(f"/api/v1/independent-ratings/?claim={desk.claim.pk}").json()["results"]
    assert [(r["reviewer"], r["rating"]) for r in listed] == [(desk.users["writer"].pk, None)]
    api("writer").post(url(desk, "rate"), {"rating": benar, "rationale": "Ada laporan."}, format="json")
    listed = api("writer").get("/api/v1/independent-ratings/").json()["results"]
    assert [r["rating_label"] for r in listed] == ["Benar"]
    assert api("writer").get(f"/api/v1/claims/{desk.claim.pk}/").json()["status"] == ClaimStatus.RATED
    editor_sees = api("editor").get("/api/v1/independent-ratings/").json()["results"]
    assert sorted(r["rating_label"] for r in editor_sees) == ["Benar", "Salah"]

    with django_capture_on_commit_callbacks(execute=True):
        verdict = api("editor").post(
            url(desk, "adjudicate-ratings"), {"rating": benar, "assignee": desk.users["writer"].pk}, format="json"
        )
    assert verdict.status_code == 201
    assert (verdict.json()["status"], verdict.json()["rating"]) == ("draft", benar)
    claim = api("writer").get(f"/api/v1/claims/{desk.claim.pk}/").json()
    assert (claim["status"], claim["assignee"], claim["current_rating"]) == (
        ClaimStatus.IN_PROGRESS, desk.users["writer"].pk, "Benar",
    )  # fmt: skip
    listed = api("writer").get("/api/v1/independent-ratings/").json()["results"]
    assert sorted(r["rating_label"] for r in listed) == ["Benar", "Salah"]  # all of them, once adjudicated

    (overall,) = api("annotator").get("/api/v1/agreement/?scope=project").json()["results"]
    assert overall["rated_claims"] == 1
    assert "verdict_ordinal_alpha" in overall and "verdict_nominal_alpha" in overall
    assert overall["figures"]["verdicts"]["reviewers"] == sorted(reviewers)


def test_bad_input_is_refused_with_a_clear_error(desk, api):
    reviewers = [desk.users["reviewer"].pk, desk.users["outsider"].pk]
    response = api("editor").post(url(desk, "send-for-rating"), {"reviewers": reviewers}, format="json")
    assert response.status_code == 400 and "reviewers" in response.content.decode()
    one = api("editor").post(url(desk, "send-for-rating"), {"reviewers": reviewers[:1]}, format="json")
    assert one.status_code == 400
    assert api("editor").get(f"/api/v1/claims/{desk.claim.pk}/").json()["status"] == ClaimStatus.OPEN
