"""Double annotation: an article sent to two annotators who mark it
independently, each seeing only their own claims, until an editor keeps
some of them; and the agreement the task stores for it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations import adjudication, workflow
from annotations.models import Activity, Agreement, AgreementScope, Claim, ClaimStatus, IndependentState, Verb

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db

LONGER = 6  # the second annotator's claim runs this many characters further


def independent(desk):
    """A copy of the seed article (no claims yet) sent to "annotator" and "marker"."""
    article = ArticleFactory(project=desk.project, title="Salinan", text=SEED_TEXT + "\nSalinan.", language="id")
    return workflow.article_assign(
        article=article, user=desk.users["editor"], annotators=[desk.users["annotator"], desk.users["marker"]]
    )


def mark_both(desk, article):
    """ "annotator" marks the seed claim exactly, "marker" a few characters longer."""
    start = SEED_TEXT.index(SEED_CLAIM)
    end = start + len(SEED_CLAIM)
    exact = workflow.claim_mark(article=article, user=desk.users["annotator"], start=start, end=end)
    longer = workflow.claim_mark(article=article, user=desk.users["marker"], start=start, end=end + LONGER)
    return exact, longer


def finish_both(desk, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("annotator", "marker"):
            workflow.assignment_finish(article=article, user=desk.users[name])


def test_claims_marked_independently_await_adjudication_and_stay_out_of_the_review_queue(desk):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    assert article.independent == IndependentState.AWAITING
    assert {exact.status, longer.status} == {ClaimStatus.INDEPENDENT}
    assert not desk.project.claims.open().filter(article=article).exists()
    with pytest.raises(workflow.Conflict):
        workflow.claim_take(claim=exact, user=desk.users["reviewer"])


def test_each_annotator_sees_only_their_own_claims_and_editors_see_all(desk):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    mine = Claim.objects.filter(article=article).visible_to(desk.users["annotator"])
    assert list(mine) == [exact]
    assert list(Claim.objects.filter(article=article).visible_to(desk.users["marker"])) == [longer]
    assert set(Claim.objects.filter(article=article).visible_to(desk.users["editor"])) == {exact, longer}
    # Claims of articles annotated the usual way stay visible to everyone.
    assert desk.claim in Claim.objects.visible_to(desk.users["annotator"])


def test_only_assigned_annotators_mark_an_independent_article_until_they_are_done(desk):
    article = independent(desk)
    with pytest.raises(PermissionDenied):
        workflow.claim_mark(article=article, user=desk.users["editor"], start=0, end=5)
    workflow.assignment_finish(article=article, user=desk.users["annotator"])
    with pytest.raises(workflow.Conflict):
        workflow.claim_mark(article=article, user=desk.users["annotator"], start=0, end=5)


def test_an_article_with_claims_already_or_a_single_annotator_cannot_go_independent(desk):
    with pytest.raises(workflow.Conflict):
        workflow.article_assign(article=desk.article, user=desk.users["editor"],
                                annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    article = ArticleFactory(project=desk.project, text="Teks lain.")
    with pytest.raises(ValidationError):
        workflow.article_assign(article=article, user=desk.users["editor"], annotators=[desk.users["annotator"]])
    with pytest.raises(ValidationError):
        workflow.article_assign(article=article, user=desk.users["editor"],
                                annotators=[desk.users["annotator"], desk.users["outsider"]])  # fmt: skip


def test_annotators_cannot_assign_or_adjudicate(desk):
    article = ArticleFactory(project=desk.project, text="Teks lain.")
    with pytest.raises(PermissionDenied):
        workflow.article_assign(article=article, user=desk.users["annotator"],
                                annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    article = independent(desk)
    with pytest.raises(PermissionDenied):
        workflow.article_adjudicate(article=article, user=desk.users["annotator"], accepted=[])
    with pytest.raises(PermissionDenied):
        workflow.article_adjudicate(article=article, user=desk.users["reviewer"], accepted=[])


def test_the_article_is_done_when_every_annotator_has_finished_and_then_only_can_be_adjudicated(desk):
    article = independent(desk)
    workflow.assignment_finish(article=article, user=desk.users["annotator"])
    assert article.assignments.pending().count() == 1
    with pytest.raises(workflow.Conflict):
        workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[])
    with pytest.raises(PermissionDenied):
        workflow.assignment_finish(article=article, user=desk.users["writer"])
    workflow.assignment_finish(article=article, user=desk.users["marker"])
    assert not article.assignments.pending().exists()


def test_matching_claims_form_one_overlap_group(desk):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    lone = workflow.claim_mark(article=article, user=desk.users["marker"], start=0, end=5)
    found = adjudication.groups([exact, longer, lone])
    assert [(g.kind, {c.pk for c in g.claims}) for g in found] == [
        ("single", {lone.pk}), ("overlap", {exact.pk, longer.pk}),
    ]  # fmt: skip


def test_adjudication_keeps_one_claim_rejects_the_other_and_logs_both(desk, django_capture_on_commit_callbacks):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):  # two of the same group
        workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[exact, longer])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[exact])
    exact.refresh_from_db()
    longer.refresh_from_db()
    article.refresh_from_db()
    assert (exact.status, longer.status) == (ClaimStatus.OPEN, ClaimStatus.REJECTED)
    assert article.independent == IndependentState.ADJUDICATED
    assert exact in desk.project.claims.open()  # reviewers can take it now
    workflow.claim_take(claim=exact, user=desk.users["reviewer"])
    # Nothing is hidden any more; the rejected claim stays, in the history too.
    assert longer in Claim.objects.visible_to(desk.users["annotator"])
    verbs = set(Activity.objects.filter(object_type="claim", object_id__in=[exact.pk, longer.pk])
                .values_list("verb", flat=True))  # fmt: skip
    assert {Verb.CLAIM_ACCEPTED, Verb.CLAIM_REJECTED} <= verbs
    with pytest.raises(workflow.Conflict):  # once only
        workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[])


def test_the_task_stores_an_overlap_match_and_an_exact_miss_for_the_hand_computed_case(
    desk, django_capture_on_commit_callbacks
):
    article = independent(desk)
    mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)  # queues the task (run inline here)
    row = Agreement.objects.get(scope=AgreementScope.ARTICLE, article=article)
    assert row.overlap_f1 == 1.0  # one claim each, matched: they share len(claim) of len(claim) + 6 code points
    assert row.exact_f1 == 0.0  # not the same end
    # α over code points, by hand: L code points, n claim by both, 6 by one only, two coders.
    total, n = len(article.text), len(SEED_CLAIM)
    pairable = 2 * total
    claim_values, other_values = 2 * n + LONGER, 2 * (total - n - LONGER) + LONGER
    alpha = 1 - (pairable - 1) * (2 * LONGER) / (2 * claim_values * other_values)
    assert row.codepoint_alpha == pytest.approx(alpha)
    pair = row.pair(desk.users["annotator"].pk, desk.users["marker"].pk)
    assert (pair["exact"]["matched"], pair["overlap"]["matched"]) == (0, 1)
    project = Agreement.objects.get(project=desk.project, scope=AgreementScope.PROJECT)
    assert (project.articles, project.overlap_f1, project.exact_f1) == (1, 1.0, 0.0)
    assert Agreement.objects.filter(project=desk.project, scope=AgreementScope.WEEK).count() == 1


def test_recomputing_agreement_leaves_the_same_rows(desk, django_capture_on_commit_callbacks):
    article = independent(desk)
    mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)
    before = list(Agreement.objects.order_by("scope").values_list("scope", "overlap_f1", "exact_f1"))
    adjudication.compute_agreement(desk.project)
    assert list(Agreement.objects.order_by("scope").values_list("scope", "overlap_f1", "exact_f1")) == before


def test_suggested_sentences_wait_for_adjudication_so_one_annotator_does_not_steer_the_other(
    desk, django_capture_on_commit_callbacks
):
    from annotations import suggestions
    from annotations.models import Sentence, SentenceStatus

    article = independent(desk)
    suggestions.score_pending()
    exact, longer = mark_both(desk, article)
    covered = Sentence.objects.filter(article=article, start__lt=exact.end, end__gt=exact.start)
    assert covered.exists() and set(covered.values_list("status", flat=True)) == {SentenceStatus.OPEN}
    with pytest.raises(workflow.Conflict):
        workflow.sentence_dismiss(sentence=covered.first(), user=desk.users["annotator"], reason="opinion")
    finish_both(desk, article, django_capture_on_commit_callbacks)
    workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[exact])
    assert set(covered.values_list("status", "claim")) == {(SentenceStatus.ACCEPTED, exact.pk)}


def test_beat_recomputes_the_agreement_of_projects_with_independent_articles(desk, settings):
    from annotations import tasks

    article = independent(desk)
    mark_both(desk, article)
    for name in ("annotator", "marker"):
        workflow.assignment_finish(article=article, user=desk.users[name])  # its own run is never queued here
    assert not Agreement.objects.exists()
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("agreement_refresh"))
    assert entry["task"] == "annotations.tasks.agreement_refresh"
    tasks.agreement_refresh()  # queues compute_agreement, run inline in tests
    assert Agreement.objects.get(article=article).overlap_f1 == 1.0
