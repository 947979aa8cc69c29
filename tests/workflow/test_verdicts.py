"""The verdict transitions, called directly: one test per rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from annotations import permissions, workflow
from annotations.models import (
    Activity,
    Claim,
    ClaimStatus,
    Evidence,
    ExportJob,
    JobStatus,
    Verb,
    Verdict,
    VerdictStatus,
)

from ..conftest import approved, drafted, published, submitted

pytestmark = pytest.mark.django_db


def test_save_and_submit_is_one_call_that_keeps_the_new_text(desk):
    verdict = drafted(desk, summary="")
    workflow.verdict_submit(verdict=verdict, user=desk.users["writer"], revision=verdict.revision,
                            summary="Tidak ada bukti.", rating=desk.ratings[1])  # fmt: skip
    verdict.refresh_from_db()
    assert (verdict.status, verdict.summary, verdict.rating) == (VerdictStatus.SUBMITTED, "Tidak ada bukti.",
                                                                  desk.ratings[1])  # fmt: skip


def test_a_refused_submit_saves_nothing(desk):
    verdict = drafted(desk, summary="Lama.")
    with pytest.raises(ValidationError):
        workflow.verdict_submit(verdict=verdict, user=desk.users["writer"], summary="   ")
    verdict.refresh_from_db()
    assert (verdict.status, verdict.summary) == (VerdictStatus.DRAFT, "Lama.")


def test_only_the_assignee_or_an_editor_writes_the_verdict(desk):
    verdict = drafted(desk)
    assert not permissions.can_write_verdict(desk.users["reviewer"], verdict.claim)
    with pytest.raises(PermissionDenied):
        workflow.verdict_update(verdict=verdict, user=desk.users["reviewer"], summary="Bukan milikku.")
    workflow.verdict_update(verdict=verdict, user=desk.users["editor"], summary="Disunting editor.")


def test_a_submitted_verdict_is_no_longer_editable(desk):
    verdict = submitted(desk)
    with pytest.raises(workflow.Conflict):
        workflow.verdict_update(verdict=verdict, user=desk.users["writer"], summary="Terlambat.")
    with pytest.raises(workflow.Conflict):
        workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://x.example/")


def test_changes_can_be_requested_on_an_approved_verdict_too(desk):
    verdict = approved(desk)
    verdict = workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Tambah sumber.")
    assert verdict.status == VerdictStatus.CHANGES_REQUESTED
    assert Claim.objects.get(pk=desk.claim.pk).status == ClaimStatus.IN_PROGRESS
    assert verdict.comments.get().body == "Tambah sumber."


def test_changes_cannot_be_requested_on_a_published_verdict(desk):
    verdict = published(desk)
    with pytest.raises(workflow.Conflict):
        workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Terlambat.")


@pytest.mark.parametrize("allowed", [False, True])
def test_an_editor_decides_on_their_own_verdict_only_where_the_project_allows_it(desk, allowed):
    desk.project.allow_self_approval = allowed
    desk.project.save()
    claim = workflow.claim_take(claim=desk.claim, user=desk.users["editor"])
    verdict = workflow.verdict_create(claim=claim, user=desk.users["editor"], rating=desk.ratings[0], summary="S.")
    verdict = workflow.verdict_submit(verdict=verdict, user=desk.users["editor"])
    assert permissions.can_decide(desk.users["editor"], verdict) is allowed
    if allowed:
        assert workflow.verdict_publish(verdict=verdict, user=desk.users["editor"], approve=True).status == "published"
    else:
        with pytest.raises(PermissionDenied):
            workflow.verdict_approve(verdict=verdict, user=desk.users["editor"])


def test_four_eyes_hold_for_corrections_too(desk):
    claim = workflow.claim_take(claim=desk.claim, user=desk.users["editor"])
    verdict = workflow.verdict_create(claim=claim, user=desk.users["editor"], rating=desk.ratings[0], summary="S.")
    verdict = workflow.verdict_submit(verdict=verdict, user=desk.users["editor"])
    verdict = workflow.verdict_publish(verdict=verdict, user=desk.users["admin"], approve=True)
    with pytest.raises(PermissionDenied):
        workflow.verdict_correct(verdict=verdict, user=desk.users["editor"], correction_note="Diperbaiki.",
                                 rating=desk.ratings[1])  # fmt: skip
    assert Verdict.objects.get(pk=verdict.pk).status == VerdictStatus.PUBLISHED
    workflow.verdict_correct(verdict=verdict, user=desk.users["admin"], correction_note="Diperbaiki.")


def test_a_retraction_keeps_its_public_note(desk):
    verdict = published(desk)
    workflow.verdict_retract(verdict=verdict, user=desk.users["editor"], comment="Sumber utama ternyata palsu.")
    verdict.refresh_from_db()
    assert (verdict.status, verdict.correction_note) == (VerdictStatus.RETRACTED, "Sumber utama ternyata palsu.")
    page = APIClient(SERVER_NAME="localhost").get(f"/claims/{desk.claim.pk}/report/").content.decode()
    assert "Sumber utama ternyata palsu." in page


def test_a_retraction_needs_a_reason(desk):
    verdict = published(desk)
    with pytest.raises(ValidationError):
        workflow.verdict_retract(verdict=verdict, user=desk.users["editor"], comment=" ")


def test_evidence_keeps_the_order_it_was_added_in(desk):
    verdict = drafted(desk)
    for title in ("Pertama", "Kedua", "Ketiga"):
        workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://x.example/" + title,
                              title=title)  # fmt: skip
    assert list(verdict.evidence.values_list("title", "order")) == [("Pertama", 0), ("Kedua", 1), ("Ketiga", 2)]
    # The order survives a correction too.
    verdict = workflow.verdict_submit(verdict=verdict, user=desk.users["writer"])
    verdict = workflow.verdict_publish(verdict=verdict, user=desk.users["admin"], approve=True)
    correction = workflow.verdict_correct(verdict=verdict, user=desk.users["admin"], correction_note="Ringkas.")
    assert list(Evidence.objects.filter(verdict=correction).values_list("title", flat=True)) == [
        "Pertama", "Kedua", "Ketiga",
    ]  # fmt: skip


def test_an_export_job_names_no_download_until_it_is_completed(desk):
    job = ExportJob.objects.create(project=desk.project, owner=desk.users["editor"], format="csv",
                                   status=JobStatus.RUNNING)  # fmt: skip
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(desk.users["editor"])
    assert client.get(f"/api/v1/export-jobs/{job.pk}/").json()["download_url"] is None
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.COMPLETED)
    assert client.get(f"/api/v1/export-jobs/{job.pk}/").json()["download_url"].endswith(f"/{job.pk}/download/")


def test_a_correction_is_logged_on_both_versions(desk):
    verdict = published(desk)
    new = workflow.verdict_correct(verdict=verdict, user=desk.users["admin"], correction_note="Diperbaiki.")
    assert Activity.objects.filter(object_type="verdict", object_id=verdict.pk, verb=Verb.VERDICT_CORRECTED).exists()
    assert Activity.objects.filter(object_type="verdict", object_id=new.pk,
                                   verb=Verb.VERDICT_CORRECTION_PUBLISHED).exists()  # fmt: skip


# Rounds of review ----------------------------------------------------------------


def test_each_submission_keeps_what_was_sent_for_the_editor_to_compare(desk):
    verdict = drafted(desk, summary="Versi pertama.")
    workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://a.example/", title="A")
    verdict = workflow.verdict_submit(verdict=verdict, user=desk.users["writer"])
    verdict = workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Tambah sumber.")
    workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://b.example/", title="B")
    workflow.verdict_submit(verdict=verdict, user=desk.users["writer"], summary="Versi kedua.")
    first, second = verdict.submissions.order_by("number")
    assert (first.number, first.summary, [item["title"] for item in first.evidence]) == (1, "Versi pertama.", ["A"])
    assert (second.number, second.summary, [item["title"] for item in second.evidence]) == (
        2, "Versi kedua.", ["A", "B"],
    )  # fmt: skip
    assert second.submitted_by == desk.users["writer"]


def test_a_resubmission_marks_the_editors_note_as_addressed(desk):
    verdict = workflow.verdict_request_changes(verdict=submitted(desk), user=desk.users["editor"], comment="Tambah.")
    note = verdict.comments.get()
    assert not note.resolved
    workflow.verdict_submit(verdict=verdict, user=desk.users["writer"])
    note.refresh_from_db()
    assert (note.resolved, note.resolved_by) == (True, desk.users["writer"])
