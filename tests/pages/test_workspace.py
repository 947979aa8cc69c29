"""The workspace page: claims in the text by status, claims that say
something, and comments that post without losing the thread."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from annotations import workflow
from annotations.models import Claim, ClaimStatus, Comment
from annotations.views.articles import segments

from ..conftest import published
from .test_pages import client_as

pytestmark = pytest.mark.django_db


def workspace(desk, user="annotator"):
    return client_as(desk.users[user]).get(f"/projects/{desk.project.slug}/articles/{desk.article.pk}/")


def claim_at(desk, start, end, **fields):
    return workflow.claim_mark(article=desk.article, user=desk.users["marker"], start=start, end=end, **fields)


# Claims in the text ---------------------------------------------------------------


def test_adjacent_claims_are_cut_apart_and_overlapping_ones_are_not(desk):
    class Span:
        def __init__(self, pk, start, end, status=ClaimStatus.OPEN):
            self.pk, self.start, self.end, self.status = pk, start, end, status

    text = "Satu dua tiga.\nEmpat lima."
    runs = segments(text, [Span(1, 0, 4), Span(2, 4, 8, "published"), Span(3, 6, 12)], paragraphs=True)
    by_start = {run["start"]: run for run in runs}
    assert by_start[4]["gap"] and by_start[4]["status"] == "published"  # claim 2 begins where claim 1 ends
    assert not by_start[6]["gap"] and by_start[6]["depth"] == 2  # claim 3 begins inside claim 2
    assert by_start[6]["status"] == ClaimStatus.OPEN  # the claim begun last is on top
    assert [run["start"] for run in runs if run["newline"]] == [14]  # the line break, a run of its own
    assert "".join(run["text"] for run in runs) == text


def test_the_highlights_carry_their_claims_status_and_a_legend_names_the_statuses_shown(desk):
    other = claim_at(desk, 0, 12)
    workflow.claim_take(claim=other, user=desk.users["writer"])
    html = workspace(desk).content.decode()
    assert f'class="hl d1 s-in_progress" data-claims="{other.pk}"' in html
    assert f'class="hl d1 s-open" data-claims="{desk.claim.pk}"' in html
    legend = re.search(r'<ul class="legend claim-legend".*?</ul>', html).group()
    assert "Open" in legend and "In progress" in legend and "Published" not in legend


def test_paragraphs_are_runs_of_their_own(desk):
    html = workspace(desk).content.decode()
    assert html.count('class="br">\n</span>') == desk.article.text.count("\n")


def test_a_published_claim_links_to_its_verdict_and_its_public_page(desk):
    verdict = published(desk)
    slug = desk.project.slug
    editor = workspace(desk, "editor").content.decode()
    assert f'href="/projects/{slug}/verdicts/{verdict.pk}/"' in editor
    assert f'href="/claims/{desk.claim.pk}/report/"' in editor
    reviewer = workspace(desk, "reviewer").content.decode()
    assert f'href="/projects/{slug}/claims/{desk.claim.pk}/verdict/"' in reviewer
    annotator = workspace(desk).content.decode()
    assert f'href="/claims/{desk.claim.pk}/report/"' in annotator and "/verdict" not in annotator
    assert client_as().get(f"/claims/{desk.claim.pk}/report/").status_code == 200


# Claims that say something ----------------------------------------------------------


def test_a_claim_marked_without_a_statement_is_refused_on_the_page_and_nothing_typed_is_lost(desk):
    url = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/claims/"
    for statement in ("", "   "):
        response = client_as(desk.users["annotator"]).post(
            url, {"start": 0, "end": 12, "statement": statement, "claimant": "Jens Stoltenberg"}
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "A claim needs a statement" in html
        assert 'value="Jens Stoltenberg"' in html  # what was typed is still in the form
        assert re.search(r'<form id="claim-form"[^>]*>', html).group().count("hidden") == 0  # shown open
    assert Claim.objects.count() == 1


def edit_claim(desk, language=None, **typed):
    claim = desk.claim
    revision = typed.pop("revision", claim.revision)
    fields = {"start": claim.start, "end": claim.end, "quote": claim.quote, "statement": claim.statement,
              "claimant": claim.claimant, "claimant_type": claim.claimant_type, **typed}  # fmt: skip
    data = {f"claim-{claim.pk}-{name}": value for name, value in fields.items()}
    url = f"/projects/{desk.project.slug}/claims/{claim.pk}/edit/"
    client = client_as(desk.users["marker"])
    if language:
        client.cookies["django_language"] = language
    return client.post(url, {"revision": revision, **data})


def edit_form_of(html, claim):
    """The edit form of the claim's card, if the page shows it open."""
    card = html[html.index(f'id="claim-{claim.pk}"') :]
    found = re.search(r'<details open class="editing">(.*?)</details>', card, re.DOTALL)
    return found and found.group(1)


def test_a_claim_saved_over_a_newer_copy_is_refused_and_what_was_typed_stays_in_its_open_form(desk):
    stale = desk.claim.revision
    workflow.claim_update(claim=desk.claim, user=desk.users["editor"], claimant="Amerika Serikat")
    desk.claim.refresh_from_db()
    response = edit_claim(desk, revision=stale, statement="Ketikan yang tidak boleh hilang.", claimant="AS")
    assert response.status_code == 400
    form = edit_form_of(response.content.decode(), desk.claim)
    assert form and "Ketikan yang tidak boleh hilang." in form
    assert "changed by someone else" in form and "save again to replace it" in form
    # Saving again from that form (it carries the stored revision now) replaces the claim deliberately.
    assert f'name="revision" value="{desk.claim.revision}"' in form
    desk.claim.refresh_from_db()
    assert desk.claim.claimant == "Amerika Serikat"  # nothing was saved
    assert edit_claim(desk, statement="Ketikan yang tidak boleh hilang.").status_code == 302
    desk.claim.refresh_from_db()
    assert desk.claim.statement == "Ketikan yang tidak boleh hilang."


def test_an_invalid_claim_edit_keeps_what_was_typed_in_its_open_form(desk):
    response = edit_claim(desk, statement="Tetap di sini.", claimant_url="bukan alamat")
    assert response.status_code == 400
    form = edit_form_of(response.content.decode(), desk.claim)
    assert form and "Tetap di sini." in form and 'value="bukan alamat"' in form
    desk.claim.refresh_from_db()
    assert desk.claim.statement != "Tetap di sini."


def test_a_refused_claim_edit_says_so_in_indonesian(desk):
    stale = desk.claim.revision
    workflow.claim_update(claim=desk.claim, user=desk.users["editor"], claimant="Amerika Serikat")
    desk.claim.refresh_from_db()
    with translation.override("id"):
        response = edit_claim(desk, revision=stale, statement="Baru.", language="id")
    form = edit_form_of(response.content.decode(), desk.claim)
    assert "diubah orang lain" in form and "changed by someone else" not in form


def test_a_claimant_is_optional(desk):
    url = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/claims/"
    response = client_as(desk.users["annotator"]).post(url, {"start": 0, "end": 12, "statement": "Pertemuan."})
    assert response.status_code == 302
    assert Claim.objects.get(statement="Pertemuan.").claimant == ""


def test_a_claim_given_no_statement_states_its_quote(desk):
    text = desk.article.text
    start = text.index("Kunjungan Putin")
    claim = claim_at(desk, start, text.index("\n", start) + 10)  # across a line break
    assert claim.statement == " ".join(claim.quote.split()) and "\n" not in claim.statement
    workflow.claim_update(claim=claim, user=desk.users["marker"], statement="  ")
    assert Claim.objects.get(pk=claim.pk).statement == " ".join(claim.quote.split())


def test_a_span_of_white_space_alone_is_no_claim(desk, api):
    line_break = desk.article.text.index("\n")
    with pytest.raises(ValidationError, match="not only white space"):
        claim_at(desk, line_break, line_break + 1, statement="Sesuatu.")
    response = api("annotator").post(
        "/api/v1/claims/", {"article": desk.article.pk, "start": line_break, "end": line_break + 1}, format="json"
    )
    assert response.status_code == 400 and "white space" in response.content.decode()
    assert Claim.objects.count() == 1


# Comments ---------------------------------------------------------------------------


def comments_url(desk):
    return f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/comments/"


def test_an_empty_thread_says_so_in_a_sentence(desk):
    html = client_as(desk.users["annotator"]).get(comments_url(desk)).content.decode()
    assert '<p class="empty">No comments yet.</p>' in html and "<li" not in html


def test_a_comment_posted_from_the_open_thread_comes_back_in_it_with_its_time(desk):
    client = client_as(desk.users["annotator"], HTTP_HX_REQUEST="true")
    response = client.post(comments_url(desk), {"body": "Sumbernya mana?"})
    assert response.status_code == 200  # the thread, not a redirect to a reloaded page
    html = response.content.decode()
    comment = Comment.objects.get()
    assert "Sumbernya mana?" in html and f'datetime="{comment.created_at.isoformat()}"' in html
    assert f'<span id="comment-count-{desk.claim.pk}" hx-swap-oob="true">1 comment</span>' in html


def test_an_empty_comment_is_refused_with_a_message_on_either_path(desk):
    htmx = client_as(desk.users["annotator"], HTTP_HX_REQUEST="true").post(comments_url(desk), {"body": " "})
    assert 'class="error"' in htmx.content.decode() and "This field is required" in htmx.content.decode()
    plain = client_as(desk.users["annotator"]).post(comments_url(desk), {"body": ""}, follow=True)
    assert "This field is required" in plain.content.decode()
    assert not Comment.objects.exists()
