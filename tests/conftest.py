import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from annotations import workflow
from annotations.models import Role
from factcheck.celery import app as celery_app

from .factories import ArticleFactory, ProjectFactory, member

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "demo" / "seed-article-id.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Unit tests run tasks inline; tests marked ``worker`` use a real worker."""
    eager = "worker" not in request.keywords
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = False


def database_url():
    """The URL of the test database, for a worker process to connect to."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Workers:
    """Starts real Celery worker processes on the test database and broker."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.processes = []

    def start(self, beat=False, processes=1, **env):
        """A worker on the test database and broker; with ``beat``, it runs
        Celery beat's periodic tasks too (as the quick start's worker does);
        with more than one process, a prefork pool (as docker compose runs it)."""
        log = self.tmp_path / f"worker{len(self.processes)}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **{key: str(value) for key, value in env.items()},
        }
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "factcheck", "worker",
                "-Q", "imports,exports,default",
                *(["-P", "solo"] if processes == 1 else ["-P", "prefork", "-c", str(processes)]),
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "-n", f"test{len(self.processes)}@%h", "-l", "info",
                *(["-B", "--schedule", str(self.tmp_path / "beat-schedule")] if beat else []),
            ],
            cwd=ROOT, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        process.log = log
        self.processes.append(process)
        deadline = time.monotonic() + 60
        while b" ready." not in log.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        return process

    @staticmethod
    def kill(process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    self.kill(process)


@pytest.fixture
def workers(transactional_db, tmp_path):
    pool = Workers(tmp_path)
    yield pool
    pool.stop_all()


def wait_for(predicate, timeout=60, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture
def seed_text():
    return SEED_TEXT


@pytest.fixture(autouse=True)
def isolated_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A deliberately slow password hash is not what these tests measure.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The API's throttles count in the cache: each test starts uncounted.
    cache.clear()


# The desk: a project, its people and the seed article's claim -------------------

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
