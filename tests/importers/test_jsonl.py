import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations import workflow
from annotations.models import Article, JobStatus

from ..factories import MembershipFactory

pytestmark = pytest.mark.django_db


def run_import(content: bytes, django_capture_on_commit_callbacks, project=None):
    membership = MembershipFactory(role="editor", project=project) if project else MembershipFactory(role="editor")
    with django_capture_on_commit_callbacks(execute=True):
        job = workflow.import_queue(
            project=membership.project,
            user=membership.user,
            upload=SimpleUploadedFile("articles.jsonl", content),
            format="jsonl",
        )
    job.refresh_from_db()
    return job


def line(**fields):
    return json.dumps(fields, ensure_ascii=False).encode() + b"\n"


def test_a_jsonl_file_becomes_articles_with_normalised_text(django_capture_on_commit_callbacks, seed_text):
    content = line(title="Putin dan Kim", text=seed_text.replace("\n", "\r\n"), external_id="lm-1",
                   published_at="2024-06-19T08:00:00+07:00", url="https://larismanis.example/putin-kim")  # fmt: skip
    job = run_import(content, django_capture_on_commit_callbacks)
    assert (job.status, job.created, job.duplicates, job.failed) == (JobStatus.COMPLETED, 1, 0, 0)
    article = Article.objects.get()
    assert article.text == seed_text
    assert (article.title, article.external_id, article.language) == ("Putin dan Kim", "lm-1", "id")
    assert article.published_at.isoformat() == "2024-06-19T01:00:00+00:00"
    assert job.processed == job.total == len(content)


def test_bad_lines_are_reported_with_their_numbers_and_good_ones_imported(django_capture_on_commit_callbacks):
    content = (
        line(text="Artikel pertama.")
        + b'{"text": "broken\n'
        + line(title="no text")
        + line(text="Artikel kedua.", published_at="kemarin")
        + b"\xff\xfe not utf-8\n"
        + b"[1, 2]\n"
        + b"\n"
        + line(text="Artikel ketiga.", url="not a url")
        + line(text="Artikel keempat.")
    )
    job = run_import(content, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.COMPLETED_WITH_ERRORS
    assert (job.created, job.duplicates, job.failed) == (2, 0, 6)
    reasons = {error["line"]: error["reason"] for error in job.errors}
    assert sorted(reasons) == [2, 3, 4, 5, 6, 8]
    assert reasons[2].startswith("invalid JSON")
    assert reasons[3] == "missing text"
    assert reasons[4] == "unparsable date 'kemarin'"
    assert reasons[5].startswith("invalid UTF-8")
    assert reasons[6] == "expected a JSON object"
    assert reasons[8].startswith("url:")
    assert sorted(Article.objects.values_list("text", flat=True)) == ["Artikel keempat.", "Artikel pertama."]


def test_importing_the_same_file_twice_creates_nothing_the_second_time(django_capture_on_commit_callbacks):
    content = line(text="Satu.", external_id="a") + line(text="Dua.") + line(text="Dua.")
    first = run_import(content, django_capture_on_commit_callbacks)
    assert (first.created, first.duplicates) == (2, 1)
    second = run_import(content, django_capture_on_commit_callbacks, project=first.project)
    assert (second.created, second.duplicates, second.failed) == (0, 3, 0)
    assert Article.objects.count() == 2


def test_a_changed_text_under_a_known_external_id_is_a_duplicate(django_capture_on_commit_callbacks):
    first = run_import(line(text="Versi satu.", external_id="x-1"), django_capture_on_commit_callbacks)
    second = run_import(line(text="Versi dua.", external_id="x-1"), django_capture_on_commit_callbacks, first.project)
    assert (second.created, second.duplicates) == (0, 1)
