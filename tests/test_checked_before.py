""" "Checked before?": stored vectors, matches within one project, the thresholds, automatic links, the panel,
the clusters page and the API.

Most tests replace the text model by vectors placed at a chosen cosine from each other, so that a test sits
exactly on the side of a threshold it means to; one test runs the real multilingual model."""

import zlib

import numpy as np
import pytest
from django.test import Client

from annotations import checked_before, tasks, textmodels, workflow
from annotations.matching import THRESHOLDS, prepare
from annotations.models import Activity, ClaimStatus, Embedding, ExternalFactCheck, Verb

from .conftest import SEED_CLAIM, client_for, published, taken
from .factories import ArticleFactory, ProjectFactory, member

pytestmark = pytest.mark.django_db

LIMITS = THRESHOLDS[textmodels.MODEL_KEY]
REPEAT = "Korea Utara dituduh AS memasok rudal balistik dan amunisi ke Rusia untuk perang Ukraina."
SHORT_REPEAT = "Korea Utara kirim rudal."


class PlacedModel:
    """Stands in for the text model: every text gets a vector of its own, nearly orthogonal to the others,
    except those placed at a given cosine from another text."""

    def __init__(self):
        self.placed = {}
        self.calls = []

    def place(self, text, like, cosine):
        base = self.vector(like)
        other = self.vector(f"orthogonal to {like} for {text}")
        other = other - (other @ base) * base
        other /= np.linalg.norm(other)
        self.placed[prepare(text)] = (cosine * base + np.sqrt(1 - cosine**2) * other).astype(np.float32)

    def vector(self, text):
        text = prepare(text)
        if text in self.placed:
            return self.placed[text]
        rng = np.random.default_rng(zlib.crc32(text.encode()))
        vector = rng.standard_normal(textmodels.DIM).astype(np.float32)
        return vector / np.linalg.norm(vector)

    def __call__(self, texts, kind="query"):
        self.calls.extend(texts)
        return np.vstack([self.vector(t) for t in texts]) if texts else np.zeros((0, textmodels.DIM), np.float32)


@pytest.fixture(autouse=True)
def fresh_matchers():
    checked_before.clear_cache()
    yield
    checked_before.clear_cache()


@pytest.fixture
def model(monkeypatch):
    placed = PlacedModel()
    monkeypatch.setattr(textmodels, "embed", placed)
    return placed


def client_as(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def mark(desk, text, user="marker", project=None):
    """A claim whose quote is ``text``, in an article of its own."""
    article = ArticleFactory(project=project or desk.project, text=f"Di grup WhatsApp: {text} Begitu katanya.")
    start = article.text.index(text)
    author = desk.users[user] if project is None else member(project, "annotator")
    return workflow.claim_mark(article=article, user=author, start=start, end=start + len(text))


def test_a_claim_that_repeats_a_published_fact_check_finds_its_verdict_rating_and_evidence(desk, model):
    verdict = published(desk)
    verdict.evidence.create(url="https://kemlu.example/rilis", title="Rilis Kemlu")
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.96)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    [match] = checked_before.matches_for_claim(claim)
    assert match.kind == checked_before.MatchKind.DESK_VERDICT
    assert match.claim == desk.claim and match.rating == "Salah" and match.verdict_class == "false"
    assert match.url == f"/claims/{desk.claim.pk}/report/" and match.decision == "confirm"
    assert [e.title for e in match.evidence] == ["Rilis Kemlu"]
    assert match.publisher == desk.project.publisher_name and match.language == "id"


def test_matches_below_suggest_are_not_shown(desk, model):
    model.place(REPEAT, like=SEED_CLAIM, cosine=LIMITS.suggest - 0.02)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    assert checked_before.matches_for_claim(claim) == []


def test_between_suggest_and_confirm_a_match_is_suggested_and_never_linked(desk, model):
    desk.project.auto_link_matches = True
    desk.project.save()
    model.place(REPEAT, like=SEED_CLAIM, cosine=(LIMITS.suggest + LIMITS.confirm) / 2)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.OPEN and claim.duplicate_of is None
    assert [m.decision for m in checked_before.matches_for_claim(claim)] == ["suggest"]


def test_above_confirm_a_long_claim_is_linked_automatically_where_the_project_allows_it(desk, model):
    desk.project.auto_link_matches = True
    desk.project.save()
    model.place(REPEAT, like=SEED_CLAIM, cosine=LIMITS.confirm + 0.02)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DUPLICATE and claim.duplicate_of == desk.claim
    trace = Activity.objects.get(verb=Verb.CLAIM_DUPLICATE, object_id=claim.pk)
    assert trace.actor is None and "similarity" in trace.comment
    assert desk.claim.status == ClaimStatus.OPEN  # the original is left as it was


def test_nothing_is_linked_automatically_when_the_project_has_it_off(desk, model):
    assert desk.project.auto_link_matches is False
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.99)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.OPEN
    assert [m.decision for m in checked_before.matches_for_claim(claim)] == ["confirm"]
    with pytest.raises(workflow.REFUSALS):
        workflow.claim_mark_duplicate(claim=claim, user=None, original=desk.claim, automatic=True)


def test_a_short_claim_is_never_linked_automatically_however_close(desk, model):
    desk.project.auto_link_matches = True
    desk.project.save()
    model.place(SHORT_REPEAT, like=SEED_CLAIM, cosine=0.995)
    claim = mark(desk, SHORT_REPEAT)
    tasks.embed_texts()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.OPEN
    assert [m.decision for m in checked_before.matches_for_claim(claim)] == ["suggest"]


def test_another_projects_claims_and_fact_checks_never_appear(desk, model):
    elsewhere = ProjectFactory()
    mark(desk, SEED_CLAIM, project=elsewhere)  # the very same words, in another desk
    ExternalFactCheck.objects.create(project=elsewhere, key="k", claim_reviewed=SEED_CLAIM, publisher_name="Lain")
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.97)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    assert [m.claim for m in checked_before.matches_for_claim(claim)] == [desk.claim]
    assert [m.claim for m in checked_before.matches_for_text(desk.project, SEED_CLAIM)] == [desk.claim, claim]
    theirs = checked_before.matches_for_text(elsewhere, REPEAT)
    assert theirs and {(r.claim or r.fact_check).project_id for r in theirs} == {elsewhere.pk}


def test_duplicates_and_claims_found_not_checkable_are_not_candidates(desk, model):
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.97)
    claim = mark(desk, REPEAT)
    workflow.claim_mark_not_checkable(claim=desk.claim, user=desk.users["reviewer"], comment="Opini.")
    tasks.embed_texts()
    assert checked_before.matches_for_claim(claim) == []


def test_other_publishers_fact_checks_are_matched_across_languages_by_the_real_model(desk):
    fact_check = ExternalFactCheck.objects.create(
        project=desk.project, key="https://factcheck.example/nk", url="https://factcheck.example/nk",
        claim_reviewed="The US accused North Korea of supplying ballistic missiles and ammunition to Russia "
        "for use in Ukraine.", publisher_name="Example Check", language="en", rating_label="True",
        verdict_class="true",
    )  # fmt: skip
    unrelated = ExternalFactCheck.objects.create(
        project=desk.project, key="other", claim_reviewed="Drinking warm lemon water cures cancer.", language="en"
    )
    tasks.embed_texts()
    results = checked_before.matches_for_claim(desk.claim)
    assert results and results[0].fact_check == fact_check
    assert (results[0].kind, results[0].rating, results[0].publisher) == ("fact_check", "True", "Example Check")
    assert unrelated not in [r.fact_check for r in results]


def test_the_embedding_task_is_idempotent_and_embeds_an_edited_claim_again(desk, model):
    other = mark(desk, REPEAT)
    ExternalFactCheck.objects.create(project=desk.project, key="k", headline="Hoaks rudal", publisher_name="X")
    assert tasks.embed_texts() == 3
    assert len(model.calls) == 3 and Embedding.objects.count() == 3
    stored = dict(Embedding.objects.values_list("id", "fingerprint"))
    tasks.embed_texts()
    workflow.claim_take(claim=desk.claim, user=desk.users["writer"])  # same text, a new state
    tasks.embed_texts()
    assert len(model.calls) == 3 and dict(Embedding.objects.values_list("id", "fingerprint")) == stored
    workflow.claim_update(claim=other, user=desk.users["marker"], statement="Rudal Korea Utara dikirim ke Rusia.")
    tasks.embed_texts()
    assert model.calls[3:] == ["Rudal Korea Utara dikirim ke Rusia."]
    assert Embedding.objects.count() == 3


def test_marking_a_claim_queues_its_embedding_once_committed(desk, model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = mark(desk, REPEAT)
    assert Embedding.objects.filter(claim=claim).exists()


def test_the_workspace_embeds_nothing_and_the_panel_at_most_the_claim_it_asks_about(desk, model):
    for n in range(3):
        mark(desk, f"Klaim nomor {n} tentang harga beras yang naik.")
    tasks.embed_texts()
    model.calls.clear()
    annotator = client_as(desk.users["annotator"])
    page = annotator.get(f"/projects/{desk.project.slug}/articles/{desk.article.pk}/")
    assert page.status_code == 200 and "Checked before?" in page.content.decode()
    assert annotator.get(f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/checked-before/").status_code == 200
    assert model.calls == []  # stored vectors only
    new = mark(desk, "Klaim baru yang belum punya vektor tersimpan.")
    assert annotator.get(f"/projects/{desk.project.slug}/claims/{new.pk}/checked-before/").status_code == 200
    assert model.calls == ["Klaim baru yang belum punya vektor tersimpan."]


def test_a_reviewer_links_a_claim_as_duplicate_from_the_panel(desk, model):
    published(desk)
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.95)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    reviewer = client_as(desk.users["reviewer"])
    panel = reviewer.get(f"/projects/{desk.project.slug}/claims/{claim.pk}/checked-before/").content.decode()
    assert "Salah" in panel and "Link as duplicate" in panel and f'name="original" value="{desk.claim.pk}"' in panel
    reviewer.post(
        f"/projects/{desk.project.slug}/claims/{claim.pk}/action/", {"action": "duplicate", "original": desk.claim.pk}
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DUPLICATE and claim.duplicate_of == desk.claim


def test_an_annotator_sees_the_matches_but_cannot_link(desk, model):
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.95)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    panel = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/claims/{claim.pk}/checked-before/")
    html = panel.content.decode()
    assert "Claim of the desk, not yet published" in html and "Link as duplicate" not in html
    outsider = client_as(desk.users["outsider"]).get(f"/projects/{desk.project.slug}/claims/{claim.pk}/checked-before/")
    assert outsider.status_code == 404


def test_a_reviewer_cites_another_publishers_fact_check_as_evidence_of_the_draft(desk, model):
    fact_check = ExternalFactCheck.objects.create(
        project=desk.project, key="https://cek.example/1", url="https://cek.example/1", claim_reviewed=REPEAT,
        headline="Benarkah Korea Utara memasok rudal?", publisher_name="Cek Lain", rating_label="Benar",
    )  # fmt: skip
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.95)
    tasks.embed_texts()
    page = client_as(desk.users["writer"]).get(f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/checked-before/")
    assert "Cite as evidence" not in page.content.decode()  # nobody checks it yet
    taken(desk)
    writer = client_as(desk.users["writer"])
    base = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/"
    assert "Checked before?" in writer.get(base + "verdict/").content.decode()
    panel = writer.get(base + "checked-before/?form=verdict-form").content.decode()
    assert "Cite as evidence" in panel and "Cek Lain" in panel and 'form="verdict-form"' in panel
    # Cited from the verdict editor, before any draft: the draft is saved with it, typed text included.
    writer.post(base + "verdict/", {"cite": fact_check.pk, "summary": "Belum disimpan.", "revision": ""})
    verdict = desk.claim.verdicts.get()
    assert verdict.summary == "Belum disimpan."
    assert list(verdict.evidence.values_list("url", "kind", "title")) == [
        (fact_check.url, "secondary", "Cek Lain: Benarkah Korea Utara memasok rudal?")
    ]
    # From the workspace's panel, it is a form of its own.
    assert 'name="cite"' in writer.get(base + "checked-before/").content.decode()
    writer.post(f"/projects/{desk.project.slug}/verdicts/{verdict.pk}/evidence/", {"cite": fact_check.pk})
    assert verdict.evidence.count() == 2


def test_editors_see_claims_that_keep_coming_back_grouped_with_counts_per_week(desk, model):
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.97)
    mark(desk, REPEAT)
    mark(desk, "Harga beras di Jakarta turun separuh minggu ini menurut pedagang.")
    tasks.embed_texts()
    url = f"/projects/{desk.project.slug}/claims/clusters/"
    html = client_as(desk.users["editor"]).get(url).content.decode()
    assert html.count('class="card cluster"') == 1 and REPEAT in html and "Harga beras" not in html
    assert '<td class="num">2</td>' in html
    assert client_as(desk.users["reviewer"]).get(url).status_code == 403
    assert "Claim clusters" in client_as(desk.users["editor"]).get(f"/projects/{desk.project.slug}/").content.decode()


def test_the_api_answers_a_claims_matches_and_a_free_text_within_the_project(desk, model):
    published(desk)
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.96)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    response = client_for(desk.users["annotator"]).get(f"/api/v1/claims/{claim.pk}/matches/")
    [row] = response.json()
    assert row["kind"] == "desk_verdict" and row["claim"] == desk.claim.pk and row["rating"] == "Salah"
    assert row["url"] == f"http://localhost/claims/{desk.claim.pk}/report/" and row["decision"] == "confirm"
    text = client_for(desk.users["annotator"]).post(
        f"/api/v1/projects/{desk.project.pk}/match/", {"text": REPEAT}, format="json"
    )
    assert [r["claim"] for r in text.json()] == [claim.pk, desk.claim.pk]
    outsider = client_for(desk.users["outsider"])
    assert outsider.get(f"/api/v1/claims/{claim.pk}/matches/").status_code == 404
    assert outsider.post(f"/api/v1/projects/{desk.project.pk}/match/", {"text": REPEAT}).status_code == 404


def test_admins_turn_automatic_links_on_in_the_settings_form_and_the_api(desk):
    admin = client_as(desk.users["admin"])
    assert (
        "Link repeated claims as duplicates automatically"
        in admin.get(f"/projects/{desk.project.slug}/members/").content.decode()
    )
    data = {"name": desk.project.name, "language": "id", "auto_link_matches": "on"}
    admin.post(f"/projects/{desk.project.slug}/settings/", data)
    desk.project.refresh_from_db()
    assert desk.project.auto_link_matches is True
    api = client_for(desk.users["admin"])
    response = api.patch(f"/api/v1/projects/{desk.project.pk}/", {"auto_link_matches": False}, format="json")
    assert response.json()["auto_link_matches"] is False
    editor = client_for(desk.users["editor"])
    assert (
        editor.patch(f"/api/v1/projects/{desk.project.pk}/", {"auto_link_matches": True}, format="json").status_code
        == 403
    )


def test_an_edited_claim_is_matched_on_its_new_statement(desk, model):
    claim = mark(desk, "Pesan berantai soal bantuan sosial.")
    tasks.embed_texts()
    workflow.claim_update(claim=claim, user=desk.users["marker"], statement=REPEAT)
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.97)
    claim.refresh_from_db()
    # Before the task runs again, the panel embeds the new statement itself.
    assert [m.claim for m in checked_before.matches_for_claim(claim)] == [desk.claim]


def test_a_stored_vector_belongs_to_exactly_one_claim_or_fact_check(desk):
    from django.db import IntegrityError, transaction

    fact_check = ExternalFactCheck.objects.create(project=desk.project, key="k", claim_reviewed="Bumi datar.")
    for owners in ({}, {"claim": desk.claim, "fact_check": fact_check}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Embedding.objects.create(project=desk.project, model_key="m", fingerprint="f", vector=b"", **owners)


def test_imported_fact_checks_of_others_are_matched_once_the_import_ends(
    desk, model, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (Path(__file__).parent / "data" / "claimreview.json").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.import_queue(
            project=desk.project, user=desk.users["editor"], upload=SimpleUploadedFile("claimreview.json", content)
        )
    imported = ExternalFactCheck.objects.filter(project=desk.project)
    assert imported.count() == 2 and Embedding.objects.filter(fact_check__in=imported).count() == 2
    fact_check = imported.get(claimant_name="Amerika Serikat")
    kinds = [(m.kind, m.fact_check) for m in checked_before.matches_for_text(desk.project, fact_check.claim_reviewed)]
    assert kinds[0] == ("fact_check", fact_check)


def test_embedding_waits_while_an_import_runs(desk, model, django_capture_on_commit_callbacks):
    from annotations.models import ImportJob, JobStatus

    running = ImportJob.objects.create(
        project=desk.project, format="jsonl", filename="a.jsonl", status=JobStatus.RUNNING
    )
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert tasks.embed_texts() == 0
    # Nothing stored and nothing queued again: the import queues it when it ends (beat catches the rest).
    assert not Embedding.objects.exists() and queued == []
    running.status = JobStatus.COMPLETED
    running.save()
    assert tasks.embed_texts() == 1 and Embedding.objects.filter(claim=desk.claim).exists()


def test_beat_embeds_what_a_lost_task_left_behind(settings):
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "annotations.tasks.embed_texts")
    assert entry["schedule"] == settings.JOB_RECOVERY_INTERVAL_SECONDS
    assert tasks.embed_texts.name == "annotations.tasks.embed_texts"


def test_a_claim_edited_after_its_matches_were_seen_is_left_for_a_person_to_link(desk, model):
    desk.project.auto_link_matches = True
    desk.project.save()
    claim = mark(desk, "Pesan berantai soal bantuan sosial yang dibagikan bulan ini.")
    tasks.embed_texts()
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.99)
    workflow.claim_update(claim=claim, user=desk.users["marker"], statement=REPEAT)
    tasks.embed_texts()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.OPEN
    assert [m.decision for m in checked_before.matches_for_claim(claim)] == ["confirm"]


def test_the_panel_costs_the_same_queries_for_1_and_for_5_matches(desk, model, django_assert_max_num_queries):
    url = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/checked-before/"
    reviewer = client_as(desk.users["reviewer"])
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.95)
    mark(desk, REPEAT)
    tasks.embed_texts()
    with django_assert_max_num_queries(15) as few:
        assert reviewer.get(url).content.decode().count('class="match ') == 1
    for n in range(4):
        text = f"Klaim ulang nomor {n}: Korea Utara memasok rudal ke Rusia."
        model.place(text, like=SEED_CLAIM, cosine=0.93)
        mark(desk, text)
    tasks.embed_texts()
    with django_assert_max_num_queries(len(few)):
        assert reviewer.get(url).content.decode().count('class="match ') == 5


def test_a_claim_stamped_by_a_clock_ahead_of_the_workers_is_embedded_once(desk, model):
    from datetime import timedelta

    from django.utils import timezone

    from annotations.models import Claim

    Claim.objects.filter(pk=desk.claim.pk).update(updated_at=timezone.now() + timedelta(minutes=5))
    assert tasks.embed_texts() == 1
    assert tasks.embed_texts() == 0 and model.calls == [SEED_CLAIM]


# While a statement is typed, and the lexical stage in the database -------------------------------------------


def test_the_claim_form_shows_matches_of_a_statement_being_typed_within_the_project(desk, model):
    published(desk)
    tasks.embed_texts()
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.96)
    url = f"/projects/{desk.project.slug}/checked-before/"
    page = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/articles/{desk.claim.article_id}/")
    assert f'data-checked-before="{url}"'.encode() in page.content
    response = client_as(desk.users["annotator"]).get(url, {"text": REPEAT})
    assert response.status_code == 200
    assert b"Published by the desk" in response.content and b"Salah" in response.content
    assert b"Link as duplicate" not in response.content  # no claim to link yet
    assert (
        b"Nothing close yet" in client_as(desk.users["annotator"]).get(url, {"text": "Cuaca cerah hari ini."}).content
    )
    assert client_as(desk.users["outsider"]).get(url, {"text": REPEAT}).status_code == 404
    too_long = client_as(desk.users["annotator"]).get(url, {"text": "kata " * 1001})
    assert too_long.status_code == 400 and b"too long" in too_long.content


def test_a_process_loads_only_the_vectors_written_since_it_last_looked(desk, model, django_assert_num_queries):
    published(desk)
    tasks.embed_texts()
    matcher = checked_before.matcher_for(desk.project)
    with django_assert_num_queries(1):  # the project's matching revision, nothing else
        assert checked_before.matcher_for(desk.project) is matcher
    model.place(REPEAT, like=SEED_CLAIM, cosine=0.96)
    claim = mark(desk, REPEAT)
    tasks.embed_texts()
    assert checked_before.matcher_for(desk.project) is matcher  # the same matcher, with the new vector added
    assert [m.id for m in matcher.match(SEED_CLAIM, 2)][:2] == [("claim", desk.claim.pk), ("claim", claim.pk)]
    assert Embedding.objects.get(claim=claim).text == prepare(REPEAT)


@pytest.mark.postgres
def test_on_postgresql_the_lexical_stage_searches_the_database_by_words_and_by_trigrams(desk, model):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("full-text search and pg_trgm are PostgreSQL's")
    texts = {
        "missile": "Korea Utara memasok rudal balistik ke Rusia untuk perang di Ukraina.",
        "rice": "Beras plastik dari Tiongkok beredar di pasar tradisional Jakarta.",
        "vaccine": "Vaksin COVID-19 mengandung microchip untuk melacak warga.",
    }
    for key, text in texts.items():
        ExternalFactCheck.objects.create(project=desk.project, key=key, claim_reviewed=text, language="id")
    ExternalFactCheck.objects.create(project=ProjectFactory(), key="other", claim_reviewed=texts["rice"])
    tasks.embed_texts()
    matcher = checked_before.matcher_for(desk.project)
    lexical = matcher.lexical
    assert isinstance(lexical, checked_before.DatabaseLexical)
    assert not any(item.text for item in matcher._items.values())  # no text is kept in the process
    ids = {f.key: ("fact_check", f.pk) for f in ExternalFactCheck.objects.filter(project=desk.project)}
    # Full-text: the rarer words count more; another project's copy is never a candidate.
    found = lexical.candidates("Beredar beras plastik di pasar", 10)
    assert [key for key, _ in found] == [ids["rice"]] and 0.5 < found[0][1] <= 1
    assert lexical.candidates("Beras plastik dari Tiongkok beredar di pasar tradisional Jakarta.", 5)[0][1] == 1.0
    # Trigrams: a short text with a typo, or a word still being typed, that no word matches.
    [(key, score)] = lexical.candidates("vaksn microchi", 5)
    assert key == ids["vaccine"] and score > 0.3
    assert lexical.candidates("Pemilu serentak", 5) == []
    # The whole match ranks the fact-check that shares the words first.
    assert matcher.match("rudal balistik Rusia", 1)[0].id == ids["missile"]
