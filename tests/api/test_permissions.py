"""Every role, a non-member and an anonymous user against every endpoint
and every action. Roles are cumulative; a non-member gets 404 for anything
inside a project (nothing leaks), an anonymous user 401, a member whose role
is too small 403. The object acted on always belongs to someone else (the
"writer" and "marker" of the desk), so ownership never decides."""

import pytest

from annotations import workflow
from annotations.models import ExportJob, ImportJob, Role

from ..conftest import approved, client_for, drafted, published, submitted, taken

pytestmark = pytest.mark.django_db

RANK = {Role.ANNOTATOR: 1, Role.REVIEWER: 2, Role.EDITOR: 3, Role.ADMIN: 4}
WHO = ["anonymous", "outsider", *Role.values]


def evidence_of(desk):
    return workflow.evidence_add(verdict=drafted(desk), user=desk.users["writer"], url="https://a.example/")


def comment_of(desk):
    return workflow.comment_add(user=desk.users["marker"], claim=desk.claim, body="?")


def import_job(desk):
    return ImportJob.objects.create(project=desk.project, owner=desk.users["admin"], format="jsonl")


def member_row(desk):
    return desk.project.memberships.get(user=desk.users["marker"])


# (name, least role, method, path, payload): path and payload take the desk.
ACTIONS = [
    ("read project", Role.ANNOTATOR, "get", lambda d: f"/api/v1/projects/{d.project.pk}/", None),
    ("read article", Role.ANNOTATOR, "get", lambda d: f"/api/v1/articles/{d.article.pk}/", None),
    ("read claim", Role.ANNOTATOR, "get", lambda d: f"/api/v1/claims/{d.claim.pk}/", None),
    ("read verdict", Role.ANNOTATOR, "get", lambda d: f"/api/v1/verdicts/{drafted(d).pk}/", None),
    ("read evidence", Role.ANNOTATOR, "get", lambda d: f"/api/v1/evidence/{evidence_of(d).pk}/", None),
    ("read comment", Role.ANNOTATOR, "get", lambda d: f"/api/v1/comments/{comment_of(d).pk}/", None),
    ("read rating", Role.ANNOTATOR, "get", lambda d: f"/api/v1/ratings/{d.ratings[0].pk}/", None),
    ("read member", Role.ANNOTATOR, "get", lambda d: f"/api/v1/members/{member_row(d).pk}/", None),
    ("read activity", Role.ANNOTATOR, "get", lambda d: f"/api/v1/activity/{d.project.activities.first().pk}/", None),
    ("claim matches", Role.ANNOTATOR, "get", lambda d: f"/api/v1/claims/{d.claim.pk}/matches/", None),
    ("match a text", Role.ANNOTATOR, "post", lambda d: f"/api/v1/projects/{d.project.pk}/match/",
     lambda d: {"text": "Korea Utara memasok rudal ke Rusia."}),
    ("read import job", Role.ANNOTATOR, "get", lambda d: f"/api/v1/import-jobs/{import_job(d).pk}/", None),
    ("mark claim", Role.ANNOTATOR, "post", lambda d: "/api/v1/claims/",
     lambda d: {"article": d.article.pk, "start": 0, "end": 15}),
    ("comment", Role.ANNOTATOR, "post", lambda d: "/api/v1/comments/", lambda d: {"claim": d.claim.pk, "body": "Hm."}),
    ("take claim", Role.REVIEWER, "post", lambda d: f"/api/v1/claims/{d.claim.pk}/take/", None),
    ("mark not checkable", Role.REVIEWER, "post", lambda d: f"/api/v1/claims/{d.claim.pk}/mark-not-checkable/",
     lambda d: {"comment": "Opini."}),
    ("mark duplicate", Role.REVIEWER, "post", lambda d: f"/api/v1/claims/{d.claim.pk}/mark-duplicate/",
     lambda d: {"original": workflow.claim_mark(article=d.article, user=d.users["marker"], start=0, end=5).pk}),
    ("edit someone's claim", Role.EDITOR, "patch", lambda d: f"/api/v1/claims/{d.claim.pk}/",
     lambda d: {"statement": "Diubah."}),
    ("delete someone's claim", Role.EDITOR, "delete", lambda d: f"/api/v1/claims/{d.claim.pk}/", None),
    ("release someone's claim", Role.EDITOR, "post", lambda d: f"/api/v1/claims/{taken(d).pk}/release/", None),
    ("write verdict on someone's claim", Role.EDITOR, "post", lambda d: "/api/v1/verdicts/",
     lambda d: {"claim": taken(d).pk, "summary": "Draf."}),
    ("edit someone's verdict", Role.EDITOR, "patch", lambda d: f"/api/v1/verdicts/{drafted(d).pk}/",
     lambda d: {"summary": "Diubah."}),
    ("submit someone's verdict", Role.EDITOR, "post", lambda d: f"/api/v1/verdicts/{drafted(d).pk}/submit/", None),
    ("add evidence", Role.EDITOR, "post", lambda d: "/api/v1/evidence/",
     lambda d: {"verdict": drafted(d).pk, "url": "https://b.example/"}),
    ("edit evidence", Role.EDITOR, "patch", lambda d: f"/api/v1/evidence/{evidence_of(d).pk}/",
     lambda d: {"title": "T"}),
    ("remove evidence", Role.EDITOR, "delete", lambda d: f"/api/v1/evidence/{evidence_of(d).pk}/", None),
    ("approve", Role.EDITOR, "post", lambda d: f"/api/v1/verdicts/{submitted(d).pk}/approve/", None),
    ("request changes", Role.EDITOR, "post", lambda d: f"/api/v1/verdicts/{submitted(d).pk}/request-changes/",
     lambda d: {"comment": "Perbaiki."}),
    ("publish", Role.EDITOR, "post", lambda d: f"/api/v1/verdicts/{approved(d).pk}/publish/", None),
    ("correct", Role.EDITOR, "post", lambda d: f"/api/v1/verdicts/{published(d).pk}/correct/",
     lambda d: {"correction_note": "Koreksi."}),
    ("retract", Role.EDITOR, "post", lambda d: f"/api/v1/verdicts/{published(d).pk}/retract/",
     lambda d: {"comment": "Dicabut."}),
    ("resolve someone's comment", Role.EDITOR, "post", lambda d: f"/api/v1/comments/{comment_of(d).pk}/resolve/", None),
    ("add rating", Role.EDITOR, "post", lambda d: "/api/v1/ratings/",
     lambda d: {"project": d.project.pk, "label": "Satire", "value": 3}),
    ("edit rating", Role.EDITOR, "patch", lambda d: f"/api/v1/ratings/{d.ratings[0].pk}/", lambda d: {"order": 9}),
    ("add article", Role.EDITOR, "post", lambda d: "/api/v1/articles/",
     lambda d: {"project": d.project.pk, "text": "Artikel baru.", "title": "Baru"}),
    ("invite", Role.ADMIN, "post", lambda d: "/api/v1/invitations/",
     lambda d: {"project": d.project.pk, "email": "baru@example.org", "role": "annotator"}),
    ("change member role", Role.ADMIN, "patch", lambda d: f"/api/v1/members/{member_row(d).pk}/",
     lambda d: {"role": "reviewer"}),
    ("remove member", Role.ADMIN, "delete", lambda d: f"/api/v1/members/{member_row(d).pk}/", None),
    ("change project settings", Role.ADMIN, "patch", lambda d: f"/api/v1/projects/{d.project.pk}/",
     lambda d: {"allow_self_approval": True}),
]  # fmt: skip


def expected_status(who, least_role):
    if who == "anonymous":
        return {401}
    if who == "outsider":
        return {404}
    if RANK[who] < RANK[least_role]:
        return {403}
    return {200, 201, 204}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name, least_role, method, path, payload", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_role_matrix(desk, who, name, least_role, method, path, payload):
    url, data = path(desk), payload(desk) if payload else None
    client = client_for(None if who == "anonymous" else desk.users[who])
    response = getattr(client, method)(url, data, format="json")
    assert response.status_code in expected_status(who, least_role), response.content.decode()
    if response.status_code >= 400:
        assert set(response.json()["error"]) >= {"status", "code", "message"}


LISTS = ["projects", "members", "ratings", "articles", "claims", "verdicts", "evidence", "comments", "activity",
         "import-jobs", "export-jobs"]  # fmt: skip


@pytest.mark.parametrize("resource", LISTS)
def test_lists_show_a_non_member_nothing_of_the_project(desk, resource):
    verdict = published(desk)
    verdict.evidence.create(url="https://a.example/")
    comment_of(desk)
    import_job(desk)
    ExportJob.objects.create(project=desk.project, owner=desk.users["admin"], format="csv")
    mine = client_for(desk.users["annotator"]).get(f"/api/v1/{resource}/").json()["results"]
    theirs = client_for(desk.users["outsider"]).get(f"/api/v1/{resource}/").json()["results"]
    assert mine, f"a member sees the project's {resource}"
    assert not {row["id"] for row in mine} & {row["id"] for row in theirs}


@pytest.mark.parametrize("resource", LISTS)
def test_lists_ask_an_anonymous_user_to_authenticate(desk, resource):
    response = client_for().get(f"/api/v1/{resource}/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
