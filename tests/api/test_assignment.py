"""Assigning claims through the API: the same move as the claims list's,
scoped to the caller's projects."""

import pytest

from annotations.models import ClaimStatus

from ..factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_an_editor_assigns_and_unassigns_claims(desk, api):
    other = ClaimFactory(article=ArticleFactory(project=desk.project))
    body = {"claims": [desk.claim.pk, other.pk], "assignee": desk.users["writer"].pk}
    response = api("editor").post("/api/v1/claims/assign/", body, format="json")
    assert response.status_code == 200, response.content
    assert [(c["id"], c["status"], c["assignee"]) for c in response.json()] == [
        (desk.claim.pk, ClaimStatus.IN_PROGRESS, desk.users["writer"].pk),
        (other.pk, ClaimStatus.IN_PROGRESS, desk.users["writer"].pk),
    ]
    response = api("editor").post("/api/v1/claims/assign/", {"claims": [other.pk], "assignee": None}, format="json")
    assert [(c["status"], c["assignee"]) for c in response.json()] == [(ClaimStatus.OPEN, None)]


def test_a_reviewer_may_not_assign_and_unknown_ids_are_named(desk, api):
    body = {"claims": [desk.claim.pk], "assignee": desk.users["writer"].pk}
    assert api("reviewer").post("/api/v1/claims/assign/", body, format="json").status_code == 403
    foreign = ClaimFactory()
    response = api("editor").post("/api/v1/claims/assign/", {**body, "claims": [foreign.pk]}, format="json")
    assert response.status_code == 400 and str(foreign.pk) in response.content.decode()
    stranger = {**body, "assignee": desk.users["outsider"].pk}
    assert api("editor").post("/api/v1/claims/assign/", stranger, format="json").status_code == 400
    annotator = {**body, "assignee": desk.users["marker"].pk}
    response = api("editor").post("/api/v1/claims/assign/", annotator, format="json")
    assert response.status_code == 400 and "may not check claims" in response.content.decode()
    desk.claim.refresh_from_db()
    assert desk.claim.assignee is None
