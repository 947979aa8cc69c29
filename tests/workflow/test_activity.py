"""Every workflow function leaves exactly one trace with its verb: the
activity log is the desk's record of who did what, and a transition that
forgets to write it goes unnoticed otherwise."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations import workflow
from annotations.models import Activity, Claim, Verb

from ..conftest import approved, drafted, published, submitted, taken
from ..factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _evidence(desk):
    return workflow.evidence_add(verdict=drafted(desk), user=desk.users["writer"], url="https://x.example/")


def _comment(desk):
    return workflow.comment_add(user=desk.users["marker"], claim=desk.claim, body="Sumbernya?")


def _duplicate(desk):
    return workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=0, end=12)


def _not_checkable(desk):
    return workflow.claim_mark_not_checkable(claim=desk.claim, user=desk.users["reviewer"], comment="Opini.")


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def _sent(desk, rated=False):
    """The desk's claim sent to "reviewer" and "writer" (who both rated it, with ``rated``)."""
    workflow.claims_send_for_rating(
        claims=[desk.claim], user=desk.users["editor"], reviewers=[desk.users["reviewer"], desk.users["writer"]]
    )
    for name in ("reviewer", "writer") if rated else ():
        workflow.claim_rate(claim=desk.claim, user=desk.users[name], rating=desk.ratings[0], rationale="Alasan.")
    return Claim.objects.get(pk=desk.claim.pk)


def _suggestion(desk):
    from annotations import suggestions
    from annotations.models import Sentence

    suggestions.score_pending()
    return Sentence.objects.filter(article=desk.article).suggestions().first()


def _invitation(desk):
    return workflow.invitation_create(project=desk.project, user=desk.users["admin"], role="reviewer", name="Budi")


def _independent(desk, finished=False):
    article = ArticleFactory(project=desk.project, text="Teks untuk dua annotator.")
    article = workflow.article_assign(article=article, user=desk.users["editor"],
                                      annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    if finished:
        for name in ("annotator", "marker"):
            workflow.assignment_finish(article=article, user=desk.users[name])
    return article


# name: (what it is called with, given the desk; the verb it writes)
CASES = {
    "article_create": (lambda d: dict(project=d.project, user=d.users["editor"], text="Teks baru."),
                       Verb.ARTICLE_CREATED),
    "claim_mark": (lambda d: dict(article=d.article, user=d.users["marker"], start=0, end=5), Verb.CLAIM_MARKED),
    "claim_update": (lambda d: dict(claim=d.claim, user=d.users["marker"], statement="S."), Verb.CLAIM_EDITED),
    "claim_delete": (lambda d: dict(claim=d.claim, user=d.users["marker"]), Verb.CLAIM_DELETED),
    "sentence_dismiss": (lambda d: dict(sentence=_suggestion(d), user=d.users["annotator"], reason="opinion"),
                         Verb.SENTENCE_DISMISSED),
    "claim_take": (lambda d: dict(claim=d.claim, user=d.users["writer"]), Verb.CLAIM_TAKEN),
    "claim_release": (lambda d: dict(claim=taken(d), user=d.users["writer"]), Verb.CLAIM_RELEASED),
    "claim_mark_not_checkable": (lambda d: dict(claim=d.claim, user=d.users["reviewer"], comment="Opini."),
                                 Verb.CLAIM_NOT_CHECKABLE),
    "claim_reopen": (lambda d: dict(claim=_not_checkable(d), user=d.users["editor"]), Verb.CLAIM_REOPENED_TRIAGE),
    "claim_mark_duplicate": (lambda d: dict(claim=_duplicate(d), user=d.users["reviewer"], original=d.claim),
                             Verb.CLAIM_DUPLICATE),
    "verdict_create": (lambda d: dict(claim=taken(d), user=d.users["writer"], summary="S."), Verb.VERDICT_DRAFTED),
    "verdict_update": (lambda d: dict(verdict=drafted(d), user=d.users["writer"], summary="S2."),
                       Verb.VERDICT_EDITED),
    "verdict_submit": (lambda d: dict(verdict=drafted(d), user=d.users["writer"]), Verb.VERDICT_SUBMITTED),
    "verdict_request_changes": (lambda d: dict(verdict=submitted(d), user=d.users["editor"], comment="Ubah."),
                                Verb.VERDICT_CHANGES_REQUESTED),
    "verdict_approve": (lambda d: dict(verdict=submitted(d), user=d.users["editor"]), Verb.VERDICT_APPROVED),
    "verdict_publish": (lambda d: dict(verdict=approved(d), user=d.users["editor"]), Verb.VERDICT_PUBLISHED),
    "verdict_correct": (lambda d: dict(verdict=published(d), user=d.users["editor"], correction_note="Koreksi."),
                        Verb.VERDICT_CORRECTION_PUBLISHED),
    "verdict_retract": (lambda d: dict(verdict=published(d), user=d.users["editor"], comment="Ditarik."),
                        Verb.VERDICT_RETRACTED),
    "evidence_add": (lambda d: dict(verdict=drafted(d), user=d.users["writer"], url="https://x.example/"),
                     Verb.EVIDENCE_ADDED),
    "evidence_update": (lambda d: dict(evidence=_evidence(d), user=d.users["writer"], title="T."),
                        Verb.EVIDENCE_EDITED),
    "evidence_remove": (lambda d: dict(evidence=_evidence(d), user=d.users["writer"]), Verb.EVIDENCE_REMOVED),
    "comment_add": (lambda d: dict(user=d.users["marker"], claim=d.claim, body="Sumbernya?"), Verb.COMMENT_ADDED),
    "comment_resolve": (lambda d: dict(comment=_comment(d), user=d.users["editor"]), Verb.COMMENT_RESOLVED),
    "project_create": (lambda d: dict(user=_staff(d.users["admin"]), name="Baru", slug="baru"),
                       Verb.PROJECT_CREATED),
    "project_update": (lambda d: dict(project=d.project, user=d.users["admin"], name="Nama baru"),
                       Verb.PROJECT_UPDATED),
    "membership_add": (lambda d: dict(project=d.project, user=_staff(d.users["admin"]), member=UserFactory(),
                                      role="reviewer"), Verb.MEMBERSHIP_ADDED),
    "invitation_create": (lambda d: dict(project=d.project, user=d.users["admin"], role="editor",
                                         email="baru@example.org"), Verb.INVITATION_SENT),
    "invitation_accept": (lambda d: dict(invitation=_invitation(d), user=UserFactory()), Verb.INVITATION_ACCEPTED),
    "invitation_revoke": (lambda d: dict(invitation=_invitation(d), user=d.users["admin"]), Verb.INVITATION_REVOKED),
    "membership_update": (lambda d: dict(membership=d.project.memberships.get(user=d.users["marker"]),
                                         user=d.users["admin"], role="reviewer"), Verb.MEMBERSHIP_ROLE_CHANGED),
    "membership_remove": (lambda d: dict(membership=d.project.memberships.get(user=d.users["marker"]),
                                         user=d.users["admin"]), Verb.MEMBERSHIP_REMOVED),
    "rating_create": (lambda d: dict(project=d.project, user=d.users["editor"], label="Hoaks", value=1),
                      Verb.RATING_CREATED),
    "rating_update": (lambda d: dict(rating=d.ratings[0], user=d.users["editor"], active=False), Verb.RATING_UPDATED),
    "rating_for_label": (lambda d: dict(project=d.project, user=d.users["editor"], label="Keliru"),
                         Verb.RATING_CREATED),
    "import_queue": (lambda d: dict(project=d.project, user=d.users["editor"],
                                    upload=SimpleUploadedFile("a.jsonl", b'{"text": "Teks."}\n')), Verb.JOB_QUEUED),
    "article_assign": (lambda d: dict(article=ArticleFactory(project=d.project, text="Teks."), user=d.users["editor"],
                                      annotators=[d.users["annotator"], d.users["marker"]]), Verb.ARTICLE_ASSIGNED),
    "assignment_finish": (lambda d: dict(article=_independent(d), user=d.users["marker"]),
                          Verb.ARTICLE_ANNOTATION_DONE),
    "article_adjudicate": (lambda d: dict(article=_independent(d, finished=True), user=d.users["editor"], accepted=[]),
                           Verb.ARTICLE_ADJUDICATED),
    "export_queue": (lambda d: dict(project=d.project, user=d.users["editor"], format="csv"), Verb.JOB_QUEUED),
    "claim_assign": (lambda d: dict(claims=[d.claim], user=d.users["editor"], assignee=d.users["writer"]),
                     Verb.CLAIM_ASSIGNED),
    "article_assign_annotator": (lambda d: dict(articles=[d.article], user=d.users["editor"],
                                                annotator=d.users["annotator"]), Verb.ARTICLE_ANNOTATOR_ASSIGNED),
    "claims_send_for_rating": (lambda d: dict(claims=[d.claim], user=d.users["editor"],
                                              reviewers=[d.users["reviewer"], d.users["writer"]]),
                               Verb.CLAIM_SENT_FOR_RATING),
    "claim_rate": (lambda d: dict(claim=_sent(d), user=d.users["writer"], rating=d.ratings[0], rationale="Alasan."),
                   Verb.CLAIM_RATED),
    "claim_adjudicate_ratings": (lambda d: dict(claim=_sent(d, rated=True), user=d.users["editor"],
                                                rating=d.ratings[0], assignee=d.users["writer"]),
                                 Verb.CLAIM_RATINGS_ADJUDICATED),
}  # fmt: skip

# Not transitions of one object: they recover or expire jobs in bulk (tests/test_tasks.py, tests/exporters).
SYSTEM = {"jobs_requeue_stale", "exports_expire", "activity_log"}


def test_every_workflow_function_is_covered():
    functions = {name for name in workflow.__all__ if name[0].islower()}
    assert functions - SYSTEM == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_workflow_function_writes_one_activity_with_its_verb(desk, name, django_capture_on_commit_callbacks):
    arguments, verb = CASES[name]
    kwargs = arguments(desk)
    before = set(Activity.objects.values_list("pk", flat=True))
    getattr(workflow, name)(**kwargs)
    new = Activity.objects.exclude(pk__in=before)
    assert new.filter(verb=verb).count() == 1, list(new.values_list("verb", flat=True))
    assert new.filter(verb=verb).get().actor == kwargs["user"]


def test_evidence_and_comments_are_logged_on_their_claim(desk):
    _evidence(desk)
    _comment(desk)
    on_claim = Activity.objects.filter(object_type="claim", object_id=desk.claim.pk).values_list("verb", flat=True)
    assert {Verb.EVIDENCE_ADDED, Verb.COMMENT_ADDED} <= set(on_claim)
    assert Claim.objects.get(pk=desk.claim.pk)  # the claim is what the feed names
    sentence = Activity.objects.get(verb=Verb.EVIDENCE_ADDED).sentence()
    assert sentence == f"added evidence to claim {desk.claim.pk}"
