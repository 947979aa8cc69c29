"""The pages of double annotation: assigning, the workspace of an annotator
who sees only their own claims, the editor's adjudication page, and the
agreement pages reading what the task stored."""

import pytest

from annotations import workflow
from annotations.models import ClaimStatus, IndependentState

from ..conftest import SEED_CLAIM
from ..factories import ArticleFactory
from ..workflow.test_adjudication import LONGER, finish_both, independent, mark_both
from .test_pages import client_as

pytestmark = pytest.mark.django_db


def url(desk, rest=""):
    return f"/projects/{desk.project.slug}/{rest}"


def test_an_editor_assigns_ticked_articles_from_the_list(desk):
    first = ArticleFactory(project=desk.project, text="Pertama.")
    second = ArticleFactory(project=desk.project, text="Kedua.")
    editor = client_as(desk.users["editor"])
    assert 'id="assign-form"' in editor.get(url(desk, "articles/")).content.decode()
    annotators = [desk.users["annotator"].pk, desk.users["marker"].pk]
    response = editor.post(url(desk, "articles/assign/"), {"articles": [first.pk, second.pk], "annotators": annotators})
    assert response.status_code == 302
    for article in (first, second):
        article.refresh_from_db()
        assert article.independent == IndependentState.AWAITING
        assert set(article.assignments.values_list("annotator__username", flat=True)) == {"annotator", "marker"}
    assert "Independent, awaiting adjudication (0/2" in editor.get(url(desk, "articles/")).content.decode()


def test_annotators_get_no_assign_form_and_cannot_post_one(desk):
    article = ArticleFactory(project=desk.project, text="Pertama.")
    annotator = client_as(desk.users["annotator"])
    assert 'id="assign-form"' not in annotator.get(url(desk, "articles/")).content.decode()
    annotators = [desk.users["annotator"].pk, desk.users["marker"].pk]
    response = annotator.post(url(desk, f"articles/{article.pk}/assign/"), {"annotators": annotators}, follow=True)
    assert "may not do this (article.assign)" in response.content.decode()
    article.refresh_from_db()
    assert article.independent == IndependentState.OFF


def test_the_workspace_hides_the_other_annotators_claim_until_adjudication(desk, django_capture_on_commit_callbacks):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    page = client_as(desk.users["annotator"]).get(url(desk, f"articles/{article.pk}/")).content.decode()
    assert f'id="claim-{exact.pk}"' in page and f'id="claim-{longer.pk}"' not in page
    assert "You see only your own claims" in page
    listed = client_as(desk.users["annotator"]).get(url(desk, "articles/")).content.decode()
    assert "I have finished" not in listed
    editor_page = client_as(desk.users["editor"]).get(url(desk, f"articles/{article.pk}/")).content.decode()
    assert f'id="claim-{exact.pk}"' in editor_page and f'id="claim-{longer.pk}"' in editor_page
    finish_both(desk, article, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[longer])
    page = client_as(desk.users["annotator"]).get(url(desk, f"articles/{article.pk}/")).content.decode()
    assert f'id="claim-{longer.pk}"' in page


def test_an_annotator_marks_the_article_done_from_the_workspace(desk):
    article = independent(desk)
    client = client_as(desk.users["marker"])
    assert "I have finished this article" in client.get(url(desk, f"articles/{article.pk}/")).content.decode()
    client.post(url(desk, f"articles/{article.pk}/done/"))
    assert article.assignments.get(annotator=desk.users["marker"]).done_at is not None
    assert "I have finished this article" not in client.get(url(desk, f"articles/{article.pk}/")).content.decode()


def test_the_adjudication_page_is_for_editors_only(desk):
    article = independent(desk)
    for role, status in [("annotator", 403), ("reviewer", 403), ("editor", 200), ("outsider", 404)]:
        response = client_as(desk.users[role]).get(url(desk, f"articles/{article.pk}/adjudication/"))
        assert response.status_code == status, role


def test_the_editor_sees_the_claims_side_by_side_and_keeps_one(desk, django_capture_on_commit_callbacks):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)
    editor = client_as(desk.users["editor"])
    page = editor.get(url(desk, f"articles/{article.pk}/adjudication/")).content.decode()
    assert page.count('class="match-overlap"') == 2  # one highlight in each annotator's column
    assert f'value="{exact.pk}"' in page and f'value="{longer.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(url(desk, f"articles/{article.pk}/adjudication/"), {"group-1": str(exact.pk)})
    exact.refresh_from_db()
    longer.refresh_from_db()
    assert (exact.status, longer.status) == (ClaimStatus.OPEN, ClaimStatus.REJECTED)
    queue = client_as(desk.users["reviewer"]).get(url(desk, "review/")).content.decode()
    assert f"claims/{exact.pk}/" in queue and f"claims/{longer.pk}/" not in queue


def test_the_agreement_pages_show_the_overlap_match_and_the_exact_miss(desk, django_capture_on_commit_callbacks):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)
    editor = client_as(desk.users["editor"])
    page = editor.get(url(desk, f"articles/{article.pk}/agreement/")).content.decode()
    assert "1 matched of 1 and 1 claims (F1 1.00)" in page  # overlap
    assert "0 matched of 1 and 1 claims (F1 0.00)" in page  # exact
    assert "overlap, not exact" in page and f"{longer.end}" in page
    # Until adjudication, annotators do not see the others' claims here either.
    assert client_as(desk.users["annotator"]).get(url(desk, f"articles/{article.pk}/agreement/")).status_code == 404
    a, b = sorted([desk.users["annotator"].pk, desk.users["marker"].pk])
    pair = editor.get(url(desk, f"agreement/{a}/{b}/")).content.decode()
    assert 'class="disagreed"' in pair
    dashboard = editor.get(url(desk)).content.decode()
    assert 'id="agreement"' in dashboard and 'data-figure="overlap_f1">1.00<' in dashboard
    assert 'data-figure="exact_f1">0.00<' in dashboard
    assert "agreement-trend" in dashboard
    assert len(SEED_CLAIM) + LONGER == longer.end - longer.start


def test_the_dashboard_reads_agreement_and_never_computes_it(desk, django_capture_on_commit_callbacks, monkeypatch):
    from annotations import adjudication, agreement

    article = independent(desk)
    mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)

    def refuse(*args, **kwargs):
        raise AssertionError("computed on the request path")

    monkeypatch.setattr(adjudication, "compute_agreement", refuse)
    monkeypatch.setattr(agreement, "project_agreement", refuse)
    for page in ("", "agreement/", f"articles/{article.pk}/agreement/"):
        assert client_as(desk.users["editor"]).get(url(desk, page)).status_code == 200


def test_the_independent_workspace_shows_no_suggestions_and_costs_no_query_per_claim(
    desk, django_assert_max_num_queries
):
    from annotations import suggestions

    article = independent(desk)
    suggestions.score_pending()
    assert article.sentences.suggestions().exists()
    client = client_as(desk.users["annotator"])
    workflow.claim_mark(article=article, user=desk.users["annotator"], start=0, end=5)
    with django_assert_max_num_queries(30) as one:
        page = client.get(url(desk, f"articles/{article.pk}/")).content.decode()
    assert "suggested claim" not in page
    for start in range(10, 100, 10):
        workflow.claim_mark(article=article, user=desk.users["annotator"], start=start, end=start + 5)
        workflow.claim_mark(article=article, user=desk.users["marker"], start=start, end=start + 5)
    with django_assert_max_num_queries(len(one)):
        client.get(url(desk, f"articles/{article.pk}/"))


def test_another_annotators_hidden_claim_cannot_be_opened_by_its_address(desk):
    article = independent(desk)
    exact, longer = mark_both(desk, article)
    annotator = client_as(desk.users["annotator"])
    assert annotator.get(url(desk, f"claims/{longer.pk}/edit/")).status_code == 404
    assert annotator.get(url(desk, f"claims/{longer.pk}/comments/")).status_code == 404
    assert annotator.get(url(desk, f"claims/{exact.pk}/edit/")).status_code == 200


def test_annotators_see_an_article_on_the_agreement_page_once_it_is_adjudicated(
    desk, django_capture_on_commit_callbacks
):
    article = independent(desk)
    exact, _ = mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)
    link = f'href="/projects/{desk.project.slug}/articles/{article.pk}/agreement/"'
    assert link in client_as(desk.users["editor"]).get(url(desk, "agreement/")).content.decode()
    assert link not in client_as(desk.users["annotator"]).get(url(desk, "agreement/")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_adjudicate(article=article, user=desk.users["editor"], accepted=[exact])
    assert link in client_as(desk.users["annotator"]).get(url(desk, "agreement/")).content.decode()
