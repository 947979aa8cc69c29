"""The claims list: what it shows to whom, its filters (the API's), sorts,
cursor pages and counts; assigning the ticked claims; and the links into
it from the dashboard and the queues."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from annotations import workflow
from annotations.models import Activity, Claim, ClaimStatus, Verb

from ..conftest import published, taken
from ..factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def client_as(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def url(desk, query=""):
    return f"/projects/{desk.project.slug}/claims/{query}"


def listed(response):
    """The ids of the claims on the page, in their order."""
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'<tr id="claim-(\d+)"', response.content.decode())]


def claims(desk, n, **fields):
    """``n`` claims on an article of their own."""
    article = ArticleFactory(project=desk.project)
    return [ClaimFactory(article=article, **fields) for _ in range(n)]


def test_members_see_the_projects_claims_and_others_get_404(desk):
    assert listed(client_as(desk.users["annotator"]).get(url(desk))) == [desk.claim.pk]
    assert client_as(desk.users["outsider"]).get(url(desk)).status_code == 404


def test_claims_marked_independently_by_others_stay_hidden_until_adjudication(desk):
    article = ArticleFactory(project=desk.project, text="Teks untuk dua annotator.")
    workflow.article_assign(article=article, user=desk.users["editor"],
                            annotators=[desk.users["annotator"], desk.users["marker"]])  # fmt: skip
    mine = workflow.claim_mark(article=article, user=desk.users["annotator"], start=0, end=4)
    theirs = workflow.claim_mark(article=article, user=desk.users["marker"], start=5, end=10)
    assert set(listed(client_as(desk.users["annotator"]).get(url(desk)))) == {desk.claim.pk, mine.pk}
    assert set(listed(client_as(desk.users["editor"]).get(url(desk)))) == {desk.claim.pk, mine.pk, theirs.pk}
    # Nor are they counted for those who may not see them.
    page = client_as(desk.users["annotator"]).get(url(desk)).content.decode()
    assert re.search(r"Awaiting adjudication</span> <span class=\"count\">1<", page)


def test_filters_by_status_assignee_claimant_tag_rating_worthiness_article_and_dates(desk):
    old = claims(desk, 1, claimant="Menteri Keuangan", tags=["ekonomi"], check_worthiness=5)[0]
    Claim.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    other = claims(desk, 1, claimant="Gubernur", check_worthiness=2)[0]
    verdict = published(desk)  # desk.claim: taken by "writer", published with the first rating
    editor = client_as(desk.users["editor"])
    assert listed(editor.get(url(desk, "?status=published"))) == [desk.claim.pk]
    assert set(listed(editor.get(url(desk, "?status=open&status=published")))) == {desk.claim.pk, old.pk, other.pk}
    assert listed(editor.get(url(desk, f"?assignee={desk.users['writer'].pk}"))) == [desk.claim.pk]
    assert listed(client_as(desk.users["writer"]).get(url(desk, "?assignee=me"))) == [desk.claim.pk]
    assert set(listed(editor.get(url(desk, "?assignee=none")))) == {old.pk, other.pk}
    assert listed(editor.get(url(desk, "?claimant=keuangan"))) == [old.pk]
    assert listed(editor.get(url(desk, "?tag=ekonomi"))) == [old.pk]
    assert listed(editor.get(url(desk, f"?rating={verdict.rating_id}"))) == [desk.claim.pk]
    assert set(listed(editor.get(url(desk, "?check_worthiness_min=2")))) == {old.pk, other.pk}
    assert listed(editor.get(url(desk, "?check_worthiness_min=3"))) == [old.pk]
    assert listed(editor.get(url(desk, f"?article={desk.article.pk}"))) == [desk.claim.pk]
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert set(listed(editor.get(url(desk, f"?created_after={since}")))) == {desk.claim.pk, other.pk}
    assert listed(editor.get(url(desk, f"?created_before={since}"))) == [old.pk]


def test_the_search_finds_words_of_the_statement_quote_or_claimant(desk):
    statement = claims(desk, 1, statement="Harga beras turun")[0]
    claimant = claims(desk, 1, claimant="Sri Mulyani")[0]
    editor = client_as(desk.users["editor"])
    assert listed(editor.get(url(desk, "?q=beras"))) == [statement.pk]
    assert listed(editor.get(url(desk, "?q=Mulyani"))) == [claimant.pk]
    assert listed(editor.get(url(desk, "?q=Korea"))) == [desk.claim.pk]  # in its quote


def test_a_filter_it_cannot_read_is_said_not_ignored_quietly(desk):
    page = client_as(desk.users["editor"]).get(url(desk, "?check_worthiness_min=9")).content.decode()
    assert "check_worthiness_min" in page and 'class="error"' in page


def test_sorts_newest_oldest_check_worthy_with_unscored_last_and_recently_updated(desk):
    low, high, none = claims(desk, 1, check_worthiness=1) + claims(desk, 1, check_worthiness=4) + claims(desk, 1)
    Claim.objects.filter(pk=low.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    editor = client_as(desk.users["editor"])
    assert listed(editor.get(url(desk))) == [none.pk, high.pk, low.pk, desk.claim.pk]
    assert listed(editor.get(url(desk, "?sort=old"))) == [desk.claim.pk, low.pk, high.pk, none.pk]
    assert listed(editor.get(url(desk, "?sort=worthiness"))) == [high.pk, low.pk, none.pk, desk.claim.pk]
    assert listed(editor.get(url(desk, "?sort=updated")))[0] == low.pk


@pytest.mark.parametrize("sort", ["new", "old", "worthiness", "updated"])
def test_cursor_pages_show_every_claim_once_in_order(desk, sort):
    made = claims(desk, 30, check_worthiness=3) + claims(desk, 30)
    same = timezone.now()  # ties on the sorted column are broken by id
    Claim.objects.filter(pk__in=[c.pk for c in made[:20]]).update(created_at=same, updated_at=same)
    editor = client_as(desk.users["editor"])
    first = editor.get(url(desk, f"?sort={sort}&status=open"))
    seen = listed(first)
    assert len(seen) == 50
    link = re.search(r'href="\?([^"]+)" rel="next"', first.content.decode()).group(1).replace("&amp;", "&")
    second = editor.get(url(desk, f"?{link}"))
    assert 'rel="next"' not in second.content.decode() and "first page" in second.content.decode()
    seen += listed(second)
    assert sorted(seen) == sorted([desk.claim.pk] + [c.pk for c in made])


def test_a_broken_cursor_says_so_and_shows_the_first_page(desk):
    page = client_as(desk.users["editor"]).get(url(desk, "?cursor=nonsense~x"))
    assert listed(page) == [desk.claim.pk]
    assert "That page link is broken" in page.content.decode()


def test_counts_per_status_link_to_the_filtered_list(desk):
    claims(desk, 2)
    taken(desk)
    page = client_as(desk.users["editor"]).get(url(desk)).content.decode()
    assert re.search(r'status=open"><span class="status status-open">Open</span> <span class="count">2<', page)
    assert re.search(r'status=in_progress"><span class="status status-in_progress">In progress</span> '
                     r'<span class="count">1<', page)  # fmt: skip
    assert '<span class="count">3<' in page  # all


def test_the_counts_stop_at_their_cap(desk, monkeypatch):
    monkeypatch.setattr("annotations.views.claims.COUNT_CAP", 2)
    claims(desk, 2)
    page = client_as(desk.users["editor"]).get(url(desk)).content.decode()
    assert re.search(r'Open</span> <span class="count">2\+<', page)


def test_the_page_costs_the_same_few_queries_whatever_the_size(desk, django_assert_num_queries):
    published(desk)
    claims(desk, 60, tags=["ekonomi"], check_worthiness=2)
    editor = client_as(desk.users["editor"])
    editor.get(url(desk))  # the session, once
    # session, user, project, role, a capped count per status, the claims, members, ratings,
    # the header's unread count; on PostgreSQL the search's words parsed once
    with django_assert_num_queries(8 + len(ClaimStatus.values) + (connection.vendor == "postgresql")):
        listed(editor.get(url(desk, "?status=open&sort=worthiness&q=beras")))


def test_rows_link_to_the_claim_in_the_workspace_and_to_its_verdict(desk):
    verdict = published(desk)
    page = client_as(desk.users["editor"]).get(url(desk)).content.decode()
    assert f'/articles/{desk.article.pk}/#claim-{desk.claim.pk}"' in page
    assert f'/verdicts/{verdict.pk}/"' in page and f"/claims/{desk.claim.pk}/report/" in page


def test_the_dashboard_tiles_lead_into_the_list_with_their_filter(desk):
    page = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/").content.decode()
    assert f'href="/projects/{desk.project.slug}/claims/?status=open"' in page
    assert f'href="/projects/{desk.project.slug}/claims/?assignee=me&amp;status=in_progress"' in page
    assert "Claims</a>" in page  # the project's nav


# Assigning from the list -------------------------------------------------------------


def assign(desk, user, claims, assignee):
    data = {"claims": [c.pk for c in claims], "assignee": assignee, "next": url(desk)}
    return client_as(desk.users[user]).post(f"/projects/{desk.project.slug}/claims/assign/", data, follow=True)


def test_an_editor_assigns_ticked_claims_to_a_reviewer_who_sees_them_first_in_their_queue(desk):
    made = claims(desk, 3)
    response = assign(desk, "editor", made, desk.users["writer"].pk)
    assert "3 claims assigned to writer." in response.content.decode()
    assert set(Claim.objects.filter(assignee=desk.users["writer"]).values_list("status", flat=True)) == {
        ClaimStatus.IN_PROGRESS
    }
    queue = client_as(desk.users["writer"]).get(f"/projects/{desk.project.slug}/review/").content.decode()
    assigned, open_claims = queue.split('id="assigned"')[1].split("Open claims")
    assert all(f"/claims/{c.pk}/verdict/" in assigned for c in made)
    assert f"/claims/{made[0].pk}/verdict/" not in open_claims


def test_unassigning_puts_the_claims_back_in_the_queue(desk):
    taken(desk)
    assert "1 claim unassigned." in assign(desk, "editor", [desk.claim], "none").content.decode()
    desk.claim.refresh_from_db()
    assert (desk.claim.status, desk.claim.assignee) == (ClaimStatus.OPEN, None)


@pytest.mark.parametrize(
    "user, assignee, message",
    [
        ("reviewer", "writer", "may not do this"),  # a reviewer may not assign
        ("editor", "marker", "Select a valid choice"),  # an annotator checks no claims
        ("editor", "", "Choose the reviewer"),  # no choice is not "nobody"
    ],
)
def test_assigning_is_refused_with_a_reason_and_changes_nothing(desk, user, assignee, message):
    made = claims(desk, 2)
    assignee = desk.users[assignee].pk if assignee else ""
    response = assign(desk, user, made, assignee)
    assert message in response.content.decode()
    assert not Claim.objects.filter(assignee__isnull=False).exists()
    assert not Activity.objects.filter(verb=Verb.CLAIM_ASSIGNED).exists()


def test_nothing_ticked_is_said(desk):
    response = assign(desk, "editor", [], desk.users["writer"].pk)
    assert "Tick the claims to assign first." in response.content.decode()


def test_only_editors_see_the_checkboxes_and_the_assign_form(desk):
    assert 'id="claim-assign-form"' in client_as(desk.users["editor"]).get(url(desk)).content.decode()
    assert 'id="claim-assign-form"' not in client_as(desk.users["reviewer"]).get(url(desk)).content.decode()


# Articles for annotators -------------------------------------------------------------


def test_an_editor_assigns_articles_to_an_annotator_who_finds_them_first_on_the_dashboard(desk):
    articles = [ArticleFactory(project=desk.project, title=f"Untuk annotator {n}") for n in range(2)]
    data = {"articles": [a.pk for a in articles], "annotator": desk.users["annotator"].pk}
    response = client_as(desk.users["editor"]).post(
        f"/projects/{desk.project.slug}/articles/assign-annotator/", data, follow=True
    )
    assert "2 articles assigned to annotator." in response.content.decode()
    annotator = client_as(desk.users["annotator"])
    dashboard = annotator.get(f"/projects/{desk.project.slug}/").content.decode()
    assigned = dashboard.split('id="assigned-articles"')[1].split("</section>")[0]
    assert all(f"/articles/{a.pk}/" in assigned for a in articles)
    page = annotator.get(f"/projects/{desk.project.slug}/articles/?annotator=me").content.decode()
    assert "Untuk annotator 0" in page and "Putin dan Kim" not in page and "assigned to annotator" in page
    workspace = annotator.get(f"/projects/{desk.project.slug}/articles/{articles[0].pk}/").content.decode()
    assert "Assigned to annotator" in workspace and "I have finished this article" in workspace
