"""Assignment: editors give claims to reviewers and articles to
annotators; reassigning and unassigning are moves with their Activity;
a refusal changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations import workflow
from annotations.models import (
    Activity,
    ArticleAssignment,
    Claim,
    ClaimStatus,
    IndependentState,
    Notification,
    NotificationKind,
    Verb,
)

from ..conftest import drafted, published, submitted, taken
from ..factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def assign(desk, claims, assignee, user="editor"):
    return workflow.claim_assign(claims=claims, user=desk.users[user], assignee=assignee and desk.users[assignee])


def fresh(claim):
    claim.refresh_from_db()
    return claim.status, claim.assignee.username if claim.assignee else None


def test_an_open_claim_assigned_is_in_progress_for_its_reviewer_who_may_write_its_verdict(desk):
    changed = assign(desk, [desk.claim], "writer")
    assert changed == [desk.claim] and fresh(desk.claim) == (ClaimStatus.IN_PROGRESS, "writer")
    workflow.verdict_create(claim=desk.claim, user=desk.users["writer"], summary="Draf.")
    event = Activity.objects.get(verb=Verb.CLAIM_ASSIGNED)
    assert (event.actor, event.from_state, event.to_state) == (desk.users["editor"], "open", "in_progress")
    assert event.sentence() == f"assigned claim {desk.claim.pk} to writer"


def test_reassigning_keeps_the_state_and_the_draft_and_the_new_reviewer_carries_on(desk):
    verdict = drafted(desk)  # taken by "writer"
    assign(desk, [desk.claim], "reviewer")
    assert fresh(desk.claim) == (ClaimStatus.IN_PROGRESS, "reviewer")
    workflow.verdict_update(verdict=verdict, user=desk.users["reviewer"], summary="Lanjut.")
    with pytest.raises(PermissionDenied):  # the former assignee no longer writes it
        workflow.verdict_update(verdict=verdict, user=desk.users["writer"], summary="Saya.")


def test_a_claim_in_review_may_be_reassigned_not_unassigned(desk):
    submitted(desk)
    with pytest.raises(workflow.Conflict, match="with the editors"):
        assign(desk, [desk.claim], None)
    assign(desk, [desk.claim], "reviewer")
    assert fresh(desk.claim) == (ClaimStatus.IN_REVIEW, "reviewer")


def test_unassigning_sends_the_claim_back_to_the_queue_with_its_draft_kept(desk):
    verdict = drafted(desk)
    assign(desk, [desk.claim], None)
    assert fresh(desk.claim) == (ClaimStatus.OPEN, None)
    assert desk.claim.verdicts.current().get() == verdict
    event = Activity.objects.get(verb=Verb.CLAIM_UNASSIGNED)
    assert event.sentence() == f"unassigned claim {desk.claim.pk} from writer"
    # Whoever takes it next finds the draft.
    taken(desk, "reviewer")
    workflow.verdict_update(verdict=verdict, user=desk.users["reviewer"], summary="Lanjut.")


def test_assigning_to_the_same_reviewer_again_changes_and_logs_nothing(desk):
    assign(desk, [desk.claim], "writer")
    assert assign(desk, [desk.claim], "writer") == []
    assert Activity.objects.filter(verb=Verb.CLAIM_ASSIGNED).count() == 1


def test_a_batch_with_one_decided_claim_is_refused_whole(desk):
    published(desk)
    other = ClaimFactory(article=ArticleFactory(project=desk.project))
    with pytest.raises(workflow.Conflict, match=f"Claims {desk.claim.pk} are decided"):
        assign(desk, [other, desk.claim], "reviewer")
    assert fresh(other) == (ClaimStatus.OPEN, None)


@pytest.mark.parametrize("user", ["annotator", "reviewer"])
def test_only_editors_assign(desk, user):
    with pytest.raises(PermissionDenied):
        assign(desk, [desk.claim], "writer", user=user)
    assert fresh(desk.claim) == (ClaimStatus.OPEN, None)


@pytest.mark.parametrize("assignee", ["marker", "outsider"])
def test_claims_go_only_to_reviewers_of_the_project(desk, assignee):
    with pytest.raises(ValidationError, match="may not check claims"):
        assign(desk, [desk.claim], assignee)


def test_claims_of_two_projects_or_none_are_refused(desk):
    with pytest.raises(ValidationError):
        assign(desk, [], "writer")
    with pytest.raises(ValidationError, match="one project"):
        assign(desk, [desk.claim, ClaimFactory()], "writer")


def test_the_self_take_of_a_reviewer_stays(desk):
    taken(desk, "reviewer")
    assert fresh(desk.claim) == (ClaimStatus.IN_PROGRESS, "reviewer")


# Articles ---------------------------------------------------------------------------


def annotate(desk, articles, annotator, user="editor"):
    return workflow.article_assign_annotator(
        articles=articles, user=desk.users[user], annotator=annotator and desk.users[annotator]
    )


def annotators(article):
    return list(article.assignments.values_list("annotator__username", flat=True))


def test_an_article_goes_to_one_annotator_and_reassigning_replaces_them(desk):
    annotate(desk, [desk.article], "annotator")
    assert annotators(desk.article) == ["annotator"]
    annotate(desk, [desk.article], "marker")
    assert annotators(desk.article) == ["marker"]
    verbs = list(Activity.objects.filter(object_type="article").order_by("id").values_list("verb", "comment"))
    assert verbs[-3:] == [
        (Verb.ARTICLE_ANNOTATOR_ASSIGNED, "annotator"),
        (Verb.ARTICLE_ANNOTATOR_UNASSIGNED, "annotator"),
        (Verb.ARTICLE_ANNOTATOR_ASSIGNED, "marker"),
    ]
    annotate(desk, [desk.article], None)
    assert annotators(desk.article) == []
    desk.article.refresh_from_db()
    assert desk.article.independent == IndependentState.OFF  # plain assignment is not independent annotation


def test_the_annotator_says_they_are_done_and_no_agreement_is_computed(desk):
    annotate(desk, [desk.article], "annotator")
    workflow.assignment_finish(article=desk.article, user=desk.users["annotator"])
    assert ArticleAssignment.objects.done().count() == 1
    assert not desk.project.agreements.exists()


def test_an_independently_annotated_article_keeps_its_annotators(desk):
    article = ArticleFactory(project=desk.project, text="Teks untuk dua annotator.")
    workflow.article_assign(article=article, user=desk.users["editor"],
                            annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    with pytest.raises(workflow.Conflict, match="independently"):
        annotate(desk, [desk.article, article], "reviewer")
    assert annotators(desk.article) == [] and sorted(annotators(article)) == ["annotator", "marker"]


def test_starting_independent_annotation_replaces_a_plain_assignment(desk):
    article = ArticleFactory(project=desk.project, text="Teks baru.")
    annotate(desk, [article], "annotator")
    workflow.assignment_finish(article=article, user=desk.users["annotator"])
    workflow.article_assign(article=article, user=desk.users["editor"],
                            annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    assert ArticleAssignment.objects.filter(article=article).pending().count() == 2


def test_only_editors_assign_articles_and_only_to_members(desk):
    with pytest.raises(PermissionDenied):
        annotate(desk, [desk.article], "annotator", user="reviewer")
    with pytest.raises(ValidationError, match="may not mark claims"):
        annotate(desk, [desk.article], "outsider")
    assert annotators(desk.article) == []


def test_assigned_claims_keep_their_rows_consistent(desk):
    """The claim's revision moves on, so a copy edited before the assignment is stale."""
    before = Claim.objects.get(pk=desk.claim.pk).revision
    assign(desk, [desk.claim], "writer")
    assert Claim.objects.get(pk=desk.claim.pk).revision == before + 1


def test_whoever_is_given_claims_or_articles_is_told_and_nobody_of_an_unassignment(desk):
    claims = [desk.claim, *(ClaimFactory(article=desk.article, start=n, end=n + 4) for n in (10, 20))]
    assign(desk, claims, "writer")
    assign(desk, claims, "writer")  # nothing changed: nothing more to tell
    assign(desk, claims, None)
    article = ArticleFactory(project=desk.project)
    workflow.article_assign_annotator(articles=[article], user=desk.users["editor"], annotator=desk.users["annotator"])
    told = sorted((n.recipient.username, n.kind, n.claim_id or n.article_id) for n in Notification.objects.all())
    assert told == sorted(
        [("writer", NotificationKind.CLAIM_ASSIGNED, c.pk) for c in claims]
        + [("annotator", NotificationKind.ARTICLE_ASSIGNED, article.pk)]
    )
