"""No lost updates: stale revisions are refused, and of two reviewers taking
the same claim at the same moment exactly one wins."""

import threading

import pytest
from django.db import connection

from annotations import workflow
from annotations.models import Activity, Claim, ClaimStatus, Verb

from ..conftest import client_for, drafted


@pytest.mark.django_db
def test_reads_carry_an_etag_of_the_revision(desk, api):
    response = api("marker").get(f"/api/v1/claims/{desk.claim.pk}/")
    assert response["ETag"] == '"1"'
    assert response.json()["revision"] == 1


@pytest.mark.django_db
def test_an_edit_based_on_a_stale_revision_gets_409_and_changes_nothing(desk, api):
    editor = api("editor")
    first = editor.patch(f"/api/v1/claims/{desk.claim.pk}/", {"statement": "Versi A", "revision": 1}, format="json")
    assert first.json()["revision"] == 2
    second = editor.patch(f"/api/v1/claims/{desk.claim.pk}/", {"statement": "Versi B", "revision": 1}, format="json")
    assert second.status_code == 409
    assert second.json()["error"]["revision"] == 2
    assert "changed by someone else" in second.json()["error"]["message"]
    assert Claim.objects.get().statement == "Versi A"


@pytest.mark.django_db
def test_a_stale_if_match_gets_412_and_changes_nothing(desk, api):
    verdict = drafted(desk)
    client = api("writer")
    etag = client.get(f"/api/v1/verdicts/{verdict.pk}/")["ETag"]
    client.patch(f"/api/v1/verdicts/{verdict.pk}/", {"summary": "Pertama"}, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(f"/api/v1/verdicts/{verdict.pk}/", {"summary": "Kedua"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    verdict.refresh_from_db()
    assert verdict.summary == "Pertama"


@pytest.mark.django_db
def test_a_submit_based_on_a_stale_revision_is_refused(desk, api):
    verdict = drafted(desk)
    api("writer").patch(f"/api/v1/verdicts/{verdict.pk}/", {"summary": "Baru"}, format="json")
    response = api("writer").post(f"/api/v1/verdicts/{verdict.pk}/submit/", {"revision": verdict.revision})
    assert response.status_code == 409
    verdict.refresh_from_db()
    assert verdict.status == "draft"


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_taking_one_claim_at_once_one_wins(desk):
    reviewers = [desk.users["reviewer"], desk.users["writer"]]
    barrier = threading.Barrier(len(reviewers))
    statuses = {}

    def take(user):
        try:
            barrier.wait(timeout=10)
            response = client_for(user).post(f"/api/v1/claims/{desk.claim.pk}/take/")
            statuses[user.username] = response.status_code
        finally:
            connection.close()  # each thread has its own connection; close it

    threads = [threading.Thread(target=take, args=(user,)) for user in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses.values()) == [200, 409]
    winner = next(name for name, code in statuses.items() if code == 200)
    claim = Claim.objects.get()
    assert (claim.status, claim.assignee.username) == (ClaimStatus.IN_PROGRESS, winner)
    assert Activity.objects.filter(verb=Verb.CLAIM_TAKEN).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter")
def test_the_second_taker_waits_for_the_first_transaction_and_then_sees_the_claim_taken(desk):
    from django.db import transaction

    first_has_lock, release = threading.Event(), threading.Event()
    outcome = {}

    def hold_the_lock():
        try:
            with transaction.atomic():
                workflow.claim_take(claim=desk.claim, user=desk.users["writer"])
                first_has_lock.set()
                release.wait(10)
        finally:
            connection.close()

    def second_taker():
        try:
            first_has_lock.wait(10)
            workflow.claim_take(claim=desk.claim, user=desk.users["reviewer"])
            outcome["result"] = "took it"
        except workflow.Conflict as conflict:
            outcome["result"] = conflict.state
        finally:
            connection.close()

    threads = [threading.Thread(target=hold_the_lock), threading.Thread(target=second_taker)]
    for thread in threads:
        thread.start()
    first_has_lock.wait(10)
    threads[1].join(0.5)
    assert threads[1].is_alive(), "the second transaction must wait on the row lock"
    release.set()
    for thread in threads:
        thread.join(10)
    assert outcome == {"result": ClaimStatus.IN_PROGRESS}
    assert Claim.objects.get().assignee == desk.users["writer"]
