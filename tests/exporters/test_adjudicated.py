"""The JSON Lines export of an adjudicated article carries every
annotator's spans, who marked them and what adjudication made of them, so
that a dataset builder can compute agreement elsewhere."""

import json

import pytest

from annotations import workflow
from annotations.exporters import JSONLExporter
from annotations.models import Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import render

pytestmark = pytest.mark.django_db


def test_an_adjudicated_article_exports_both_annotators_spans_with_the_outcome():
    project = ProjectFactory(slug="ganda", language="id")
    editor = member(project, Role.EDITOR, user__username="editor")
    ani, budi = (member(project, Role.ANNOTATOR, user__username=name) for name in ("ani", "budi"))
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id")
    workflow.article_assign(article=article, user=editor, annotators=[ani, budi])
    start = SEED_TEXT.index(SEED_CLAIM)
    kept = workflow.claim_mark(article=article, user=ani, start=start, end=start + len(SEED_CLAIM))
    workflow.claim_mark(article=article, user=budi, start=start, end=start + len(SEED_CLAIM) + 6)
    for annotator in (ani, budi):
        workflow.assignment_finish(article=article, user=annotator)
    workflow.article_adjudicate(article=article, user=editor, accepted=[kept])

    (line,) = [json.loads(line) for line in render(JSONLExporter(project)).splitlines()]
    assert line["independent"]["state"] == "adjudicated"
    assert [a["annotator"] for a in line["independent"]["annotators"]] == ["ani", "budi"]
    assert all(a["done_at"] for a in line["independent"]["annotators"])
    spans = sorted((c["created_by"], c["start"], c["end"], c["status"], c["adjudication"]) for c in line["claims"])
    assert spans == [
        ("ani", start, start + len(SEED_CLAIM), "open", "accepted"),
        ("budi", start, start + len(SEED_CLAIM) + 6, "rejected", "rejected"),
    ]
    rejected = next(c for c in line["claims"] if c["created_by"] == "budi")
    assert [a["verb"] for a in rejected["activity"]] == ["claim.marked", "claim.rejected"]


def test_an_article_annotated_the_usual_way_exports_as_before():
    project = ProjectFactory(slug="biasa", language="id")
    annotator = member(project, Role.ANNOTATOR, user__username="ani")
    article = ArticleFactory(project=project, text=SEED_TEXT, language="id")
    workflow.claim_mark(article=article, user=annotator, start=0, end=5)
    (line,) = [json.loads(line) for line in render(JSONLExporter(project)).splitlines()]
    assert "independent" not in line and "adjudication" not in line["claims"][0]
