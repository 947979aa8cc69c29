"""Work brought from doccano and Label Studio, on their own files
(tests/data/peers, see SOURCES.md): spans become claims at exact code-point
offsets, labels and categories become tags, and what is not kept is said."""

import json

import pytest

from annotations.importers.readers import peers
from annotations.models import Claim, JobStatus

pytestmark = pytest.mark.django_db


def claims_of(text):
    return [(c.quote, c.tags) for c in Claim.objects.filter(article__text=text).order_by("start", "end")]


def test_doccano_spans_become_claims_tagged_with_their_labels(run_import):
    job = run_import("peers/doccano-sequence-labeling.jsonl")
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED, 3, 0), job.errors
    assert claims_of("EU rejects German call to boycott British lamb.") == [("EU", ["ORG"]), ("German", ["MISC"])]
    assert claims_of("President Obama") == [("Obama", ["PERSON"])]


def test_doccano_entities_are_kept_and_relations_reported(run_import):
    job = run_import("peers/doccano-relation-extraction.jsonl")
    assert job.created_count >= 1, job.errors
    text = "Google was founded on September 4, 1998, by Larry Page and Sergey Brin."
    assert ("Google", ["ORG"]) in claims_of(text) and ("Larry Page", ["PERSON"]) in claims_of(text)
    assert any("relations not kept" in warning["reason"] for warning in job.warnings)


def test_doccano_categories_without_spans_are_reported_not_dropped(run_import):
    job = run_import("peers/doccano-text-classification.jsonl")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 3), job.errors
    assert not Claim.objects.exists()
    reasons = [warning["reason"] for warning in job.warnings]
    assert "categories negative not kept: the article has no span to tag" in reasons


def test_the_same_span_twice_is_one_claim(run_import):
    run_import("peers/doccano-overlapping.jsonl")
    assert claims_of("exampleA") == [("e", ["LOC"])]


def test_label_studio_choices_and_predictions_are_read_from_its_tasks(run_import):
    job = run_import("peers/label-studio-tasks-annotations-predictions.json")
    assert job.created_count == 6, job.errors
    reasons = " ".join(warning["reason"] for warning in job.warnings)
    assert "categories class_A not kept" in reasons  # choices only, no span to tag


def test_a_label_studio_span_whose_offsets_miss_its_text_is_reported(run_import):
    job = run_import("peers/label-studio-named-entity-completion.json")
    assert job.created_count == 1, job.errors
    assert not Claim.objects.exists()
    assert any("does not hold its text" in warning["reason"] for warning in job.warnings)


def test_label_studio_offsets_in_utf16_units_are_converted_after_an_emoji(run_import):
    text = "Viral 🇮🇩: vaksin mengandung chip, kata akun itu."
    quote = "vaksin mengandung chip"
    utf16_start = len(text[: text.index(quote)].encode("utf-16-le")) // 2
    task = {"id": 7, "data": {"text": text}, "annotations": [{"result": [{"type": "labels", "value": {
        "start": utf16_start, "end": utf16_start + len(quote), "text": quote, "labels": ["Klaim"]}}]}]}  # fmt: skip
    job = run_import("ls.json", json.dumps([task]).encode())
    assert job.created_count == 1, job.errors
    claim = Claim.objects.get()
    assert (claim.quote, claim.start, claim.tags) == (quote, text.index(quote), ["Klaim"])
    assert claim.start != utf16_start  # the flag counts four units, two code points
    assert any("UTF-16" in warning["reason"] for warning in job.warnings)


def test_spans_follow_the_text_through_normalisation():
    text = "Cafe\u0301 bilang:\r\nharga naik."  # a combining accent and a Windows line end
    article, notes = peers.translate({"text": text, "label": [[15, 25, "KLAIM"]]})  # "harga naik"
    assert article["claims"] == [{"start": 13, "end": 23, "tags": ["KLAIM"]}] and notes == []


def test_doccano_conll_tags_become_claims_at_the_offsets_doccano_gives(run_import):
    job = run_import("peers/doccano-example.conll")
    assert (job.status, job.created_count, job.failed_count) == (JobStatus.COMPLETED, 2, 0), job.errors
    assert claims_of("JAPAN GET") == [("JAPAN", ["LOC"])]
    assert claims_of("Nadim Ladki") == [("Nadim Ladki", ["PER"])]


def test_a_doccano_conll_txt_with_spaces_is_recognised_and_read(run_import):
    job = run_import("peers/doccano-conll-spaces.txt")
    assert (job.format, job.created_count) == ("conll", 2), job.errors
    assert claims_of("EU rejects German call to boycott British lamb .") == [
        ("EU", ["ORG"]), ("German", ["MISC"]), ("British", ["MISC"]),
    ]  # fmt: skip
    assert claims_of("Peter Blackburn") == [("Peter Blackburn", ["PER"])]


def test_a_malformed_conll_example_is_refused_and_the_others_import(run_import):
    job = run_import("peers/doccano-labeling-invalid.conll")
    assert (job.created_count, job.failed_count) == (2, 1)
    assert job.errors[0]["where"] == "lines 1–12"
    assert job.errors[0]["reason"].startswith("line 1: a token and its tag")
    assert claims_of("AL-AIN , United Arab Emirates 1996-12-06") == [
        ("AL-AIN", ["LOC"]), ("United Arab Emirates", ["LOC"]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-X", "I-X", "O", "B-Y"], [[0, 3, "X"], [6, 7, "Y"]]),  # IOB2
        (["I-X", "I-X", "B-X", "I-Y"], [[0, 3, "X"], [4, 5, "X"], [6, 7, "Y"]]),  # IOB1-style starts
        (["S-X", "B-Y", "E-Y", "U-Z"], [[0, 1, "X"], [2, 5, "Y"], [6, 7, "Z"]]),  # IOBES and BILOU
    ],
)
def test_every_tagging_scheme_gives_its_runs(tags, spans):
    from annotations.importers.readers.tagged import _spans

    assert _spans(["a", "b", "c", "d"], tags) == spans


def test_doccano_fasttext_lines_are_articles_and_their_labels_reported(run_import):
    job = run_import("peers/doccano-fasttext.txt")
    assert (job.format, job.created_count, job.failed_count) == ("fasttext", 3, 1), job.errors
    assert job.errors == [{"where": "line 4", "reason": "a line with labels but no text"}]
    reasons = [warning["reason"] for warning in job.warnings]
    assert "categories positive, negative not kept: the article has no span to tag" in reasons


@pytest.mark.parametrize(
    ("name", "created", "failed", "categories"),
    [
        ("peers/doccano-out-of-order-columns.csv", 2, 1, ["positive"]),  # its third row has no text
        ("peers/doccano-utf16.csv", 3, 0, ["Positive", "Positive", "Negative"]),
    ],
)
def test_doccano_csv_label_cells_are_categories(run_import, name, created, failed, categories):
    job = run_import(name)
    assert (job.created_count, job.failed_count) == (created, failed), job.errors
    reasons = [warning["reason"] for warning in job.warnings]
    assert reasons == [f"categories {category} not kept: the article has no span to tag" for category in categories]


def test_a_doccano_csv_row_with_more_cells_than_columns_is_refused_alone(run_import):
    job = run_import("peers/doccano-invalid-2.csv")
    assert (job.created_count, job.failed_count) == (2, 1)
    assert job.errors[0]["reason"] == "3 cells but the header has 2"


def test_doccano_pretty_printed_jsonl_export_is_read_object_by_object(run_import):
    job = run_import("peers/doccano-relation-extraction-export.jsonl")
    assert (job.created_count, job.failed_count) == (1, 0), job.errors
    text = "Google was founded on September 4, 1998, by Larry Page and Sergey Brin."
    assert claims_of(text) == [("Google", ["ORG"]), ("September 4, 1998", ["DATE"]), ("Larry Page", ["PERSON"]),
                               ("Sergey Brin", ["PERSON"])]  # fmt: skip
