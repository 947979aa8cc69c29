from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from annotations import workflow
from annotations.models import Role

from ..conftest import SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member

SEED_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


@pytest.fixture
def desk(db):
    """A project on the seed article with one user per role, plus a second
    reviewer ("writer") who works on claims marked by a second annotator
    ("marker"), and a user who belongs to another project only."""
    project = ProjectFactory(name="Cek Fakta", language="id")
    project.install_rating_preset("id")
    users = {role: member(project, role, user__username=role) for role in Role.values}
    users["writer"] = member(project, Role.REVIEWER, user__username="writer")
    users["marker"] = member(project, Role.ANNOTATOR, user__username="marker")
    users["outsider"] = member(ProjectFactory(), Role.ADMIN, user__username="outsider")
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id")
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(
        article=article, user=users["marker"], start=start, end=start + len(SEED_CLAIM), claimant="AS"
    )
    return SimpleNamespace(
        project=project, article=article, claim=claim, users=users, ratings=list(project.ratings.order_by("value"))
    )


def client_for(user=None):
    client = APIClient(SERVER_NAME="localhost")
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api(desk):
    """``api("editor")`` is a client logged in as that user of the desk."""
    return lambda name=None: client_for(desk.users[name] if name else None)


def taken(desk, user="writer"):
    return workflow.claim_take(claim=desk.claim, user=desk.users[user])


def drafted(desk, user="writer", **fields):
    claim = taken(desk, user)
    fields = {"rating": desk.ratings[0], "summary": "Tidak ada bukti.", **fields}
    return workflow.verdict_create(claim=claim, user=desk.users[user], **fields)


def submitted(desk):
    verdict = drafted(desk)
    return workflow.verdict_submit(verdict=verdict, user=desk.users["writer"])


def approved(desk):
    return workflow.verdict_approve(verdict=submitted(desk), user=desk.users["admin"])


def published(desk):
    return workflow.verdict_publish(verdict=approved(desk), user=desk.users["admin"])
