"""Lists: filters, search, ordering, cursor pages, and a query count that
does not grow with the number of rows."""

import datetime
import html
import itertools
import json
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from annotations import workflow
from annotations.models import Activity, Claim, Comment, Evidence, ImportJob, Verb, Verdict, VerdictStatus

from ..conftest import client_for, published
from ..factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


SERIAL = itertools.count()


def fill(desk, n):
    """n more rows behind every list endpoint."""
    user = desk.users["writer"]
    rating = desk.ratings[0]
    for _ in range(n):
        i = next(SERIAL)
        article = ArticleFactory(project=desk.project, text=f"Artikel {i}: klaim nomor {i} tentang rudal.")
        claim = ClaimFactory(article=article, project=desk.project, start=0, end=7, created_by=user, tags=["rudal"])
        verdict = Verdict.objects.create(
            claim=claim, author=user, rating=rating, status=VerdictStatus.PUBLISHED, published_at=timezone.now()
        )
        Evidence.objects.create(verdict=verdict, url=f"https://example.org/{i}")
        Comment.objects.create(project=desk.project, claim=claim, author=user, body="Catatan")
        Activity.objects.create(
            project=desk.project, actor=user, verb=Verb.CLAIM_MARKED, object_type="claim", object_id=claim.pk
        )
        ImportJob.objects.create(project=desk.project, owner=user, format="jsonl")


LISTS = ["projects", "members", "ratings", "articles", "claims", "verdicts", "evidence", "comments", "activity",
         "import-jobs", "export-jobs"]  # fmt: skip


@pytest.mark.parametrize("resource", LISTS)
def test_a_list_costs_the_same_queries_for_1_and_for_100_rows(desk, resource, django_assert_max_num_queries):
    client = client_for(desk.users["editor"])
    fill(desk, 1)
    with django_assert_max_num_queries(4) as few:
        assert client.get(f"/api/v1/{resource}/?page_size=100").status_code == 200
    fill(desk, 99)
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(f"/api/v1/{resource}/?page_size=100")
    assert response.status_code == 200
    assert len(many) == len(few)


def test_claims_list_shows_article_title_claimant_status_and_current_rating(desk, api):
    published(desk)
    row = api("annotator").get("/api/v1/claims/").json()["results"][0]
    assert (row["article_title"], row["claimant"], row["status"], row["current_rating"]) == (
        "Putin dan Kim", "AS", "published", desk.ratings[0].label,
    )  # fmt: skip


@override_settings(TIME_ZONE="Asia/Jakarta")
def test_claims_list_rows_are_the_claims_detail(desk, api):
    published(desk)
    other = workflow.claim_mark(
        article=desk.article, user=desk.users["marker"], start=0, end=15, tags=["a"], claim_date="2024-06-19"
    )
    Claim.objects.filter(pk=other.pk).update(created_at=datetime.datetime(2024, 6, 19, 23, 30, tzinfo=datetime.UTC))
    client = api("annotator")
    rows = client.get("/api/v1/claims/").json()["results"]
    assert len(rows) == 2
    for row in rows:
        assert row == client.get(f"/api/v1/claims/{row['id']}/").json()
    assert rows[0]["created_at"] == "2024-06-19T23:30:00Z"  # UTC, whatever the pages' time zone
    assert rows[1]["updated_at"].endswith("Z") and "." in rows[1]["updated_at"]


def test_the_browsable_claims_list_shows_the_same_rows(desk, api):
    published(desk)
    workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=0, end=15, claimant="NATO")
    client = api("annotator")
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    # The page shows the JSON list itself: the same rows, in the same order, as the JSON answer.
    body = re.findall(r'<pre class="prettyprint">(.*?)</pre>', response.content.decode(), re.S)[-1]
    shown = html.unescape(re.sub(r"<[^>]+>", "", body))
    rows = json.loads(shown[shown.index("{") :])["results"]
    assert rows == client.get("/api/v1/claims/").json()["results"]
    assert [row["claimant"] for row in rows] == ["NATO", "AS"] and rows[1]["current_rating"]


def test_claims_are_filtered_by_status_assignee_claimant_rating_language_and_tag(desk, api):
    published(desk)
    other = workflow.claim_mark(
        article=desk.article, user=desk.users["marker"], start=0, end=15, claimant="NATO", tags=["nato", "eropa"]
    )
    client = api("editor")

    def ids(query):
        return [row["id"] for row in client.get(f"/api/v1/claims/?{query}").json()["results"]]

    assert ids("status=open") == [other.pk]
    assert ids("status=open&status=published") == [other.pk, desk.claim.pk]
    assert ids(f"assignee={desk.users['writer'].pk}") == [desk.claim.pk]
    assert ids("claimant=nat") == [other.pk]
    assert ids(f"rating={desk.ratings[0].pk}") == [desk.claim.pk]
    assert ids("language=id") == [other.pk, desk.claim.pk]
    assert ids("language=en") == []
    assert ids("tag=eropa") == [other.pk]
    assert ids("tag=eropa2") == []
    assert ids("created_after=2000-01-01T00:00:00Z&created_before=2100-01-01T00:00:00Z") == [other.pk, desk.claim.pk]
    assert ids("created_after=2100-01-01T00:00:00Z") == []


def test_full_text_search_finds_claims_and_articles_by_their_words(desk, api):
    ArticleFactory(project=desk.project, title="Harga beras", text="Harga beras naik di Jakarta.", language="id")
    client = api("annotator")
    claims = client.get("/api/v1/claims/?q=rudal balistik").json()["results"]
    assert [row["id"] for row in claims] == [desk.claim.pk]
    assert client.get("/api/v1/claims/?q=beras").json()["results"] == []
    articles = client.get("/api/v1/articles/?q=Stoltenberg").json()["results"]
    assert [row["title"] for row in articles] == ["Putin dan Kim"]
    assert [row["title"] for row in client.get("/api/v1/articles/?q=beras").json()["results"]] == ["Harga beras"]


def test_articles_are_filtered_by_having_claims(desk, api):
    bare = ArticleFactory(project=desk.project)
    client = api("annotator")
    assert [a["id"] for a in client.get("/api/v1/articles/?has_claims=true").json()["results"]] == [desk.article.pk]
    assert [a["id"] for a in client.get("/api/v1/articles/?has_claims=false").json()["results"]] == [bare.pk]


def test_the_article_list_leaves_out_the_text_and_the_detail_has_it(desk, api):
    client = api("annotator")
    assert "text" not in client.get("/api/v1/articles/").json()["results"][0]
    assert client.get(f"/api/v1/articles/{desk.article.pk}/").json()["text"] == desk.article.text


def test_cursor_pages_walk_the_whole_list_once(desk, api):
    fill(desk, 7)
    client = api("annotator")
    seen, url = [], "/api/v1/claims/?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == 8 == len(set(seen))
    assert seen == sorted(seen, reverse=True)


def test_lists_can_be_ordered(desk, api):
    fill(desk, 3)
    rows = api("annotator").get("/api/v1/claims/?ordering=created_at").json()["results"]
    assert [row["created_at"] for row in rows] == sorted(row["created_at"] for row in rows)


def test_a_new_article_is_normalised_and_a_repeat_is_refused(desk, api):
    client = api("editor")
    created = client.post(
        "/api/v1/articles/", {"project": desk.project.pk, "text": "Cafe\u0301\r\nbaru."}, format="json"
    )
    assert created.json()["text"] == "Café\nbaru."
    again = client.post("/api/v1/articles/", {"project": desk.project.pk, "text": "Café\nbaru."}, format="json")
    assert again.status_code == 409


def test_a_lone_surrogate_in_a_new_article_is_a_clear_error(desk, api):
    # JSON lets "\ud800" through; no UTF-8 text can hold it.
    body = b'{"project": %d, "text": "Rusak \\ud800di sini."}' % desk.project.pk
    refused = api("editor").post("/api/v1/articles/", body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["text"] == ["Surrogate characters are not allowed: U+D800."]
    assert not desk.project.articles.filter(text__startswith="Rusak").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are a PostgreSQL matter")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_claims_list_statement_is_prepared_once_per_connection(desk, api, settings, enabled):
    def prepared():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%json_build_object%'")
            return cursor.fetchone()[0]

    settings.DATABASE_PREPARED_STATEMENTS = enabled
    before = prepared()
    client = api("annotator")
    for _ in range(3):
        assert [row["id"] for row in client.get("/api/v1/claims/").json()["results"]] == [desk.claim.pk]
    assert prepared() == (1 if enabled else before)


def test_the_job_lists_filter_by_format(desk, api):
    ImportJob.objects.create(project=desk.project, owner=desk.users["editor"], format="csv")
    ImportJob.objects.create(project=desk.project, owner=desk.users["editor"], format="jsonl")
    response = api("editor").get("/api/v1/import-jobs/?format=csv")
    assert [job["format"] for job in response.json()["results"]] == ["csv"]
