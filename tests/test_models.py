"""The invariants of the domain model hold in the database itself: these
tests go around Python validation (bulk_create, update) and expect the
database to refuse."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from annotations import workflow
from annotations.models import (
    Activity,
    Agreement,
    ApiToken,
    Article,
    ArticleAssignment,
    CheckworthinessModel,
    Claim,
    ClaimStatus,
    Comment,
    Embedding,
    Evidence,
    ExportJob,
    ExternalFactCheck,
    ImportJob,
    IndependentRating,
    Invitation,
    Membership,
    Notification,
    NotificationKind,
    NotificationPreference,
    Rating,
    Sentence,
    Verb,
    Verdict,
    VerdictStatus,
    VerdictSubmission,
)

from .factories import (
    ArticleFactory,
    ClaimFactory,
    MembershipFactory,
    ProjectFactory,
    RatingFactory,
    UserFactory,
    VerdictFactory,
    member,
)

pytestmark = pytest.mark.django_db


def refused(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()
    return True


def test_database_refuses_a_claim_whose_start_is_not_before_its_end():
    article = ArticleFactory()
    assert refused(
        lambda: Claim.objects.bulk_create([Claim(project=article.project, article=article, start=5, end=5, quote="")])
    )


def test_database_refuses_a_quote_whose_length_differs_from_its_offsets():
    article = ArticleFactory(text="Presiden berkata: “kita menang”.")
    assert refused(
        lambda: Claim.objects.bulk_create(
            [Claim(project=article.project, article=article, start=0, end=8, quote="Presi")]
        )
    )


def test_database_refuses_a_quote_that_is_not_the_text_at_its_offsets():
    article = ArticleFactory(text="Presiden berkata: “kita menang”.")
    claim = Claim(project=article.project, article=article, start=0, end=8, quote="Menteri ")
    assert len(claim.quote) == claim.end - claim.start
    assert refused(lambda: Claim.objects.bulk_create([claim]))


def test_database_refuses_moving_a_claim_off_its_quote():
    claim = ClaimFactory(article__text="Satu dua tiga empat.", start=0, end=4)
    assert refused(lambda: Claim.objects.filter(pk=claim.pk).update(start=1, end=5))
    claim.refresh_from_db()
    assert (claim.start, claim.end, claim.quote) == (0, 4, "Satu")


def test_database_accepts_a_quote_with_emoji_counted_in_code_points():
    article = ArticleFactory(text="Hoaks 🤥 menyebar: “vaksin berbahaya”.")
    start = article.text.index("“")
    claim = Claim(project=article.project, article=article, start=start, end=len(article.text) - 1,
                  quote=article.text[start:-1])  # fmt: skip
    Claim.objects.bulk_create([claim])
    assert Claim.objects.get().quote == "“vaksin berbahaya”"


def test_database_refuses_changing_the_text_of_an_annotated_article():
    claim = ClaimFactory()
    assert refused(lambda: Article.objects.filter(pk=claim.article_id).update(text="something else"))
    assert Article.objects.get(pk=claim.article_id).text == claim.article.text


def test_saving_an_annotated_article_with_new_text_is_refused():
    claim = ClaimFactory()
    article = claim.article
    article.text = "A rewritten article."
    with pytest.raises(ValidationError):
        article.save()


def test_text_of_an_article_without_claims_can_still_be_fixed():
    article = ArticleFactory(text="Typo in teh text.")
    article.text = "Typo in the text.\r\n"
    article.save()
    article.refresh_from_db()
    assert article.text == "Typo in the text.\n"


def test_database_refuses_the_same_text_twice_in_a_project():
    article = ArticleFactory(text="Same text.")
    assert refused(lambda: ArticleFactory(project=article.project, text="Same text."))
    ArticleFactory(text="Same text.")  # another project may hold it


def test_database_refuses_the_same_external_id_twice_in_a_project():
    article = ArticleFactory(external_id="kompas-1")
    assert refused(lambda: ArticleFactory(project=article.project, external_id="kompas-1"))
    ArticleFactory(project=article.project, external_id="")  # empty ids do not collide
    ArticleFactory(project=article.project, external_id="")


def test_deleting_an_import_job_keeps_its_articles_without_the_link():
    # Django keeps this link, not a database constraint (migration 0024): a deleted job must leave no
    # article pointing at it.
    article = ArticleFactory()
    job = ImportJob.objects.create(project=article.project, format="jsonl", filename="a.jsonl")
    Article.objects.filter(pk=article.pk).update(import_job=job)
    job.delete()
    article.refresh_from_db()
    assert article.import_job_id is None


def test_database_refuses_an_article_without_text_hash():
    article = ArticleFactory()
    assert refused(lambda: Article.objects.filter(pk=article.pk).update(text_hash=""))


def test_database_refuses_two_current_verdicts_for_one_claim():
    verdict = VerdictFactory()
    assert refused(lambda: VerdictFactory(claim=verdict.claim, version=2))
    VerdictFactory(claim=verdict.claim, version=2, is_current=False)


def test_database_refuses_the_same_verdict_version_twice():
    verdict = VerdictFactory()
    assert refused(lambda: VerdictFactory(claim=verdict.claim, version=1, is_current=False))


def test_database_refuses_a_published_verdict_without_rating_or_date():
    verdict = VerdictFactory()
    assert refused(lambda: Verdict.objects.filter(pk=verdict.pk).update(status=VerdictStatus.PUBLISHED))
    rating = RatingFactory(project=verdict.claim.project)
    Verdict.objects.filter(pk=verdict.pk).update(
        status=VerdictStatus.PUBLISHED, rating=rating, published_at=timezone.now()
    )


def test_database_refuses_unknown_states_and_roles():
    claim = ClaimFactory()
    assert refused(lambda: Claim.objects.filter(pk=claim.pk).update(status="approved"))
    membership = MembershipFactory()
    assert refused(lambda: Membership.objects.filter(pk=membership.pk).update(role="owner"))
    verdict = VerdictFactory()
    assert refused(lambda: Verdict.objects.filter(pk=verdict.pk).update(status="done"))


def test_database_refuses_a_duplicate_claim_without_its_original():
    claim = ClaimFactory()
    assert refused(lambda: Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.DUPLICATE))
    assert refused(lambda: Claim.objects.filter(pk=claim.pk).update(duplicate_of=claim))
    original = ClaimFactory(article=claim.article, start=1, end=6)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.DUPLICATE, duplicate_of=original)


def test_database_refuses_check_worthiness_outside_one_to_five():
    claim = ClaimFactory()
    assert refused(lambda: Claim.objects.filter(pk=claim.pk).update(check_worthiness=6))


def test_database_refuses_a_rating_value_below_one_and_duplicate_labels():
    rating = RatingFactory(label="Salah")
    assert refused(lambda: Rating.objects.filter(pk=rating.pk).update(value=0))
    assert refused(lambda: RatingFactory(project=rating.project, label="Salah"))
    Rating.objects.filter(pk=rating.pk).update(value=None)  # a text-only rating


def test_database_refuses_a_second_membership_of_one_user():
    membership = MembershipFactory()
    assert refused(lambda: MembershipFactory(project=membership.project, user=membership.user))


def test_database_refuses_a_comment_on_nothing_or_on_two_things():
    claim = ClaimFactory()
    verdict = VerdictFactory(claim=claim)
    assert refused(lambda: Comment.objects.create(project=claim.project, body="?"))
    assert refused(lambda: Comment.objects.create(project=claim.project, claim=claim, verdict=verdict, body="?"))


def test_marking_a_claim_fills_in_the_quote_and_logs_it():
    article = ArticleFactory(text="Menteri: “harga beras turun 10%”.")
    user = member(article.project)
    start = article.text.index("“")
    claim = workflow.claim_mark(article=article, user=user, start=start, end=start + 23)
    assert claim.quote == "“harga beras turun 10%”"
    activity = claim.project.activities.get()
    assert (activity.actor, activity.verb, activity.object_id, activity.to_state) == (
        user,
        "claim.marked",
        claim.pk,
        "open",
    )


def test_marking_a_claim_with_a_wrong_quote_shows_the_text_found():
    article = ArticleFactory(text="Menteri: “harga beras turun”.")
    with pytest.raises(ValidationError) as error:
        workflow.claim_mark(article=article, user=member(article.project), start=0, end=7, quote="Menteri:")
    assert "'Menteri'" in str(error.value)
    assert not Claim.objects.exists()


def test_marking_a_claim_past_the_end_of_the_text_is_refused():
    article = ArticleFactory(text="Pendek.")
    with pytest.raises(ValidationError, match="outside the article text"):
        workflow.claim_mark(article=article, user=member(article.project), start=3, end=50)


def test_rating_presets_install_once():
    project = ProjectFactory()
    project.install_rating_preset("id")
    project.install_rating_preset("id")
    assert list(project.ratings.values_list("label", "value")) == [
        ("Salah", 1), ("Menyesatkan", 2), ("Sebagian benar", 3), ("Sebagian besar benar", 4), ("Benar", 5),
    ]  # fmt: skip
    project.install_rating_preset("en")
    assert project.ratings.count() == 11


def test_role_of_tells_each_members_role_and_none_for_others():
    membership = MembershipFactory(role="reviewer")
    assert membership.project.role_of(membership.user) == "reviewer"
    assert membership.project.role_of(UserFactory()) is None


READABLE = {
    "Project": lambda: ProjectFactory(name="Desk"),
    "Membership": lambda: MembershipFactory(user__username="ana", project__name="Desk", role="editor"),
    "Rating": lambda: ProjectFactory().ratings.create(label="Salah", value=1),
    "Article": lambda: ArticleFactory(title="Putin dan Kim"),
    "Claim": lambda: VerdictFactory(claim__statement="Harga beras turun.").claim,
    "Verdict": lambda: VerdictFactory(),
    "Evidence": lambda: Evidence.objects.create(verdict=VerdictFactory(), url="https://x.example/", title="Deplu"),
    "Comment": lambda: Comment.objects.create(project=(v := VerdictFactory()).project, verdict=v, body="Cek lagi."),
    "Activity": lambda: Activity.objects.create(
        project=ProjectFactory(), verb=Verb.CLAIM_TAKEN, object_type="claim", object_id=7
    ),
    "ExternalFactCheck": lambda: ExternalFactCheck.objects.create(
        project=ProjectFactory(),
        key="https://x.example/1",
        url="https://x.example/1",
        publisher_name="Cek Lain",
        claim_reviewed="Bumi datar",
    ),
    "ImportJob": lambda: ImportJob.objects.create(project=ProjectFactory(), format="csv", filename="a.csv"),
    "ApiToken": lambda: ApiToken.objects.issue(user=UserFactory(username="ana"), name="scripts")[0],
    "Sentence": lambda: Sentence.objects.create(
        project=(a := ArticleFactory(text="Harga beras turun. Itu keliru.")).project,
        article=a,
        start=0,
        end=18,
        score=0.7,
        suggested=True,
    ),
    "CheckworthinessModel": lambda: CheckworthinessModel.objects.create(
        project=ProjectFactory(name="Desk"), data={}, labels=40, metrics={}, in_use=False, trained_at=timezone.now()
    ),
    "ExportJob": lambda: ExportJob.objects.create(project=ProjectFactory(), format="csv"),
    "Invitation": lambda: Invitation.objects.create(project=ProjectFactory(name="Desk"), name="Budi", role="editor"),
    "Embedding": lambda: Embedding.objects.create(
        project=(c := VerdictFactory().claim).project, claim=c, model_key="m", fingerprint="f", vector=b"\0" * 4
    ),
    "ArticleAssignment": lambda: ArticleAssignment.objects.create(
        article=ArticleFactory(title="Putin dan Kim"), annotator=UserFactory(username="ana")
    ),
    "Agreement": lambda: Agreement.objects.create(project=ProjectFactory(name="Desk"), scope="project"),
    "Notification": lambda: Notification.objects.create(
        recipient=UserFactory(username="ana"),
        actor=UserFactory(username="eko"),
        kind=NotificationKind.CLAIM_ASSIGNED,
        project=(c := ClaimFactory()).project,
        claim=c,
    ),
    "NotificationPreference": lambda: NotificationPreference.objects.create(user=UserFactory(username="ana")),
    "VerdictSubmission": lambda: VerdictSubmission.objects.create(verdict=VerdictFactory(), number=1),
    "IndependentRating": lambda: IndependentRating.objects.create(
        claim=VerdictFactory().claim, reviewer=UserFactory(username="ana")
    ),
}
EXPECTED = {
    "Project": "Desk", "Membership": "ana as editor in Desk", "Rating": "Salah", "Article": "Putin dan Kim",
    "Claim": "Harga beras turun.", "Evidence": "Deplu", "Comment": "Cek lagi.",
    "Activity": "system: took claim 7 to check it", "ExternalFactCheck": "Cek Lain: Bumi datar",
    "Sentence": "Harga beras turun.", "CheckworthinessModel": "check-worthiness model of Desk",
    "Invitation": "Budi as editor in Desk", "Agreement": "Agreement (project) of Desk",
    "NotificationPreference": "ana: e-mail off",
}  # fmt: skip


@pytest.mark.parametrize("model", list(apps.get_app_config("annotations").get_models()), ids=lambda m: m.__name__)
def test_every_model_has_a_readable_name(model):
    assert model.__name__ in READABLE, f"add {model.__name__} to READABLE"
    obj = READABLE[model.__name__]()
    with translation.override("en"):
        name = str(obj)
    assert name and f"{model.__name__} object" not in name
    if model.__name__ in EXPECTED:
        assert name == EXPECTED[model.__name__]
    if model.__name__ == "Verdict":
        assert name == f"Verdict v1 on claim {obj.claim_id}"
    if model.__name__.endswith("Job"):
        assert name.startswith(("Import", "Export")) and str(obj.pk) in name


def test_an_assignment_names_its_annotator_and_article():
    assignment = READABLE["ArticleAssignment"]()
    assert str(assignment) == f"ana on article {assignment.article_id}"


def test_stored_agreement_is_of_one_scope_only():
    project = ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(project=project, scope="article")  # an article's figures need the article
    Agreement.objects.create(project=project, scope="project")
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(project=project, scope="project")  # one per project
