"""The verdict pages: one form that loses nothing, rounds of review made
visible, and a confirmation before anything public or irreversible."""

import pytest

from annotations import workflow
from annotations.models import Activity, Claim, ClaimStatus, Verb, Verdict
from annotations.views.review import context_of

from ..conftest import drafted, published, submitted, taken
from .test_pages import client_as

pytestmark = pytest.mark.django_db


def editor_url(desk):
    return f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/verdict/"


def test_adding_a_source_saves_the_typed_summary_with_it(desk):
    verdict = drafted(desk, summary="Tersimpan.")
    response = client_as(desk.users["writer"]).post(editor_url(desk), {
        "rating": desk.ratings[0].pk, "summary": "Tersimpan. (BELUM DISIMPAN)", "revision": verdict.revision,
        "source-url": "https://bps.example/data", "source-title": "BPS", "source-kind": "primary", "add_source": "1",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("#evidence")
    verdict.refresh_from_db()
    assert verdict.summary == "Tersimpan. (BELUM DISIMPAN)"
    assert list(verdict.evidence.values_list("title", flat=True)) == ["BPS"]


def test_the_first_source_of_a_claim_without_a_verdict_starts_the_draft(desk):
    taken(desk)
    client_as(desk.users["writer"]).post(editor_url(desk), {
        "summary": "Baru.", "revision": "", "source-url": "https://bps.example/", "source-kind": "primary",
        "add_source": "1",
    })  # fmt: skip
    verdict = Verdict.objects.get()
    assert (verdict.status, verdict.summary, verdict.evidence.count()) == ("draft", "Baru.", 1)
    assert "Save the draft first" not in client_as(desk.users["writer"]).get(editor_url(desk)).content.decode()


def test_a_bad_source_saves_nothing_and_keeps_everything_typed(desk):
    verdict = drafted(desk, summary="Lama.")
    response = client_as(desk.users["writer"]).post(editor_url(desk), {
        "summary": "Teks baru saya.", "revision": verdict.revision, "source-url": "bukan alamat", "add_source": "1",
        "comment-body": "Komentar saya.",
    })  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved yet" in html
    assert "Teks baru saya." in html and "bukan alamat" in html and "Komentar saya." in html
    verdict.refresh_from_db()
    assert (verdict.summary, verdict.evidence.count(), verdict.claim.comments.count()) == ("Lama.", 0, 0)


def test_commenting_and_removing_a_source_keep_the_typed_text(desk):
    verdict = drafted(desk, summary="Lama.")
    item = workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://a.example/", title="A")
    writer = client_as(desk.users["writer"])
    writer.post(editor_url(desk), {"summary": "Satu.", "revision": verdict.revision, "comment-body": "Sumber?"})
    verdict.refresh_from_db()
    assert verdict.summary == "Satu." and desk.claim.comments.get().body == "Sumber?"
    writer.post(editor_url(desk), {
        "summary": "Dua.", "revision": verdict.revision, "remove": item.pk, "confirmed": "1",
        f"evidence-{item.pk}-url": item.url, f"evidence-{item.pk}-title": "A", f"evidence-{item.pk}-kind": "primary",
    })  # fmt: skip
    verdict.refresh_from_db()
    assert verdict.summary == "Dua." and verdict.evidence.count() == 0


def test_an_edited_source_is_saved_and_an_unchanged_one_is_left_alone(desk):
    verdict = drafted(desk)
    item = workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://a.example/", title="A")
    prefix = f"evidence-{item.pk}-"
    fields = {prefix + "url": item.url, prefix + "title": "A", prefix + "kind": "primary",
              "rating": desk.ratings[0].pk, "summary": verdict.summary, "revision": verdict.revision}  # fmt: skip
    client_as(desk.users["writer"]).post(editor_url(desk), {**fields, "save": "1"})
    assert not Activity.objects.filter(verb__in=[Verb.EVIDENCE_EDITED, Verb.VERDICT_EDITED]).exists()
    client_as(desk.users["writer"]).post(editor_url(desk), {**fields, prefix + "title": "A2"})
    item.refresh_from_db()
    assert item.title == "A2"


def test_the_preview_renders_the_markdown_as_the_public_page_does_and_saves_nothing(desk):
    verdict = drafted(desk, summary="Lama.")
    html = client_as(desk.users["writer"]).post(editor_url(desk), {
        "summary": "Baru.", "analysis": "**tebal** <script>alert(1)</script>", "revision": verdict.revision,
        "preview": "1",
    }).content.decode()  # fmt: skip
    assert "<strong>tebal</strong>" in html and "<script>alert(1)" not in html
    verdict.refresh_from_db()
    assert verdict.summary == "Lama."


def test_the_editor_page_polish(desk):
    desk.ratings[0].description = "Tidak didukung bukti."
    desk.ratings[0].save()
    verdict = drafted(desk)
    workflow.comment_add(user=desk.users["marker"], claim=desk.claim, body="Cek tanggalnya.")
    html = client_as(desk.users["writer"]).get(editor_url(desk)).content.decode()
    assert "---------" not in html and "Choose a rating" in html
    assert f"{desk.ratings[0].label} — Tidak didukung bukti." in html
    assert '<li class="empty">' not in html and "No evidence yet." in html
    assert "Cek tanggalnya." in html and "<time datetime=" in html  # comments with their time
    workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://a.example/",
                          archived_url="https://archive.example/a")  # fmt: skip
    assert "https://archive.example/a" in client_as(desk.users["writer"]).get(editor_url(desk)).content.decode()


def test_the_context_is_cut_between_words():
    class Article:
        text = "alpha beta gamma delta CLAIM epsilon zeta eta theta"

    class Quote:
        article, quote = Article, "CLAIM"
        start = Article.text.index("CLAIM")
        end = start + 5

    context = context_of(Quote, width=8)
    assert context["before"] == "…delta " and context["after"] == " epsilon…"


def test_not_checkable_asks_why_and_an_editor_reopens_it(desk):
    verdict = drafted(desk, summary="Lama.")
    writer = client_as(desk.users["writer"])
    # From the verdict editor: the typed text is saved, then the reason is asked for.
    response = writer.post(editor_url(desk), {"summary": "Ketikan.", "revision": verdict.revision,
                                              "not_checkable": "1"})  # fmt: skip
    confirm = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/not-checkable/"
    assert response["Location"] == confirm and Verdict.objects.get().summary == "Ketikan."
    refused = writer.post(confirm, {"comment": " "})
    assert refused.status_code == 200 and "Say why the claim cannot be checked." in refused.content.decode()
    assert Claim.objects.get().status == ClaimStatus.IN_PROGRESS
    done = writer.post(confirm, {"comment": "Ini opini."}, follow=True)
    assert "marked as not checkable" in done.content.decode()
    assert Activity.objects.get(verb=Verb.CLAIM_NOT_CHECKABLE).comment == "Ini opini."
    assert "Reopen" not in writer.get(editor_url(desk)).content.decode()
    editor = client_as(desk.users["editor"])
    assert "Reopen" in editor.get(editor_url(desk)).content.decode()
    editor.post(f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/action/", {"action": "reopen"})
    claim = Claim.objects.get()
    assert (claim.status, claim.assignee) == (ClaimStatus.OPEN, None)


def test_changes_requested_show_in_both_queues_and_the_resubmission_shows_its_diff(desk):
    verdict = submitted(desk)
    editor, writer = client_as(desk.users["editor"]), client_as(desk.users["writer"])
    slug = desk.project.slug
    editor.post(f"/projects/{slug}/verdicts/{verdict.pk}/decide/", {"action": "request_changes",
                                                                     "comment": "Tambahkan tanggal."})  # fmt: skip
    queue = writer.get(f"/projects/{slug}/review/").content.decode()
    assert "Changes requested" in queue and "Tambahkan tanggal." in queue
    waiting = editor.get(f"/projects/{slug}/editor/").content.decode()
    assert "Waiting for the reviewer" in waiting and desk.claim.quote[:40] in waiting
    page = writer.get(editor_url(desk)).content.decode()
    assert 'class="notice changes-requested"' in page and "Tambahkan tanggal." in page
    writer.post(editor_url(desk), {
        "rating": desk.ratings[1].pk, "summary": "Pada Juni 2024.", "revision": 3,
        "source-url": "https://state.example/", "source-kind": "primary", "submit": "1",
    })  # fmt: skip
    verdict.refresh_from_db()
    assert verdict.status == "submitted", verdict.status
    review = editor.get(f"/projects/{slug}/verdicts/{verdict.pk}/").content.decode()
    assert "round 2" in review and "What changed from round 1 to round 2" in review
    assert f"<del>{desk.ratings[0].label}</del>" in review and f"<ins>{desk.ratings[1].label}</ins>" in review
    assert "<ins>Pada Juni 2024.</ins>" in review and "https://state.example/" in review
    assert "addressed" in review
    assert 'class="notice changes-requested"' not in writer.get(editor_url(desk)).content.decode()
    assert "Changes requested" not in writer.get(f"/projects/{slug}/review/").content.decode()


def test_the_review_queue_asks_the_same_queries_for_one_or_many_sent_back(desk, django_assert_max_num_queries):
    verdict = submitted(desk)
    workflow.verdict_request_changes(verdict=verdict, user=desk.users["editor"], comment="Ubah.")
    writer = client_as(desk.users["writer"])
    writer.get(f"/projects/{desk.project.slug}/review/")  # the session and caches warm
    with django_assert_max_num_queries(12):
        assert "Ubah." in writer.get(f"/projects/{desk.project.slug}/review/").content.decode()


def test_a_retraction_shows_what_readers_will_see_before_it_acts(desk):
    verdict = published(desk)
    url = f"/projects/{desk.project.slug}/verdicts/{verdict.pk}/decide/"
    preview = client_as(desk.users["editor"]).post(url, {"action": "retract", "comment": "Sumber palsu."})
    html = preview.content.decode()
    assert "Retract this fact-check?" in html and "This fact-check was retracted" in html
    assert Verdict.objects.get().status == "published"
    client_as(desk.users["editor"]).post(url, {"action": "retract", "comment": "Sumber palsu.", "confirmed": "1"})
    assert Verdict.objects.get().status == "retracted"


def test_the_workspace_card_says_why_a_claim_is_not_checkable_and_offers_editors_to_reopen_it(desk):
    workflow.claim_mark_not_checkable(claim=desk.claim, user=desk.users["reviewer"], comment="Ramalan cuaca.")
    url = f"/projects/{desk.project.slug}/articles/{desk.article.pk}/"
    reviewer = client_as(desk.users["reviewer"]).get(url).content.decode()
    assert "Ramalan cuaca." in reviewer and "status-not_checkable" in reviewer and 'value="reopen"' not in reviewer
    editor = client_as(desk.users["editor"])
    assert 'value="reopen"' in editor.get(url).content.decode()
    editor.post(f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/action/", {"action": "reopen", "next": url})
    assert Claim.objects.get().status == ClaimStatus.OPEN
    assert "Ramalan cuaca." not in editor.get(url).content.decode()


def test_a_save_on_a_verdict_submitted_meanwhile_says_so_and_gives_the_text_back(desk):
    verdict = drafted(desk)
    workflow.verdict_submit(verdict=verdict, user=desk.users["writer"])
    response = client_as(desk.users["writer"]).post(editor_url(desk), {"summary": "Ketikan terlambat.", "save": "1"})
    html = response.content.decode()
    assert "can no longer be edited here" in html and "Ketikan terlambat." in html
    assert Verdict.objects.get().summary != "Ketikan terlambat."
