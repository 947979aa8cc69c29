"""The whole life of a claim through the API, and the rules at each step."""

import pytest

from annotations.models import Activity, Claim, Comment, Evidence, Verb, Verdict

from ..conftest import SEED_CLAIM, approved, drafted, published, submitted

pytestmark = pytest.mark.django_db


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def test_a_claim_goes_from_marked_to_corrected(desk, api):
    text = desk.article.text
    start = text.index("Stoltenberg menegaskan")
    claim = ok(api("annotator").post("/api/v1/claims/", {
        "article": desk.article.pk, "start": start, "end": start + 22, "statement": "Stoltenberg demands consequences",
        "claimant": "Jens Stoltenberg", "tags": ["nato"],
    }, format="json"), 201)  # fmt: skip
    assert claim["quote"] == "Stoltenberg menegaskan" and claim["status"] == "open"

    reviewer, editor = api("reviewer"), api("editor")
    assert ok(reviewer.post(f"/api/v1/claims/{claim['id']}/take/"))["status"] == "in_progress"
    verdict = ok(reviewer.post("/api/v1/verdicts/", {"claim": claim["id"], "summary": "Draf."}, format="json"), 201)
    for n in (1, 2):
        ok(reviewer.post("/api/v1/evidence/", {
            "verdict": verdict["id"], "url": f"https://www.nato.int/source-{n}", "title": f"Sumber {n}",
            "accessed_at": "2024-06-20",
        }, format="json"), 201)  # fmt: skip
    ok(reviewer.patch(f"/api/v1/verdicts/{verdict['id']}/", {"rating": desk.ratings[4].pk}, format="json"))
    submitted_verdict = ok(reviewer.post(f"/api/v1/verdicts/{verdict['id']}/submit/"))
    assert submitted_verdict["status"] == "submitted"
    assert ok(editor.get(f"/api/v1/claims/{claim['id']}/"))["status"] == "in_review"

    sent_back = ok(editor.post(f"/api/v1/verdicts/{verdict['id']}/request-changes/", {"comment": "Tambah kutipan."}))
    assert sent_back["status"] == "changes_requested"
    assert ok(editor.get(f"/api/v1/claims/{claim['id']}/"))["status"] == "in_progress"
    assert Comment.objects.get(verdict_id=verdict["id"]).body == "Tambah kutipan."

    ok(reviewer.patch(f"/api/v1/verdicts/{verdict['id']}/", {"analysis": "Dengan kutipan."}, format="json"))
    ok(reviewer.post(f"/api/v1/verdicts/{verdict['id']}/submit/"))
    assert ok(editor.post(f"/api/v1/verdicts/{verdict['id']}/approve/"))["status"] == "approved"
    live = ok(editor.post(f"/api/v1/verdicts/{verdict['id']}/publish/"))
    assert live["status"] == "published" and live["published_at"]
    listed = ok(editor.get("/api/v1/claims/?status=published"))["results"]
    assert [(c["id"], c["current_rating"]) for c in listed] == [(claim["id"], desk.ratings[4].label)]

    correction = ok(editor.post(f"/api/v1/verdicts/{verdict['id']}/correct/", {
        "correction_note": "Rating diubah setelah data baru.", "rating": desk.ratings[2].pk,
    }, format="json"), 201)  # fmt: skip
    assert (correction["version"], correction["status"], correction["corrects"]) == (2, "published", verdict["id"])
    assert len(correction["evidence"]) == 2
    old = ok(editor.get(f"/api/v1/verdicts/{verdict['id']}/"))
    assert (old["status"], old["is_current"], old["rating"]) == ("corrected", False, desk.ratings[4].pk)
    assert ok(editor.get(f"/api/v1/claims/{claim['id']}/"))["current_rating"] == desk.ratings[2].label

    retracted = ok(editor.post(f"/api/v1/verdicts/{correction['id']}/retract/", {"comment": "Sumber dicabut."}))
    assert retracted["status"] == "retracted" and retracted["correction_note"] == "Sumber dicabut."

    moves = list(
        Activity.objects.filter(object_type="verdict", object_id=verdict["id"])
        .order_by("id")
        .values_list("from_state", "to_state")
    )
    assert moves == [
        ("", "draft"), ("draft", "draft"), ("draft", "submitted"), ("submitted", "changes_requested"),
        ("changes_requested", "changes_requested"), ("changes_requested", "submitted"),
        ("submitted", "approved"), ("approved", "published"), ("published", "corrected"),
    ]  # fmt: skip


def test_an_illegal_move_gets_409_with_the_current_state(desk, api):
    verdict = drafted(desk)
    response = api("editor").post(f"/api/v1/verdicts/{verdict.pk}/publish/")
    assert response.status_code == 409
    assert response.json()["error"]["state"] == "draft"
    assert Verdict.objects.get(pk=verdict.pk).status == "draft"


def test_an_editor_cannot_approve_their_own_verdict(desk, api):
    verdict = drafted(desk, user="editor")
    client = api("editor")
    client.post(f"/api/v1/verdicts/{verdict.pk}/submit/")
    response = client.post(f"/api/v1/verdicts/{verdict.pk}/approve/")
    assert response.status_code == 403
    assert "own verdicts" in response.json()["error"]["message"]
    assert Verdict.objects.get(pk=verdict.pk).status == "submitted"


def test_a_project_may_allow_editors_to_approve_their_own_verdicts(desk, api):
    desk.project.allow_self_approval = True
    desk.project.save()
    verdict = drafted(desk, user="editor")
    client = api("editor")
    client.post(f"/api/v1/verdicts/{verdict.pk}/submit/")
    assert client.post(f"/api/v1/verdicts/{verdict.pk}/approve/").json()["status"] == "approved"


def test_submitting_needs_a_rating_and_a_summary(desk, api):
    verdict = drafted(desk, rating=None, summary="")
    response = api("writer").post(f"/api/v1/verdicts/{verdict.pk}/submit/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"rating": ["Choose a rating before submitting."]}


def test_a_published_verdict_is_locked(desk, api):
    verdict = published(desk)
    response = api("editor").patch(f"/api/v1/verdicts/{verdict.pk}/", {"summary": "Diam-diam diubah."}, format="json")
    assert response.status_code == 409
    assert Verdict.objects.get(pk=verdict.pk).summary == "Tidak ada bukti."
    evidence = api("editor").post("/api/v1/evidence/", {"verdict": verdict.pk, "url": "https://x.example/"})
    assert evidence.status_code == 409


def test_a_correction_needs_a_public_note(desk, api):
    verdict = published(desk)
    response = api("editor").post(f"/api/v1/verdicts/{verdict.pk}/correct/", {"correction_note": " "}, format="json")
    assert response.status_code == 400
    assert Verdict.objects.filter(claim=desk.claim).count() == 1


def test_a_duplicate_claim_points_at_the_first_original(desk, api):
    first = desk.claim
    second = api("annotator").post("/api/v1/claims/", {"article": desk.article.pk, "start": 0, "end": 15}).json()
    third = api("annotator").post("/api/v1/claims/", {"article": desk.article.pk, "start": 16, "end": 26}).json()
    client = api("reviewer")
    assert client.post(f"/api/v1/claims/{second['id']}/mark-duplicate/", {"original": first.pk}).status_code == 200
    marked = client.post(f"/api/v1/claims/{third['id']}/mark-duplicate/", {"original": second["id"]}).json()
    assert (marked["status"], marked["duplicate_of"]) == ("duplicate", first.pk)
    itself = client.post(f"/api/v1/claims/{first.pk}/mark-duplicate/", {"original": first.pk})
    assert itself.status_code == 400


def test_a_reviewer_marks_a_claim_not_checkable(desk, api):
    response = api("reviewer").post(f"/api/v1/claims/{desk.claim.pk}/mark-not-checkable/", {"comment": "Opini."})
    assert response.json()["status"] == "not_checkable"
    assert Activity.objects.filter(verb=Verb.CLAIM_NOT_CHECKABLE, comment="Opini.").exists()


def test_not_checkable_without_a_reason_is_refused_and_an_editor_reopens_it(desk, api):
    url = f"/api/v1/claims/{desk.claim.pk}/"
    assert api("reviewer").post(url + "mark-not-checkable/", {"comment": ""}).status_code == 400
    assert api("reviewer").post(url + "mark-not-checkable/", {"comment": "Opini."}).status_code == 200
    assert api("reviewer").post(url + "reopen/").status_code == 403
    assert api("editor").post(url + "reopen/").json()["status"] == "open"


def test_releasing_a_claim_returns_it_to_the_queue_and_drops_the_draft(desk, api):
    verdict = drafted(desk)
    assert api("writer").post(f"/api/v1/claims/{desk.claim.pk}/release/").json()["status"] == "open"
    assert not Verdict.objects.filter(pk=verdict.pk).exists()


def test_a_submitted_claim_cannot_be_released(desk, api):
    submitted(desk)
    assert api("writer").post(f"/api/v1/claims/{desk.claim.pk}/release/").status_code == 409


def test_an_annotator_edits_and_deletes_their_own_open_claim(desk, api):
    client = api("marker")
    edited = client.patch(f"/api/v1/claims/{desk.claim.pk}/", {"statement": "AS menuduh Korea Utara"}, format="json")
    assert edited.json()["statement"] == "AS menuduh Korea Utara"
    moved = client.patch(f"/api/v1/claims/{desk.claim.pk}/", {"start": 0, "end": 15}, format="json").json()
    assert moved["quote"] == desk.article.text[0:15]
    assert client.delete(f"/api/v1/claims/{desk.claim.pk}/").status_code == 204
    assert not Claim.objects.exists()


def test_an_annotator_cannot_edit_a_claim_once_taken(desk, api):
    approved(desk)
    response = api("marker").patch(f"/api/v1/claims/{desk.claim.pk}/", {"statement": "x"}, format="json")
    assert response.status_code == 409
    assert Claim.objects.get().statement == desk.claim.statement != "x"


def test_evidence_is_edited_and_removed_on_a_draft(desk, api):
    verdict = drafted(desk)
    client = api("writer")
    item = client.post("/api/v1/evidence/", {"verdict": verdict.pk, "url": "https://a.example/", "kind": "secondary"})
    evidence_id = item.json()["id"]
    client.patch(f"/api/v1/evidence/{evidence_id}/", {"title": "Laporan"}, format="json")
    assert Evidence.objects.get().title == "Laporan"
    assert client.delete(f"/api/v1/evidence/{evidence_id}/").status_code == 204
    assert not Evidence.objects.exists()


def test_comments_are_added_and_resolved(desk, api):
    comment = api("annotator").post("/api/v1/comments/", {"claim": desk.claim.pk, "body": "Cek tanggalnya."}).json()
    assert comment["body"] == "Cek tanggalnya."
    both = api("annotator").post("/api/v1/comments/", {"claim": desk.claim.pk, "verdict": 1, "body": "?"})
    assert both.status_code in (400, 404)
    assert api("annotator").post(f"/api/v1/comments/{comment['id']}/resolve/").json()["resolved"] is True
    assert api("annotator").post(f"/api/v1/comments/{comment['id']}/resolve/").status_code == 409


def test_a_project_keeps_at_least_one_admin(desk, api):
    client = api("admin")
    me = client.get(f"/api/v1/members/?project={desk.project.pk}&role=admin").json()["results"][0]
    assert client.patch(f"/api/v1/members/{me['id']}/", {"role": "editor"}).status_code == 409
    assert client.delete(f"/api/v1/members/{me['id']}/").status_code == 409


def test_members_are_added_by_username_and_their_role_changed(desk, api, settings):
    settings.MEMBERS_FROM_INSTANCE = True  # by default they join by invitation (test_invitations.py)
    client = api("admin")
    added = client.post("/api/v1/members/", {"project": desk.project.pk, "username": "outsider", "role": "annotator"})
    assert added.status_code == 201
    changed = client.patch(f"/api/v1/members/{added.json()['id']}/", {"role": "reviewer"}).json()
    assert changed["role"] == "reviewer"
    again = client.post("/api/v1/members/", {"project": desk.project.pk, "username": "outsider", "role": "annotator"})
    assert again.status_code == 409
    nobody = client.post("/api/v1/members/", {"project": desk.project.pk, "username": "nobody", "role": "annotator"})
    assert nobody.json()["error"]["fields"] == {"username": ["No user has this username."]}


def test_a_retired_rating_stays_on_old_verdicts_but_cannot_be_chosen(desk, api):
    verdict = published(desk)
    rating = desk.ratings[0]
    assert api("editor").patch(f"/api/v1/ratings/{rating.pk}/", {"active": False}).json()["active"] is False
    assert api("editor").get(f"/api/v1/verdicts/{verdict.pk}/").json()["rating_label"] == rating.label
    desk.claim.refresh_from_db()
    draft = api("reviewer").post("/api/v1/claims/", {"article": desk.article.pk, "start": 0, "end": 5}).json()
    api("reviewer").post(f"/api/v1/claims/{draft['id']}/take/")
    response = api("reviewer").post("/api/v1/verdicts/", {"claim": draft["id"], "rating": rating.pk})
    assert response.json()["error"]["fields"] == {"rating": ["This rating is retired."]}


def test_creating_a_project_makes_you_its_admin_with_a_rating_scale(desk, api, settings):
    settings.PROJECT_CREATION_OPEN = True  # by default staff only (test_invitations.py)
    response = api("outsider").post("/api/v1/projects/", {"name": "Desk EN", "slug": "desk-en", "language": "en"})
    project = response.json()
    assert (response.status_code, project["role"]) == (201, "admin")
    ratings = api("outsider").get(f"/api/v1/ratings/?project={project['id']}").json()["results"]
    assert {r["label"] for r in ratings} >= {"False", "True"}


def test_offsets_outside_the_text_get_a_clear_400(desk, api):
    length = len(desk.article.text)
    response = api("annotator").post(
        "/api/v1/claims/", {"article": desk.article.pk, "start": length - 2, "end": length + 5}
    )
    assert response.status_code == 400
    assert f"outside the article text (0–{length})" in response.json()["error"]["message"]


def test_a_quote_mismatch_shows_the_text_found(desk, api):
    start = desk.article.text.index(SEED_CLAIM)
    response = api("annotator").post("/api/v1/claims/", {
        "article": desk.article.pk, "start": start, "end": start + 2, "quote": "US",
    })  # fmt: skip
    assert response.json()["error"]["fields"]["quote"] == ["The text at 710–712 is 'AS', not 'US'."]
