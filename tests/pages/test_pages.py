"""The HTML pages: who sees what, forms that refuse bad input without
losing it, and the headers that keep untrusted text harmless."""

import pytest
from django.test import Client

from annotations import permissions, workflow
from annotations.models import Claim, Membership, Rating, Verdict

from ..conftest import published

pytestmark = pytest.mark.django_db


def client_as(user=None, **kwargs):
    client = Client(SERVER_NAME="localhost", **kwargs)
    if user:
        client.force_login(user)
    return client


PAGES = ["", "articles/", "review/", "editor/", "imports/", "exports/", "members/"]


@pytest.mark.parametrize("page", PAGES)
def test_a_non_member_gets_404_and_an_anonymous_visitor_the_login_page(desk, page):
    slug = desk.project.slug
    assert client_as(desk.users["outsider"]).get(f"/projects/{slug}/{page}").status_code == 404
    response = client_as().get(f"/projects/{slug}/{page}")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "page, least", [("review/", "reviewer"), ("editor/", "editor"), ("imports/", "editor"), ("exports/", "editor")]
)
def test_pages_need_their_role(desk, page, least):
    order = ["annotator", "reviewer", "editor", "admin"]
    for role in order:
        status = client_as(desk.users[role]).get(f"/projects/{desk.project.slug}/{page}").status_code
        assert status == (200 if order.index(role) >= order.index(least) else 403), (role, status)


def test_the_workspace_shows_claims_as_highlights_over_the_exact_text(desk):
    page = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/articles/{desk.article.pk}/")
    html = page.content.decode()
    assert (
        f'data-start="{desk.claim.start}" class="hl d1 s-open" data-claims="{desk.claim.pk}">{desk.claim.quote}</span>'
        in html
    )
    assert "annotator.js" in html
    assert "contenteditable" not in html  # selectable, and not editable


def test_marking_a_claim_with_wrong_offsets_says_why_and_saves_nothing(desk):
    url = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/claims/"
    response = client_as(desk.users["annotator"]).post(url, {"start": 0, "end": 5, "quote": "XXXXX", "statement": "X"})
    assert response.status_code == 400
    assert "The text at 0–5 is" in response.content.decode()
    assert Claim.objects.count() == 1


def test_a_stale_verdict_save_keeps_the_typed_text_and_shows_the_other_version(desk):
    verdict = workflow.verdict_create(
        claim=workflow.claim_take(claim=desk.claim, user=desk.users["writer"]), user=desk.users["writer"],
        summary="Versi pertama.",
    )  # fmt: skip
    url = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/verdict/"
    workflow.verdict_update(verdict=verdict, user=desk.users["editor"], summary="Versi editor.")
    response = client_as(desk.users["writer"]).post(url, {"summary": "Teks saya yang panjang.", "revision": 1})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this verdict while you were editing it" in html
    assert "Reload" not in html  # nothing contradicts "merge, then save again"
    assert "Teks saya yang panjang." in html  # what the reviewer typed
    assert "Versi editor." in html  # and what is stored now
    assert Verdict.objects.get().summary == "Versi editor."
    again = client_as(desk.users["writer"]).post(url, {"summary": "Teks saya yang panjang.", "revision": 2})
    assert again.status_code == 302 and Verdict.objects.get().summary == "Teks saya yang panjang."


def test_forms_need_the_csrf_token(desk):
    client = client_as(desk.users["reviewer"], enforce_csrf_checks=True)
    response = client.post(f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/action/", {"action": "take"})
    assert response.status_code == 403
    assert Claim.objects.get().status == "open"


def test_pages_send_a_content_security_policy_without_inline_scripts(desk):
    response = client_as(desk.users["annotator"]).get(f"/projects/{desk.project.slug}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_the_editor_publishes_from_the_review_page(desk):
    verdict = workflow.verdict_submit(verdict=workflow.verdict_create(
        claim=workflow.claim_take(claim=desk.claim, user=desk.users["writer"]), user=desk.users["writer"],
        rating=desk.ratings[0], summary="Ringkas."), user=desk.users["writer"])  # fmt: skip
    url = f"/projects/{desk.project.slug}/verdicts/{verdict.pk}/decide/"
    # First what readers will see, and a button that confirms; nothing is public yet.
    preview = client_as(desk.users["editor"]).post(url, {"action": "publish"}).content.decode()
    assert "Publish this fact-check?" in preview and "Preview of the public page" in preview and "Ringkas." in preview
    assert Verdict.objects.get().status == "submitted"
    client_as(desk.users["editor"]).post(url, {"action": "publish", "confirmed": "1"})
    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.claim.status == "published"


def test_an_editor_cannot_publish_their_own_verdict_from_the_page(desk):
    claim = workflow.claim_take(claim=desk.claim, user=desk.users["editor"])
    verdict = workflow.verdict_submit(
        verdict=workflow.verdict_create(
            claim=claim, user=desk.users["editor"], rating=desk.ratings[0], summary="Ringkas."
        ),
        user=desk.users["editor"],
    )
    page = client_as(desk.users["editor"]).get(f"/projects/{desk.project.slug}/verdicts/{verdict.pk}/")
    assert "another editor must approve it" in page.content.decode()
    response = client_as(desk.users["editor"]).post(
        f"/projects/{desk.project.slug}/verdicts/{verdict.pk}/decide/", {"action": "publish"}, follow=True
    )
    assert "may not approve or publish their own" in response.content.decode()
    assert Verdict.objects.get().status == "submitted"


def test_a_correction_shows_what_it_changed(desk):
    verdict = published(desk)
    url, fields = f"/projects/{desk.project.slug}/verdicts/{verdict.pk}/decide/", {
        "action": "correct", "correction_note": "Rating diperbaiki.", "rating": desk.ratings[2].pk,
        "summary": verdict.summary, "analysis": "",
    }  # fmt: skip
    preview = client_as(desk.users["editor"]).post(url, fields).content.decode()
    assert "Publish this correction?" in preview and "Rating diperbaiki." in preview
    assert f"previous rating: {desk.ratings[0].label}" in preview  # the original's rating, as readers will see it
    assert Verdict.objects.count() == 1
    client_as(desk.users["editor"]).post(url, {**fields, "confirmed": "1"})
    correction = Verdict.objects.get(is_current=True)
    page = client_as(desk.users["editor"]).get(f"/projects/{desk.project.slug}/verdicts/{correction.pk}/")
    html = page.content.decode()
    assert f"<del>{desk.ratings[0].label}</del>" in html and f"<ins>{desk.ratings[2].label}</ins>" in html
    report = client_as().get(f"/claims/{desk.claim.pk}/report/").content.decode()
    assert "Rating diperbaiki." in report and "Corrections" in report


def test_the_public_page_exists_only_for_published_or_retracted_claims(desk):
    assert client_as().get(f"/claims/{desk.claim.pk}/report/").status_code == 404
    verdict = published(desk)
    assert 'type="application/ld+json"' in client_as().get(f"/claims/{desk.claim.pk}/report/").content.decode()
    workflow.verdict_retract(verdict=verdict, user=desk.users["editor"], comment="Sumber palsu.")
    page = client_as().get(f"/claims/{desk.claim.pk}/report/").content.decode()
    assert "This fact-check was retracted" in page and "Sumber palsu." in page
    assert "application/ld+json" not in page


def test_admins_manage_members_and_editors_retire_ratings(desk, settings):
    settings.MEMBERS_FROM_INSTANCE = True  # adding by username (tests/pages/test_members.py: by invitation)
    slug = desk.project.slug
    client_as(desk.users["admin"]).post(f"/projects/{slug}/members/add/", {"username": "outsider", "role": "reviewer"})
    assert Membership.objects.get(project=desk.project, user=desk.users["outsider"]).role == "reviewer"
    refused = client_as(desk.users["editor"]).post(
        f"/projects/{slug}/members/add/", {"username": "marker", "role": "admin"}, follow=True
    )
    assert "may not do this (member.manage)" in refused.content.decode()
    assert Membership.objects.get(project=desk.project, user=desk.users["marker"]).role == "annotator"
    rating = desk.ratings[0]
    client_as(desk.users["editor"]).post(f"/projects/{slug}/ratings/{rating.pk}/", {
        "label": rating.label, "value": rating.value, "description": "", "order": 0, "fever_label": "",
    })  # fmt: skip
    assert Rating.objects.get(pk=rating.pk).active is False


def test_an_import_of_an_unsupported_file_says_so_on_the_page(desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as(desk.users["editor"]).post(
        f"/projects/{desk.project.slug}/imports/", {"file": SimpleUploadedFile("foto.png", b"\x89PNG")}, follow=True
    )
    assert "Unsupported file type" in response.content.decode()


def test_an_import_naming_an_encoding_that_is_not_text_says_so_on_the_page(desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as(desk.users["editor"]).post(
        f"/projects/{desk.project.slug}/imports/",
        {"file": SimpleUploadedFile("a.csv", b"text\nx\n"), "encoding": "zlib_codec"}, follow=True,
    )  # fmt: skip
    assert "Unknown text encoding &#x27;zlib_codec&#x27;" in response.content.decode()
    assert not desk.project.importjobs.exists()


def test_the_interface_speaks_indonesian(desk):
    page = client_as(desk.users["annotator"], HTTP_ACCEPT_LANGUAGE="id").get(f"/projects/{desk.project.slug}/")
    html = page.content.decode()
    assert 'lang="id"' in html and "Klaim menurut status" in html and "Keluar" in html


def test_a_claims_edit_form_and_comments_are_fetched_when_opened(desk):
    slug = desk.project.slug
    marker = client_as(desk.users["marker"])
    form = marker.get(f"/projects/{slug}/claims/{desk.claim.pk}/edit/").content.decode()
    assert f'name="claim-{desk.claim.pk}-statement"' in form and 'name="revision" value="1"' in form
    marker.post(f"/projects/{slug}/claims/{desk.claim.pk}/comments/", {"body": "Sumbernya mana?"})
    comments = marker.get(f"/projects/{slug}/claims/{desk.claim.pk}/comments/").content.decode()
    assert "Sumbernya mana?" in comments and "<textarea" in comments
    workspace = marker.get(f"/projects/{slug}/articles/{desk.article.pk}/").content.decode()
    assert "1 comment" in workspace


def test_the_workspace_costs_the_same_queries_for_1_and_for_50_claims(desk, django_assert_max_num_queries):
    client = client_as(desk.users["editor"])
    url = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/"
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(49):
        workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=n, end=n + 10)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).content.decode().count('class="claim card"') == 50


def test_the_project_bar_names_the_role_in_the_users_language(desk):
    page = client_as(desk.users["reviewer"], HTTP_ACCEPT_LANGUAGE="id").get(f"/projects/{desk.project.slug}/review/")
    assert "Peran Anda: Pemeriksa" in page.content.decode()


def test_the_activity_feed_reads_as_sentences_in_the_readers_language(desk):
    workflow.claim_take(claim=desk.claim, user=desk.users["writer"])
    url = f"/projects/{desk.project.slug}/"
    text = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/#claim-{desk.claim.pk}"
    english = client_as(desk.users["editor"]).get(url).content.decode()
    assert f'<strong>writer</strong> <a href="{text}">took claim {desk.claim.pk} to check it</a>' in english
    assert f'<strong>marker</strong> <a href="{text}">marked claim {desk.claim.pk}</a>' in english
    indonesian = client_as(desk.users["editor"], HTTP_ACCEPT_LANGUAGE="id").get(url).content.decode()
    assert f'<strong>writer</strong> <a href="{text}">mengambil klaim {desk.claim.pk} untuk diperiksa</a>' in indonesian
    assert "claim.taken" not in indonesian


def test_the_project_bar_offers_what_the_role_may_do(desk):
    url = f"/projects/{desk.project.slug}/"
    links = {"review/": "claim.take", "editor/": "verdict.review", "imports/": "article.import"}
    for role in ("annotator", "reviewer", "editor"):
        html = client_as(desk.users[role]).get(url).content.decode()
        nav = html[html.index('class="projectnav"') : html.index("</nav>", html.index('class="projectnav"'))]
        for link, action in links.items():
            allowed = permissions.can(desk.users[role], action, desk.project)
            assert (f'/projects/{desk.project.slug}/{link}"' in nav) is allowed, (role, link)


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)", "/\\evil.example/"],
)
def test_a_form_never_sends_a_person_off_the_site(desk, target):
    client = client_as(desk.users["marker"])
    url = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/comments/"
    response = client.post(url, {"body": "Sumbernya?", "next": target}, HTTP_REFERER=target)
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{desk.project.slug}/articles/{desk.article.pk}/"
    on_site = client.post(url, {"body": "Lagi.", "next": "/projects/"}, HTTP_REFERER=target)
    assert on_site["Location"] == "/projects/"


def test_the_article_lists_language_filter_offers_the_articles_languages_and_finds_them(desk):
    from ..factories import ArticleFactory

    english = ArticleFactory(project=desk.project, title="In English", language="en")
    client = client_as(desk.users["annotator"])
    html = client.get(f"/projects/{desk.project.slug}/articles/").content.decode()
    form = html[html.index('class="filters"') : html.index("</form>", html.index('class="filters"'))]
    assert '<option value="en">English (en)</option>' in form and '<option value="id">Indonesian (id)</option>' in form
    assert "(&#x27;" not in form  # no Python tuple as an option
    found = client.get(f"/projects/{desk.project.slug}/articles/?language=en").content.decode()
    assert "In English" in found and desk.article.title not in found
    assert english.pk
