"""Row-level honesty, idempotency, limits and the ways an import is started."""

import json
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.db.models import NOT_PROVIDED

from annotations.importers.writers import articles
from annotations.models import Article, ImportJob, JobStatus

from ..factories import MembershipFactory
from .conftest import DATA

pytestmark = pytest.mark.django_db


def line(**fields):
    return json.dumps(fields, ensure_ascii=False).encode() + b"\n"


def test_bad_lines_are_reported_with_their_numbers_and_the_good_ones_imported(run_import):
    job = run_import("broken.jsonl")
    assert job.status == JobStatus.COMPLETED_WITH_ERRORS
    assert (job.created_count, job.duplicate_count, job.failed_count) == (2, 0, 5)
    reasons = {error["where"]: error["reason"] for error in job.errors}
    assert list(reasons) == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert reasons["line 2"] == "invalid JSON: unexpected end of data (column 30)"  # the column within the line
    assert reasons["line 3"] == "missing text (the record has title)"
    assert reasons["line 4"] == "unparsable date 'kemarin sore'"
    assert reasons["line 5"].startswith("invalid UTF-8")
    assert reasons["line 6"] == "title longer than 500 characters"
    assert sorted(Article.objects.values_list("text", flat=True)) == ["Artikel baik dua 🇮🇩.", "Artikel baik satu."]
    assert job.bytes_read == job.bytes_total == (DATA / "broken.jsonl").stat().st_size


def test_control_characters_are_stripped_and_text_normalised(run_import):
    run_import("x.jsonl", line(text="Cafe\u0301\r\nbaru\x00\x07.", title="Judul\tdengan\nbaris"))
    article = Article.objects.get()
    assert (article.text, article.title) == ("Café\nbaru.", "Judul dengan baris")


def test_json_lines_with_a_bom_and_windows_line_ends_are_read(run_import):
    job = run_import("w.jsonl", b"\xef\xbb\xbf" + line(text="Satu.")[:-1] + b"\r\n" + line(text="Dua.")[:-1] + b"\r\n")
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 2)


def test_a_lone_surrogate_escape_is_reported_not_stored(run_import):
    # json would read "\ud800" into a string that no UTF-8 text can hold.
    job = run_import("s.jsonl", b'{"text": "Rusak \\ud800 di sini."}\n' + line(text="Baik."))
    assert (job.created_count, job.failed_count) == (1, 1)
    assert job.errors[0]["where"] == "line 1"
    assert job.errors[0]["reason"].startswith("invalid JSON")
    assert Article.objects.get().text == "Baik."


def test_importing_the_same_file_twice_creates_nothing_the_second_time(run_import):
    first = run_import("articles.jsonl")
    second = run_import("articles.jsonl")
    assert (first.created_count, second.created_count, second.duplicate_count) == (2, 0, 2)
    assert Article.objects.count() == 2


def test_a_file_mixing_known_and_new_articles_adds_only_the_new_ones(run_import):
    run_import("a.jsonl", line(text="Lama satu.") + line(text="Lama dua.", external_id="b-2"))
    job = run_import(
        "b.jsonl",
        line(text="Baru satu.") + line(text="Lama satu.") + line(text="Lama dua, diedit.", external_id="b-2")
        + line(text="Baru dua.") + line(text="Baru satu."),
    )  # fmt: skip
    assert (job.status, job.created_count, job.duplicate_count, job.failed_count) == (JobStatus.COMPLETED, 2, 3, 0)
    assert sorted(Article.objects.values_list("text", flat=True)) == [
        "Baru dua.",
        "Baru satu.",
        "Lama dua.",
        "Lama satu.",
    ]


def test_duplicates_within_a_file_and_by_external_id_are_counted(run_import):
    job = run_import("d.jsonl", line(text="Satu.") + line(text="Satu.") + line(text="Dua.", external_id="x"))
    again = run_import("e.jsonl", line(text="Dua, versi baru.", external_id="x"))
    assert (job.created_count, job.duplicate_count, again.created_count, again.duplicate_count) == (2, 1, 0, 1)


def test_an_article_whose_url_is_not_a_web_address_is_reported(run_import):
    urls = ["https://berita.example/1", "javascript:alert(1)", "https://", "http://contoh .id/", "ftp://contoh.id/"]
    job = run_import("u.jsonl", b"".join(line(text=f"Artikel {n}.", url=url) for n, url in enumerate(urls)))
    assert (job.created_count, job.failed_count) == (1, 4)
    assert [error["where"] for error in job.errors] == ["line 2", "line 3", "line 4", "line 5"]
    assert job.errors[0]["reason"] == "url: not a valid URL: 'javascript:alert(1)'"
    assert Article.objects.get().url == "https://berita.example/1"


def test_an_article_longer_than_the_limit_is_reported(run_import, settings):
    settings.IMPORT_MAX_TEXT_CHARS = 10
    job = run_import("long.jsonl", line(text="Sebelas huruf!"))
    assert job.errors == [{"where": "line 1", "reason": "text longer than 10 characters"}]


def test_a_file_with_only_blank_lines_fails_with_a_message(run_import):
    job = run_import("blank.jsonl", b"\n\n\n")
    assert (job.status, job.message) == (JobStatus.FAILED, "The file holds no records.")


def test_binary_data_in_a_jsonl_file_is_reported_line_by_line(run_import):
    job = run_import("photo.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert job.status == JobStatus.COMPLETED_WITH_ERRORS and job.created_count == 0 and job.failed_count >= 1


def test_the_errors_listed_on_a_job_are_capped_but_all_are_counted(run_import, settings, monkeypatch):
    monkeypatch.setattr("annotations.importers.pipeline.MAX_LISTED_ERRORS", 3)
    job = run_import("bad.jsonl", b"{x\n" * 10)
    assert (job.failed_count, len(job.errors)) == (10, 3)


def test_a_resumed_job_starts_after_its_checkpoint(run_import, settings):
    from annotations.importers import pipeline

    settings.JOB_BATCH_SIZE = 2
    job = run_import("five.jsonl", b"".join(line(text=f"Artikel {n}.") for n in range(5)))
    assert job.created_count == 5
    # Pretend the worker died after the first batch: roll the job back to it.
    Article.objects.filter(text__in=["Artikel 2.", "Artikel 3.", "Artikel 4."]).delete()
    ImportJob.objects.filter(pk=job.pk).update(status="running", checkpoint=2, created_count=2)
    job.refresh_from_db()
    pipeline.run(job)
    job.refresh_from_db()
    assert (job.status, job.created_count, job.duplicate_count) == (JobStatus.COMPLETED, 5, 0)
    assert Article.objects.count() == 5


def test_the_import_command_runs_a_job_with_a_progress_bar(project, editor, capsys):
    call_command("import_articles", str(DATA / "broken.jsonl"), "--project", project.slug, "--user",
                 editor.username, "--inline")  # fmt: skip
    out, err = capsys.readouterr()
    assert "completed with errors: 2 created, 0 duplicates, 0 warnings, 5 failed" in out
    assert "100%" in err and "line 3: missing text" in err
    assert Article.objects.count() == 2


def test_the_import_command_refuses_what_it_cannot_import(project, editor):
    with pytest.raises(CommandError, match="No project has this slug"):
        call_command("import_articles", str(DATA / "articles.jsonl"), "--project", "nope", "--inline")
    with pytest.raises(CommandError, match="Unsupported file type"):
        call_command("import_articles", __file__, "--project", project.slug, "--user", editor.username)
    with pytest.raises(CommandError, match="The file is empty"):
        call_command("import_articles", str(DATA / "empty.jsonl"), "--project", project.slug, "--user", editor.username)
    annotator = MembershipFactory(project=project, role="annotator").user
    with pytest.raises(Exception, match="may not"):
        call_command("import_articles", str(DATA / "articles.jsonl"), "--project", project.slug, "--user",
                     annotator.username)  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search vectors exist on PostgreSQL")
def test_imported_articles_become_searchable_once_indexed(run_import):
    run_import("articles.jsonl")
    # The import itself defers the vectors; the task it queues fills them in.
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert list(Article.objects.search("balistik").values_list("external_id", flat=True)) == ["lm-2024-0619"]
    assert Article.objects.search("beras").count() == 1


class Cancelled(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(("sqlstate", "status", "created"), [("40P01", "completed", 2), ("42P01", "failed", 0)])
def test_a_batch_cancelled_by_a_deadlock_is_written_again(run_import, monkeypatch, sqlstate, status, created):
    write, calls = articles.write, []

    def cancelled_once(job, batch):
        calls.append(batch)
        if len(calls) == 1:
            raise OperationalError("cancelled") from Cancelled(sqlstate)
        return write(job, batch)

    monkeypatch.setattr(articles, "write", cancelled_once)
    job = run_import("articles.jsonl")
    assert (job.status, job.created_count, Article.objects.count()) == (status, created, created)


def test_a_failed_write_stops_the_thread_that_reads_ahead(run_import, monkeypatch, settings):
    # The next batch is read and cleaned on a thread while one is written;
    # when a write fails, the job fails with the cause and the thread ends.
    settings.JOB_BATCH_SIZE = 1
    write, calls = articles.write, []

    def failing_second(job, batch):
        calls.append(batch)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return write(job, batch)

    monkeypatch.setattr(articles, "write", failing_second)
    job = run_import("many.jsonl", b"".join(line(text=f"Artikel {n}.") for n in range(50)))
    assert (job.status, job.message, job.created_count, job.checkpoint) == ("failed", "RuntimeError: disk full", 1, 1)
    assert Article.objects.count() == 1
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("import-read-ahead")]


def test_an_error_while_reading_ahead_fails_the_job_after_the_batches_before_it(run_import, monkeypatch, settings):
    settings.JOB_BATCH_SIZE = 2
    clean = articles.clean_article

    def breaks_on_the_fifth(job, fields, notes=()):
        if fields["text"] == "Artikel 4.":
            raise MemoryError("out of memory")
        return clean(job, fields, notes)

    monkeypatch.setattr(articles, "clean_article", breaks_on_the_fifth)
    job = run_import("many.jsonl", b"".join(line(text=f"Artikel {n}.") for n in range(10)))
    assert (job.status, job.message, job.created_count, job.checkpoint) == (
        "failed",
        "MemoryError: out of memory",
        4,
        4,
    )
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("import-read-ahead")]


def test_a_batch_ends_early_once_it_has_read_its_share_of_bytes(run_import, monkeypatch, settings):
    # Long articles must not make a batch (and the worker's memory) large.
    settings.JOB_BATCH_SIZE, settings.JOB_BATCH_BYTES = 5000, 64 * 1024
    write, sizes = articles.write, []

    def counting(job, cleaned):
        sizes.append(len(cleaned.rows))
        return write(job, cleaned)

    monkeypatch.setattr(articles, "write", counting)
    long_text = "Kata " * 400  # 2 KB a line: 64 KB are passed after 33 lines, seen at the 48th (every 16)
    job = run_import("long.jsonl", b"".join(line(text=f"{n} {long_text}") for n in range(300)))
    assert (job.status, job.created_count) == (JobStatus.COMPLETED, 300)
    assert sizes == [48, 48, 48, 48, 48, 48, 12]


def test_copy_columns_cover_every_required_field_of_article():
    """Binary COPY writes only COPY_COLUMNS: a NOT NULL field without a
    database default left out of it breaks PostgreSQL imports, while SQLite
    (bulk_create) keeps passing."""
    required = {
        field.column
        for field in Article._meta.concrete_fields
        if not field.null and not field.primary_key and field.db_default is NOT_PROVIDED
    }
    assert required <= set(articles.COPY_COLUMNS), required - set(articles.COPY_COLUMNS)
