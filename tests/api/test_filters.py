"""Foreign-key filters tell nobody which ids exist: an id of another
project's row is answered exactly as an id that does not exist, in the API
and on the pages."""

import re

import pytest
from django.test import Client

from annotations import workflow
from annotations.models import ExportJob, ImportJob, Role

from ..conftest import client_for, published
from ..factories import ArticleFactory, ProjectFactory, member

pytestmark = pytest.mark.django_db

MISSING = 2**31 - 2


@pytest.fixture
def other(desk):
    """A second project, with its own admin, article, claim and jobs."""
    project = ProjectFactory(name="Desk B")
    project.install_rating_preset("en")
    admin = member(project, Role.ADMIN, user__username="b_admin")
    article = ArticleFactory(project=project, text="Kabar lain dari desk B.")
    claim = workflow.claim_mark(article=article, user=admin, start=0, end=5)
    claim = workflow.claim_take(claim=claim, user=admin)
    verdict = workflow.verdict_create(claim=claim, user=admin, summary="B.")
    comment = workflow.comment_add(user=admin, claim=claim, body="B?")
    # A distinctive id, so that a page can be compared with the id replaced.
    import_job = ImportJob.objects.create(pk=987654, project=project, owner=admin, format="jsonl")
    return {
        "project": project.pk, "article": article.pk, "claim": claim.pk, "verdict": verdict.pk,
        "comment": comment.pk, "user": admin.pk, "import_job": import_job.pk,
        "rating": project.ratings.first().pk,
        "export_job": ExportJob.objects.create(project=project, owner=admin, format="csv").pk,
    }  # fmt: skip


# (list, filter, which of the other project's ids it names)
FILTERS = [
    ("claims", "article", "article"), ("claims", "project", "project"), ("claims", "assignee", "user"),
    ("claims", "created_by", "user"), ("claims", "duplicate_of", "claim"),
    ("articles", "project", "project"), ("articles", "import_job", "import_job"),
    ("verdicts", "claim", "claim"), ("verdicts", "author", "user"), ("verdicts", "rating", "rating"),
    ("comments", "claim", "claim"), ("comments", "verdict", "verdict"), ("comments", "author", "user"),
    ("members", "user", "user"), ("members", "project", "project"), ("ratings", "project", "project"),
    ("evidence", "verdict", "verdict"), ("activity", "actor", "user"), ("activity", "project", "project"),
    ("import-jobs", "project", "project"), ("export-jobs", "project", "project"),
    ("fact-checks", "import_job", "import_job"),
]  # fmt: skip


@pytest.mark.parametrize("who", ["editor", "admin", "outsider"])
@pytest.mark.parametrize("resource, name, kind", FILTERS, ids=[f"{r}?{n}" for r, n, _ in FILTERS])
def test_an_id_in_another_project_is_answered_as_a_missing_id(desk, other, who, resource, name, kind):
    client = client_for(desk.users[who])
    theirs = client.get(f"/api/v1/{resource}/?{name}={other[kind]}")
    missing = client.get(f"/api/v1/{resource}/?{name}={MISSING}")
    assert (theirs.status_code, theirs.content) == (missing.status_code, missing.content)
    assert theirs.status_code == 400


def test_an_id_of_the_callers_project_still_filters(desk, other):
    verdict = published(desk)
    client = client_for(desk.users["editor"])
    claims = client.get(f"/api/v1/claims/?article={desk.article.pk}").json()["results"]
    assert [claim["id"] for claim in claims] == [desk.claim.pk]
    verdicts = client.get(f"/api/v1/verdicts/?claim={desk.claim.pk}&author={desk.users['writer'].pk}").json()
    assert [row["id"] for row in verdicts["results"]] == [verdict.pk]
    members = client.get(f"/api/v1/members/?user={desk.users['marker'].pk}").json()["results"]
    assert [row["role"] for row in members] == ["annotator"]


def test_the_article_lists_import_job_filter_answers_another_projects_job_as_a_missing_one(desk, other):
    client = Client(SERVER_NAME="localhost")
    client.force_login(desk.users["editor"])
    url = f"/projects/{desk.project.slug}/articles/"
    theirs = client.get(f"{url}?import_job={other['import_job']}")
    missing = client.get(f"{url}?import_job={MISSING}")
    assert theirs.status_code == missing.status_code == 200
    assert "Select a valid choice" in theirs.content.decode()
    assert _page(theirs, other["import_job"]) == _page(missing, MISSING)


def _page(response, value):
    """The page's HTML, the id it was asked for and its CSRF token left out."""
    html = response.content.decode().replace(str(value), "N")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "-1", "1e3"])
def test_the_article_lists_import_job_filter_with_an_impossible_id_is_a_form_error(desk, value):
    client = Client(SERVER_NAME="localhost")
    client.force_login(desk.users["editor"])
    page = client.get(f"/projects/{desk.project.slug}/articles/", {"import_job": value})
    assert page.status_code == 200
    assert "import_job: Select a valid choice" in page.content.decode()


@pytest.mark.parametrize("filters", [
    {"rating": [10**30]}, {"rating": [-(10**30)]}, {"published_after": "0001-01-01T00:00:00+05:00"},
    {"created_before": "9999-12-31T23:59:59-12:00"},
])  # fmt: skip
def test_an_export_filter_out_of_range_is_a_400_and_queues_nothing(desk, filters):
    url = f"/api/v1/projects/{desk.project.pk}/exports/"
    response = client_for(desk.users["editor"]).post(url, {"format": "csv", "filters": filters}, format="json")
    assert response.status_code == 400, response.content[:300]
    assert list(response.json()["error"]["fields"]) == [f"filters.{next(iter(filters))}"]
    assert not ExportJob.objects.filter(project=desk.project).exists()


def test_the_export_page_says_which_filter_is_out_of_range(desk):
    client = Client(SERVER_NAME="localhost")
    client.force_login(desk.users["editor"])
    page = client.post(
        f"/projects/{desk.project.slug}/exports/", {"format": "csv", "published_after": "0001-01-01T00:00:00+05:00"}
    )
    assert page.status_code == 200 and "Use a date (2026-01-31)" in page.content.decode()
    assert not ExportJob.objects.filter(project=desk.project).exists()


@pytest.mark.parametrize("query", [{"q": "\x00"}, {"language": "\x00"}, {"published_after": "2024-99-99"}])
def test_the_article_list_answers_bad_filter_text_with_a_form_error(desk, query):
    client = Client(SERVER_NAME="localhost")
    client.force_login(desk.users["editor"])
    page = client.get(f"/projects/{desk.project.slug}/articles/", query)
    assert page.status_code == 200
    assert f"{next(iter(query))}: " in page.content.decode()
