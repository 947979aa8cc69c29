"""The lists that must stay fast on a large project: a number of queries
that does not grow with the rows shown, bounded queues, a capped count, an
order for each sort, and filters that refuse what they cannot apply."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations import workflow
from annotations.models import Article, Claim, ClaimStatus, ImportJob, Verdict, VerdictStatus
from annotations.views import common, review

from ..factories import ArticleFactory, ClaimFactory, ProjectFactory
from .test_pages import client_as

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def grow(desk, n):
    """n more articles, each with an open claim, a claim being checked by the
    editor (in review, with a submitted verdict) and a published one."""
    editor = desk.users["editor"]
    for i in range(n):
        article = ArticleFactory(project=desk.project, language="en")
        ClaimFactory(article=article, status=ClaimStatus.OPEN, check_worthiness=i % 5 + 1)
        checked = ClaimFactory(article=article, status=ClaimStatus.IN_REVIEW, assignee=editor)
        Verdict.objects.create(claim=checked, author=editor, status=VerdictStatus.SUBMITTED, rating=desk.ratings[0])
        done = ClaimFactory(article=article, status=ClaimStatus.PUBLISHED)
        Verdict.objects.create(
            claim=done, author=editor, status=VerdictStatus.PUBLISHED, rating=desk.ratings[0],
            published_at=timezone.now(),
        )  # fmt: skip


@pytest.mark.parametrize("page", ["", "articles/", "articles/?sort=title&q=Artikel", "review/", "editor/"])
def test_a_page_makes_as_many_queries_for_3_rows_as_for_30(desk, page):
    client = client_as(desk.users["editor"])
    url = f"/projects/{desk.project.slug}/{page}"
    grow(desk, 3)
    few, _ = queries(client, url)
    grow(desk, 27)
    cache.clear()  # the dashboard's counts
    many, html = queries(client, url)
    assert many == few, (page, few, many)


def test_the_queues_are_bounded_and_say_so(desk, monkeypatch):
    monkeypatch.setattr(review, "QUEUE_LENGTH", 2)
    grow(desk, 3)
    client = client_as(desk.users["editor"])
    html = client.get(f"/projects/{desk.project.slug}/review/").content.decode()
    assert html.count('value="take"') == 2 and "Only the first 2 are shown." in html
    html = client.get(f"/projects/{desk.project.slug}/editor/").content.decode()
    # two of the three awaiting a decision, and the three published
    assert html.count('<li class="card">') == 5 and "Only the first 2 are shown." in html


def test_the_most_check_worthy_open_claim_comes_first_and_unscored_ones_last(desk):
    Claim.objects.filter(pk=desk.claim.pk).update(check_worthiness=None, statement="Unscored claim")
    ClaimFactory(article=desk.article, statement="Low claim", check_worthiness=1)
    ClaimFactory(article=desk.article, statement="High claim", check_worthiness=5)
    html = client_as(desk.users["reviewer"]).get(f"/projects/{desk.project.slug}/review/").content.decode()
    assert html.index("High claim") < html.index("Low claim") < html.index("Unscored claim")


def test_sorting_by_title_ignores_case(desk):
    for title in ["beta", "Alpha", "charlie", "Bravo"]:
        ArticleFactory(project=desk.project, title=title)
    html = (
        client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/articles/?sort=title").content.decode()
    )
    positions = [html.index(f">{title}</a>") for title in ["Alpha", "beta", "Bravo", "charlie"]]
    assert positions == sorted(positions)


def test_the_article_count_stops_at_the_cap(desk, monkeypatch):
    monkeypatch.setattr(common.CappedPaginator, "CAP", 2)
    for _ in range(3):
        ArticleFactory(project=desk.project)
    html = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/articles/").content.decode()
    assert "More than 2 articles" in html
    html = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/articles/?q=Putin").content.decode()
    assert "1 article<" in html


def test_the_import_filter_offers_the_projects_imports_and_refuses_a_bad_one(desk):
    job = ImportJob.objects.create(project=desk.project, filename="berita.jsonl", format="jsonl")
    other = ImportJob.objects.create(project=ArticleFactory().project, filename="elsewhere.jsonl", format="jsonl")
    imported = ArticleFactory(project=desk.project, title="Imported one", import_job=job)
    client = client_as(desk.users["annotator"])
    base = f"/projects/{desk.project.slug}/articles/"
    html = client.get(base).content.decode()
    assert f'<option value="{job.pk}">#{job.pk} berita.jsonl' in html and "elsewhere.jsonl" not in html
    html = client.get(f"{base}?import_job={job.pk}").content.decode()
    assert imported.title in html and desk.article.title not in html
    assert f'<option value="{job.pk}" selected>' in html
    for bad in ["abc", str(other.pk)]:
        html = client.get(f"{base}?import_job={bad}").content.decode()
        assert "import_job:" in html and "Select a valid choice" in html, bad
        assert imported.title not in html and desk.article.title not in html  # not the unfiltered list


@pytest.mark.skipif("connection.vendor == 'postgresql'")
def test_a_plain_search_finds_all_words_in_any_order_and_says_how_it_matches(desk):
    ArticleFactory(project=desk.project, title="Menkes: vaksin campak aman untuk anak", text="Isi.")
    client = client_as(desk.users["annotator"])
    html = client.get(f"/projects/{desk.project.slug}/articles/?q=vaksin+anak").content.decode()
    assert "vaksin campak aman untuk anak" in html and 'id="plain-search"' not in html
    html = client.get(f"/projects/{desk.project.slug}/articles/?q=vaksin+unemployment").content.decode()
    assert "No articles match." in html and 'id="plain-search"' in html


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_search_ors_each_parsed_query_once(desk):
    def tsqueries(q):
        sql = str(Article.objects.search(q).query)
        return sql.count("::tsquery")

    # 'rudal' is the same lexeme in every configuration: one condition, which the planner estimates right.
    assert tsqueries("rudal") == 1
    # English stems "running" to 'run'; simple and indonesian keep 'running': two.
    assert tsqueries("running") == 2
    assert tsqueries("the") == 1  # a stop word in English, a word in the others
    assert list(Article.objects.search("!!!")) == []  # nothing to search for: nothing found
    ArticleFactory(project=desk.project, title="Menkes: vaksin campak aman untuk anak", language="id")
    assert Article.objects.search("vaksin anak").count() == 1


def test_the_api_status_filters_add_no_distinct(desk):
    """DISTINCT would make PostgreSQL build every matching row before its LIMIT (one status is one value a row)."""
    from django.http import QueryDict

    from annotations.api.filters import ClaimFilter, VerdictFilter

    for filterset, model in [(ClaimFilter, Claim), (VerdictFilter, Verdict)]:
        qs = filterset(QueryDict("status=published&status=open"), queryset=model.objects.all()).qs
        assert "DISTINCT" not in str(qs.query) and "status" in str(qs.query), filterset


def test_the_dashboard_counts_again_only_when_the_desk_did_something(desk):
    client = client_as(desk.users["editor"])
    url = f"/projects/{desk.project.slug}/"
    first, html = queries(client, url)
    assert '<span class="big">1</span> open claims' in html
    again, html = queries(client, url)
    assert again < first and '<span class="big">1</span> open claims' in html  # nothing happened: not counted
    workflow.claim_mark(article=desk.article, user=desk.users["annotator"], start=0, end=5)
    after, html = queries(client, url)
    assert after == first and '<span class="big">2</span> open claims' in html  # counted again, not a minute late


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_search_indexing_fills_the_articles_above_the_given_id_in_parallel_ranges(transactional_db, monkeypatch):
    from annotations import search

    monkeypatch.setattr(search, "BATCH", 2)  # three ranges for five articles, on two connections
    project = ProjectFactory()
    ids = [ArticleFactory(project=project, title=f"Rudal {n}").pk for n in range(5)]
    Article.objects.update(search_vector=None)
    assert search.index_pending(after=ids[1]) == 3
    pending = set(Article.objects.filter(search_vector__isnull=True).values_list("pk", flat=True))
    assert pending == set(ids[:2])  # those before the import were not its own
    assert search.index_pending() == 2 and Article.objects.search("rudal").count() == 5
