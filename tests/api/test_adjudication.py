"""The API of double annotation: assigning, the claims list that hides
other annotators' independent claims, done, adjudication, and the stored
agreement."""

import pytest

from annotations.models import ClaimStatus

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_two_annotators_mark_independently_and_the_editor_keeps_one(desk, api, django_capture_on_commit_callbacks):
    article = ArticleFactory(project=desk.project, text=SEED_TEXT + "\nSalinan.")
    annotators = [desk.users["annotator"].pk, desk.users["marker"].pk]
    assert api("annotator").post(f"/api/v1/articles/{article.pk}/assign/", {"annotators": annotators},
                                 format="json").status_code == 403  # fmt: skip
    response = api("editor").post(f"/api/v1/articles/{article.pk}/assign/", {"annotators": annotators}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["independent"] == "awaiting"
    assert {a["annotator"] for a in response.json()["assignments"]} == {"annotator", "marker"}

    start = SEED_TEXT.index(SEED_CLAIM)
    ids = {}
    for name, end in (("annotator", start + len(SEED_CLAIM)), ("marker", start + len(SEED_CLAIM) + 6)):
        created = api(name).post("/api/v1/claims/", {"article": article.pk, "start": start, "end": end}, format="json")
        assert created.status_code == 201, created.json()
        assert created.json()["status"] == ClaimStatus.INDEPENDENT
        ids[name] = created.json()["id"]
    listed = api("annotator").get(f"/api/v1/claims/?article={article.pk}").json()["results"]
    assert [c["id"] for c in listed] == [ids["annotator"]]
    assert api("annotator").get(f"/api/v1/claims/{ids['marker']}/").status_code == 404
    everything = api("editor").get(f"/api/v1/claims/?article={article.pk}").json()["results"]
    assert {c["id"] for c in everything} == set(ids.values())

    assert api("editor").post(f"/api/v1/articles/{article.pk}/adjudicate/", {"accepted": []},
                              format="json").status_code == 409  # not finished  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("annotator", "marker"):
            assert api(name).post(f"/api/v1/articles/{article.pk}/done/").status_code == 200
    assert api("annotator").post(f"/api/v1/articles/{article.pk}/adjudicate/", {"accepted": [ids["annotator"]]},
                                 format="json").status_code == 403  # fmt: skip
    both = {"accepted": [ids["annotator"], ids["marker"]]}
    assert api("editor").post(f"/api/v1/articles/{article.pk}/adjudicate/", both, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = api("editor").post(
            f"/api/v1/articles/{article.pk}/adjudicate/", {"accepted": [ids["annotator"]]}, format="json"
        )
    assert response.status_code == 200 and response.json()["independent"] == "adjudicated"
    statuses = {c["id"]: c["status"] for c in api("annotator").get(f"/api/v1/claims/?article={article.pk}")
                .json()["results"]}  # fmt: skip
    assert statuses == {ids["annotator"]: "open", ids["marker"]: "rejected"}

    rows = api("annotator").get(f"/api/v1/agreement/?article={article.pk}").json()["results"]
    assert [(r["scope"], r["overlap_f1"], r["exact_f1"]) for r in rows] == [("article", 1.0, 0.0)]
    project = api("annotator").get(f"/api/v1/agreement/?project={desk.project.pk}&scope=project").json()["results"]
    assert project[0]["articles"] == 1 and project[0]["figures"]["overlap"]["matched"] == 1


def test_an_annotator_cannot_read_an_articles_agreement_before_adjudication(
    desk, api, django_capture_on_commit_callbacks
):
    from ..workflow.test_adjudication import finish_both, independent, mark_both

    article = independent(desk)
    mark_both(desk, article)
    finish_both(desk, article, django_capture_on_commit_callbacks)
    assert api("annotator").get(f"/api/v1/agreement/?article={article.pk}").json()["results"] == []
    assert len(api("editor").get(f"/api/v1/agreement/?article={article.pk}").json()["results"]) == 1


def test_assigning_someone_outside_the_callers_projects_says_unknown(desk, api):
    article = ArticleFactory(project=desk.project, text="Teks lain.")
    body = {"annotators": [desk.users["annotator"].pk, desk.users["outsider"].pk]}
    response = api("editor").post(f"/api/v1/articles/{article.pk}/assign/", body, format="json")
    assert response.status_code == 400
    assert "outsider" not in response.content.decode()


def test_comments_on_a_hidden_claim_are_hidden_with_it(desk, api):
    from annotations import workflow

    from ..workflow.test_adjudication import independent, mark_both

    article = independent(desk)
    exact, longer = mark_both(desk, article)
    workflow.comment_add(user=desk.users["marker"], claim=longer, body="Kalimat berikutnya juga?")
    assert api("annotator").get(f"/api/v1/comments/?project={desk.project.pk}").json()["results"] == []
    assert len(api("marker").get(f"/api/v1/comments/?project={desk.project.pk}").json()["results"]) == 1
