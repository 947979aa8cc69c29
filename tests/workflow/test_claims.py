"""The claim transitions, called directly: one test per rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from annotations import permissions, workflow
from annotations.models import Activity, Claim, ClaimStatus, Verb

from ..conftest import drafted, published, submitted, taken
from ..factories import ArticleFactory, ClaimFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_author_edits_an_open_claim_and_no_one_else_of_their_role(desk):
    workflow.claim_update(claim=desk.claim, user=desk.users["marker"], statement="AS menuduh Korea Utara.")
    with pytest.raises(PermissionDenied):
        workflow.claim_update(claim=desk.claim, user=desk.users["annotator"], statement="Bukan milikku.")


def test_the_author_may_no_longer_edit_a_claim_once_it_is_taken(desk):
    claim = taken(desk)
    with pytest.raises(workflow.Conflict):
        workflow.claim_update(claim=claim, user=desk.users["marker"], statement="Terlambat.")
    assert not permissions.can_edit_claim(desk.users["marker"], claim)


@pytest.mark.parametrize("step", [taken, submitted])
def test_an_editor_edits_a_claim_until_it_is_published(desk, step):
    step(desk)
    claim = Claim.objects.get(pk=desk.claim.pk)
    assert permissions.can_edit_claim(desk.users["editor"], claim)
    workflow.claim_update(claim=claim, user=desk.users["editor"], claimant="Amerika Serikat")
    assert Claim.objects.get(pk=claim.pk).claimant == "Amerika Serikat"


def test_no_one_edits_a_published_claim(desk):
    published(desk)
    claim = Claim.objects.get(pk=desk.claim.pk)
    assert not permissions.can_edit_claim(desk.users["admin"], claim)
    with pytest.raises(workflow.Conflict):
        workflow.claim_update(claim=claim, user=desk.users["admin"], claimant="Siapa pun")


def test_the_workspace_offers_edit_exactly_where_the_workflow_allows_it(desk):
    """The page asks the same predicate as the workflow: an editor sees Edit
    on a claim being checked, its author no longer does."""
    taken(desk)
    url = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/"
    for name, shown in (("editor", True), ("marker", False), ("annotator", False)):
        client = Client(SERVER_NAME="localhost")
        client.force_login(desk.users[name])
        html = client.get(url).content.decode()
        assert (f"/claims/{desk.claim.pk}/edit/" in html) is shown, name


def test_a_claim_is_checked_on_the_locked_row_not_on_the_callers_copy(desk):
    stale = Claim.objects.get(pk=desk.claim.pk)
    taken(desk)  # someone takes it after the caller read it
    with pytest.raises(workflow.Conflict):
        workflow.claim_update(claim=stale, user=desk.users["marker"], statement="Dari salinan lama.")
    assert Claim.objects.get(pk=desk.claim.pk).statement == desk.claim.statement != "Dari salinan lama."


def test_deleting_an_open_claim_leaves_a_trace(desk):
    pk = desk.claim.pk
    workflow.claim_delete(claim=desk.claim, user=desk.users["marker"])
    assert not Claim.objects.filter(pk=pk).exists()
    trace = Activity.objects.get(object_type="claim", object_id=pk, verb=Verb.CLAIM_DELETED)
    assert (trace.actor, trace.from_state) == (desk.users["marker"], ClaimStatus.OPEN)


def test_a_claim_with_a_verdict_cannot_be_deleted(desk):
    drafted(desk)
    with pytest.raises(workflow.Conflict):
        workflow.claim_delete(claim=Claim.objects.get(pk=desk.claim.pk), user=desk.users["admin"])


def test_a_duplicate_points_at_a_claim_of_the_same_project(desk):
    repeat = workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=0, end=12)
    elsewhere = ArticleFactory(project=ProjectFactory())
    foreign = Claim.objects.create(
        project=elsewhere.project, article=elsewhere, start=0, end=7, quote=elsewhere.text[:7]
    )
    with pytest.raises(ValidationError):
        workflow.claim_mark_duplicate(claim=repeat, user=desk.users["reviewer"], original=foreign)
    workflow.claim_mark_duplicate(claim=repeat, user=desk.users["reviewer"], original=desk.claim)
    repeat.refresh_from_db()
    assert (repeat.status, repeat.duplicate_of) == (ClaimStatus.DUPLICATE, desk.claim)


def test_a_duplicate_of_a_duplicate_points_at_the_first_original(desk):
    second = workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=0, end=12)
    third = workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=1, end=12)
    workflow.claim_mark_duplicate(claim=second, user=desk.users["reviewer"], original=desk.claim)
    workflow.claim_mark_duplicate(claim=third, user=desk.users["reviewer"], original=second)
    third.refresh_from_db()
    assert third.duplicate_of == desk.claim


def test_a_taken_claim_cannot_be_taken_again(desk):
    taken(desk)
    with pytest.raises(workflow.Conflict):
        workflow.claim_take(claim=Claim.objects.get(pk=desk.claim.pk), user=desk.users["reviewer"])


def test_an_annotator_cannot_take_and_a_non_member_learns_nothing(desk):
    with pytest.raises(PermissionDenied):
        workflow.claim_take(claim=desk.claim, user=desk.users["annotator"])
    with pytest.raises(Http404):
        workflow.claim_take(claim=desk.claim, user=desk.users["outsider"])


def test_a_submitted_claim_cannot_be_released(desk):
    submitted(desk)
    with pytest.raises(workflow.Conflict):
        workflow.claim_release(claim=Claim.objects.get(pk=desk.claim.pk), user=desk.users["writer"])


def test_a_claim_in_review_cannot_be_marked_not_checkable(desk):
    submitted(desk)
    with pytest.raises(workflow.Conflict):
        workflow.claim_mark_not_checkable(claim=Claim.objects.get(pk=desk.claim.pk), user=desk.users["editor"])


def test_not_checkable_needs_a_reason_and_keeps_it(desk):
    claim = workflow.claim_take(claim=desk.claim, user=desk.users["reviewer"])
    with pytest.raises(ValidationError):
        workflow.claim_mark_not_checkable(claim=claim, user=desk.users["reviewer"], comment="  ")
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.IN_PROGRESS
    workflow.claim_mark_not_checkable(claim=claim, user=desk.users["reviewer"], comment="Opini, bukan fakta.")
    assert Activity.objects.get(verb=Verb.CLAIM_NOT_CHECKABLE).comment == "Opini, bukan fakta."


def test_an_editor_reopens_a_claim_set_aside_and_a_reviewer_may_not(desk):
    claim = workflow.claim_take(claim=desk.claim, user=desk.users["reviewer"])
    claim = workflow.claim_mark_not_checkable(claim=claim, user=desk.users["reviewer"], comment="Opini.")
    assert not permissions.can_reopen_claim(desk.users["reviewer"], claim)
    with pytest.raises(PermissionDenied):
        workflow.claim_reopen(claim=claim, user=desk.users["reviewer"])
    assert permissions.can_reopen_claim(desk.users["editor"], claim)
    claim = workflow.claim_reopen(claim=claim, user=desk.users["editor"])
    assert (claim.status, claim.assignee) == (ClaimStatus.OPEN, None)
    event = Activity.objects.get(verb=Verb.CLAIM_REOPENED_TRIAGE)
    assert (event.actor, event.from_state, event.to_state) == (desk.users["editor"], "not_checkable", "open")
    assert not permissions.can_reopen_claim(desk.users["editor"], claim)
    with pytest.raises(workflow.Conflict):
        workflow.claim_reopen(claim=claim, user=desk.users["editor"])


def test_a_reopened_duplicate_no_longer_points_at_its_original(desk):
    other = ClaimFactory(project=desk.project, article=desk.article)
    claim = workflow.claim_mark_duplicate(claim=desk.claim, user=desk.users["reviewer"], original=other)
    claim = workflow.claim_reopen(claim=claim, user=desk.users["editor"])
    assert (claim.status, claim.duplicate_of) == (ClaimStatus.OPEN, None)
