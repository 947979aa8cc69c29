"""Check-worthy sentence suggestions: scored once per article with exact
offsets, turned into claims or dismissed, and learnt from by the project's
own model."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from annotations import suggestions, workflow
from annotations.models import Activity, CheckworthinessModel, Role, Sentence, SentenceStatus, Verb

from ..conftest import SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member

pytestmark = pytest.mark.django_db

SEED_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


@pytest.fixture
def project():
    return ProjectFactory(slug="demo", language="id")


@pytest.fixture
def annotator(project):
    return member(project, Role.ANNOTATOR, user__username="annotator")


def api(user):
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(user)
    return client


def test_an_article_is_split_once_with_exact_offsets_and_its_claim_ranks_in_the_top_3(project):
    article = ArticleFactory(project=project, text=SEED_TEXT, language="id")
    assert suggestions.score_pending() == 1
    assert suggestions.score_pending() == 0  # idempotent: nothing is scored twice
    sentences = list(article.sentences.all())
    assert len(sentences) > 5
    assert all(SEED_TEXT[s.start : s.end] == s.text and s.text.strip() == s.text for s in sentences)
    top = [s.text for s in sorted(sentences, key=lambda s: -s.score)[:3]]
    assert SEED_CLAIM in top
    best = Sentence.objects.get(article=article, start=SEED_TEXT.index(SEED_CLAIM))
    assert best.suggested and best.language == "id"
    assert "angka" in best.explanation("id").lower() or best.explanation("en")  # readable in both languages


def test_a_sentence_an_existing_claim_covers_is_a_label_at_once(project, annotator):
    article = ArticleFactory(project=project, text=SEED_TEXT, language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=annotator, start=start, end=start + 20)
    suggestions.score_pending()
    sentence = Sentence.objects.get(article=article, start=start)
    assert (sentence.status, sentence.claim) == (SentenceStatus.ACCEPTED, claim)


def test_marking_a_claim_accepts_the_sentences_it_covers(project, annotator):
    article = ArticleFactory(project=project, text=SEED_TEXT, language="id")
    suggestions.score_pending()
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=annotator, start=start + 3, end=start + 30)
    sentence = Sentence.objects.get(article=article, start=start)
    assert (sentence.status, sentence.claim, sentence.decided_by) == (SentenceStatus.ACCEPTED, claim, annotator)
    assert article.sentences.filter(status=SentenceStatus.ACCEPTED).count() == 1


def test_a_dismissed_suggestion_keeps_its_reason_and_leaves_an_activity(project, annotator):
    ArticleFactory(project=project, text=SEED_TEXT, language="id")
    suggestions.score_pending()
    sentence = Sentence.objects.suggestions().first()
    workflow.sentence_dismiss(sentence=sentence, user=annotator, reason="opinion")
    sentence.refresh_from_db()
    assert (sentence.status, sentence.dismiss_reason) == (SentenceStatus.DISMISSED, "opinion")
    assert Activity.objects.filter(verb=Verb.SENTENCE_DISMISSED, object_id=sentence.pk, comment="opinion").exists()
    assert sentence not in Sentence.objects.suggestions()
    with pytest.raises(workflow.Conflict):
        workflow.sentence_dismiss(sentence=sentence, user=annotator)
    other = Sentence.objects.suggestions().first()
    with pytest.raises(ValidationError):
        workflow.sentence_dismiss(sentence=other, user=annotator, reason="boring")


def test_only_members_may_dismiss(project):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    outsider = member(ProjectFactory(), Role.ADMIN, user__username="outsider")
    ArticleFactory(project=project, text=SEED_TEXT, language="id")
    suggestions.score_pending()
    sentence = Sentence.objects.suggestions().first()
    with pytest.raises((Http404, PermissionDenied)):
        workflow.sentence_dismiss(sentence=sentence, user=outsider)
    assert Sentence.objects.get(pk=sentence.pk).status == SentenceStatus.OPEN


# A desk whose own idea of check-worthy differs from the shipped model's: it
# checks rumours ("kabar", "viral", "beredar") and has no use for sports
# results, which are full of the numbers the shipped model likes.
RUMOURS = [
    "Kabar yang beredar di grup WhatsApp menyebut vaksin {} mengandung chip pelacak.",
    "Pesan berantai yang viral mengklaim air rebusan {} menyembuhkan kanker.",
    "Kabar viral menyebut pemerintah akan memblokir {} mulai pekan depan.",
    "Unggahan yang beredar luas mengklaim {} dibagikan gratis oleh bank.",
]
SPORTS = [
    "Tim {} menang 3-1 dan naik ke peringkat 2 klasemen dengan 45 poin dari 20 laga.",
    "Pelari {} mencatat waktu 10,2 detik, terbaik ke-3 musim ini, di depan 12.000 penonton.",
    "Klub {} mencetak 64 persen penguasaan bola dan 15 tembakan dalam laga kedua itu.",
    "Atlet {} meraih 2 emas dan 1 perak, naik dari peringkat 7 tahun lalu.",
]
NAMES = ["Garuda", "Rajawali", "Merpati", "Elang", "Kenari", "Cendrawasih", "Jalak", "Kakatua"]


def test_marking_and_dismissing_suggestions_retrains_the_project_model_and_changes_the_ranking(
    project, annotator, settings, django_capture_on_commit_callbacks
):
    settings.CHECKWORTHINESS_MIN_LABELS, settings.CHECKWORTHINESS_RETRAIN_EVERY = 40, 40
    for name in NAMES:
        text = " ".join(pattern.format(name) for pattern in RUMOURS + SPORTS)
        ArticleFactory(project=project, text=text, language="id")
    fresh = ArticleFactory(project=project, language="id", text=(
        "Kabar yang beredar menyebut listrik gratis dibagikan oleh PLN. "
        "Tim Kutilang menang 2-0 dan naik ke peringkat 4 dengan 30 poin."
    ))  # fmt: skip
    suggestions.score_pending()
    rumour, sport = fresh.sentences.order_by("start")
    assert sport.score > rumour.score  # the shipped model's view

    with django_capture_on_commit_callbacks(execute=True):
        for sentence in Sentence.objects.exclude(article=fresh).select_related("article"):
            if any(word in sentence.text for word in ("Kabar", "viral", "beredar")):
                workflow.claim_mark(article=sentence.article, user=annotator, start=sentence.start, end=sentence.end)
            else:
                workflow.sentence_dismiss(sentence=sentence, user=annotator, reason="not_newsworthy")

    model = CheckworthinessModel.objects.get(project=project)  # trained by the task the labels queued
    assert model.labels == 64 and model.in_use
    assert model.metrics["project"]["f1"] > model.metrics["shipped"]["f1"]
    rumour.refresh_from_db()
    sport.refresh_from_db()
    assert rumour.score > sport.score  # the desk's own view now ranks its sentences
    assert rumour.suggested and not sport.suggested


def test_too_few_labels_train_nothing(project, annotator, settings):
    ArticleFactory(project=project, text=SEED_TEXT, language="id")
    suggestions.score_pending()
    workflow.sentence_dismiss(sentence=Sentence.objects.suggestions().first(), user=annotator)
    assert suggestions.retrain(project) is None
    assert not CheckworthinessModel.objects.exists()


def test_an_import_scores_its_articles(project, annotator, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = member(project, Role.EDITOR, user__username="editor")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.import_queue(project=project, user=editor, upload=SimpleUploadedFile("a.txt", SEED_TEXT.encode()))
    assert Sentence.objects.filter(project=project).count() > 5


def test_the_api_gives_sentences_the_queue_and_turns_a_suggestion_into_a_claim(project, annotator):
    text = "Hoaks 👍🏽🇮🇩 menyebar. " + SEED_CLAIM
    article = ArticleFactory(project=project, text=text, language="id")
    suggestions.score_pending()
    listed = api(annotator).get(f"/api/v1/sentences/?article={article.pk}&ordering=start").json()["results"]
    assert [(s["start"], s["end"], s["text"]) for s in listed][-1] == (text.index("AS"), len(text), SEED_CLAIM)
    queue = api(annotator).get("/api/v1/sentences/queue/").json()["results"]
    assert queue and queue == sorted(queue, key=lambda s: -s["score"]) and queue[0]["text"] == SEED_CLAIM
    response = api(annotator).post(f"/api/v1/sentences/{queue[0]['id']}/accept/", {"claimant": "AS"}, format="json")
    assert response.status_code == 201
    claim = response.json()
    assert (claim["start"], claim["end"], claim["quote"], claim["claimant"]) == (
        text.index("AS"), len(text), SEED_CLAIM, "AS",
    )  # fmt: skip
    assert Sentence.objects.get(pk=queue[0]["id"]).status == SentenceStatus.ACCEPTED
    again = api(annotator).post(f"/api/v1/sentences/{listed[0]['id']}/dismiss/", {"reason": "x"}, format="json")
    assert again.status_code == 400


def test_the_api_hides_other_projects_sentences(project, annotator):
    ArticleFactory(project=project, text="Harga beras naik 10 persen pekan ini, kata pedagang.", language="id")
    foreign = ArticleFactory(project=ProjectFactory(), text=SEED_TEXT, language="id")
    suggestions.score_pending()
    assert SEED_CLAIM not in [s["text"] for s in api(annotator).get("/api/v1/sentences/queue/").json()["results"]]
    mine = api(annotator).get(f"/api/v1/sentences/?article={project.articles.get().pk}").json()["results"]
    assert [s["text"] for s in mine] == ["Harga beras naik 10 persen pekan ini, kata pedagang."]
    # Another project's article is refused as an article that does not exist.
    assert api(annotator).get(f"/api/v1/sentences/?article={foreign.pk}").json() == (
        api(annotator).get("/api/v1/sentences/?article=999999").json()
    )
    other = Sentence.objects.first()
    assert api(annotator).post(f"/api/v1/sentences/{other.pk}/dismiss/", {}, format="json").status_code == 404


def test_the_queue_page_ranks_filters_and_dismisses(project, annotator, client, django_assert_max_num_queries):
    ArticleFactory(project=project, text=SEED_TEXT, language="id", publisher="Larismanis")
    ArticleFactory(project=project, language="en", publisher="Wire", text=(
        "The minister said inflation rose to 5.2 percent in March, the highest in a decade."
    ))  # fmt: skip
    suggestions.score_pending()
    client.force_login(annotator)
    with django_assert_max_num_queries(12):
        page = client.get("/projects/demo/check-worthy/")
    html = page.content.decode()
    assert SEED_CLAIM in html and "inflation rose to 5.2 percent" in html
    only_en = client.get("/projects/demo/check-worthy/?language=en").content.decode()
    assert "inflation rose" in only_en and SEED_CLAIM not in only_en
    sentence = Sentence.objects.get(start=SEED_TEXT.index(SEED_CLAIM))
    response = client.post(
        f"/projects/demo/sentences/{sentence.pk}/dismiss/",
        {"reason": "not_checkable", "next": "/projects/demo/check-worthy/"},
    )
    assert response.status_code == 302 and response["Location"] == "/projects/demo/check-worthy/"
    assert SEED_CLAIM not in client.get("/projects/demo/check-worthy/").content.decode()


def test_the_workspace_shows_the_articles_suggestions(project, annotator, client):
    article = ArticleFactory(project=project, text=SEED_TEXT, language="id")
    suggestions.score_pending()
    client.force_login(annotator)
    html = client.get(f"/projects/demo/articles/{article.pk}/").content.decode()
    best = Sentence.objects.get(start=SEED_TEXT.index(SEED_CLAIM))
    assert f'id="sentence-{best.pk}"' in html and f'data-sentence="{best.pk}"' in html
    assert f'data-start="{best.start}" data-end="{best.end}"' in html


def test_the_dashboard_says_how_good_the_scoring_is_and_on_how_many_labels(project, annotator, client):
    from django.utils import timezone

    client.force_login(annotator)
    html = client.get("/projects/demo/").content.decode()
    assert "Scored by the shipped model" in html and "0 labels so far" in html
    metrics = {"project": {"precision_at_k": 0.9, "f1": 0.81}, "shipped": {"precision_at_k": 0.4, "f1": 0.35}}
    CheckworthinessModel.objects.create(
        project=project, data={}, labels=64, metrics=metrics, in_use=True, trained_at=timezone.now()
    )
    html = client.get("/projects/demo/").content.decode()
    assert "own model, learnt from 64 labels: precision at 10 0.90, F1 0.81" in html


def test_scoring_waits_while_an_import_runs(project, django_capture_on_commit_callbacks):
    from annotations import tasks
    from annotations.models import ImportJob, JobStatus

    ArticleFactory(project=project, text=SEED_TEXT, language="id")
    running = ImportJob.objects.create(project=project, format="jsonl", filename="a.jsonl", status=JobStatus.RUNNING)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert tasks.score_sentences() == 0
    # Nothing scored and nothing queued again: the import queues scoring when it ends (beat catches the rest).
    assert not Sentence.objects.exists() and queued == []
    running.status = JobStatus.COMPLETED
    running.save()
    assert tasks.score_sentences() == 1 and Sentence.objects.exists()
