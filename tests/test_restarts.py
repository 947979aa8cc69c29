"""The servers the app depends on restart under it, as they do in
production (an upgrade, a failover, a crash): the app says so while they
are away and carries on by itself once they are back."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection, transaction

from annotations.models import Activity, Article, ImportJob, JobStatus, Verb
from factcheck.celery import app as celery_app

from .conftest import ROOT, wait_for
from .servers import PG_BIN, REDIS_SERVER, PostgresCluster, RedisServer, Visitor, WebServer
from .test_deploy import COMPOSE
from .test_tasks import finished, queue_import

pytestmark = pytest.mark.postgres

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" or not PG_BIN, reason="restarts PostgreSQL: the suite's PostgreSQL run does it"
)

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "restart-test-only-secret-key-0123456789-0123456789-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1",
    "BEHIND_TLS_PROXY": "true",  # the visitor comes as the proxy forwards it
    "CELERY_BROKER_URL": "filesystem://",
}


@pytest.fixture
def cluster():
    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def web(cluster, tmp_path):
    """gunicorn with production settings on the cluster, the demo loaded."""
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": cluster.url(), "VAR_DIR": str(tmp_path / "var"),
           "STATIC_ROOT": str(tmp_path / "static")}  # fmt: skip
    subprocess.run(
        [f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "factcheck"], check=True
    )

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    manage("migrate", "-v0")
    manage("load_demo")
    # The pages' own files only (the image collects them all, which takes a minute).
    manage("collectstatic", "--noinput", "-v0", "-i", "admin", "-i", "rest_framework", "-i", "drf_spectacular_sidecar")
    server = WebServer(env, tmp_path / "gunicorn.log")
    yield server
    server.stop()


def compose_healthcheck(web):
    """docker compose's healthcheck of the web service, run against this server."""
    command = COMPOSE["services"]["web"]["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    code = command[3].replace("127.0.0.1:8000", f"127.0.0.1:{web.port}")
    env = {**os.environ, "ALLOWED_HOSTS": PRODUCTION["ALLOWED_HOSTS"]}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=30).returncode == 0


def visitors(web):
    reader = Visitor(web.port)
    reader.log_in("editor", "factcheck-demo")
    client = Visitor(web.port)
    client.get_token("editor", "factcheck-demo")
    return reader, client


def answers(reader, client, times=4):
    """What the home page and the API's claims list answer, a few times
    over (gunicorn has two workers, each with its own connection)."""
    return [(reader.request("GET", "/").status, client.request("GET", "/api/v1/claims/").status) for _ in range(times)]


@on_postgresql
def test_a_database_restart_under_the_web_server_answers_503_meanwhile_and_recovers_by_itself(cluster, web):
    reader, client = visitors(web)
    assert answers(reader, client) == [(200, 200)] * 4  # each worker now holds a connection
    assert compose_healthcheck(web)  # over "HTTPS", from an allowed host: no redirect

    # A quick restart between two requests: the kept connections are dead,
    # and the next requests must notice it themselves (health checks).
    cluster.stop()
    cluster.start()
    assert answers(reader, client) == [(200, 200)] * 4

    cluster.stop()
    page, api = reader.request("GET", "/"), client.request("GET", "/api/v1/claims/")
    assert (page.status, api.status) == (503, 503)
    assert page.headers["Retry-After"].isdigit() and api.headers["Retry-After"].isdigit()
    assert "The database cannot be reached at the moment" in page.text and "Traceback" not in page.text
    assert json.loads(api.text)["error"]["code"] == "unavailable"
    assert answers(reader, client) == [(503, 503)] * 4  # clearly, every time, not a 500
    assert not compose_healthcheck(web)

    cluster.start()
    assert answers(reader, client) == [(200, 200)] * 4  # the same session and token, no restart of the app
    assert "Demo desk" in reader.request("GET", "/").text
    assert compose_healthcheck(web)


on_redis = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL.startswith("redis://") or not REDIS_SERVER,
    reason="restarts Redis: the suite's Redis run does it",
)


@pytest.fixture
def redis(tmp_path, monkeypatch):
    """``redis(persistent=…)`` starts a Redis of this test's own: the jobs
    this process queues and the workers it starts then use it, and the
    suite's broker is left alone."""
    servers = []

    def start(persistent=False):
        server = RedisServer(tmp_path / "redis", persistent)
        servers.append(server)
        server.start()
        monkeypatch.setenv("CELERY_BROKER_URL", server.url)  # Celery reads it before its configuration
        # This process's connection and producer pools were made for the suite's broker.
        monkeypatch.setattr(celery_app, "_pool", None)
        monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)
        return server

    yield start
    for server in servers:
        server.stop()


ARTICLES = [f"Artikel nomor {n} tentang rudal – “kutipan” {n}." for n in range(2000)]


@contextmanager
def in_flight(job):
    """Waits until the job's run has committed a batch, then holds the job's
    row: the run waits at its next batch, still in flight, for as long as
    the test needs (no clock involved)."""

    def midway():
        job.refresh_from_db()
        return job.checkpoint > 0

    wait_for(midway, timeout=60, interval=0.01)
    with transaction.atomic():
        ImportJob.objects.select_for_update().get(pk=job.pk)
        yield


@on_redis
@pytest.mark.worker
def test_a_redis_restart_that_loses_the_queue_loses_no_job_and_runs_none_twice(workers, redis):
    broker = redis(persistent=False)
    workers.start(beat=True, JOB_BATCH_SIZE=50, JOB_STALE_SECONDS=5, JOB_RECOVERY_INTERVAL_SECONDS=1)
    running = queue_import(ARTICLES)
    waiting = queue_import(["Menunggu giliran satu.", "Menunggu giliran dua."])  # behind it in the queue
    with in_flight(running):
        # A restart without persistence: the queue (the waiting job's
        # message with it) is gone, and so is every connection to the broker.
        broker.stop()
        broker.start()
        waiting.refresh_from_db()
        assert waiting.status == JobStatus.QUEUED

    wait_for(lambda: finished(running) and finished(waiting), timeout=90)
    # The running job went on and finished once; the lost one was queued
    # again from its row and ran once.
    assert (running.status, running.created_count, running.duplicate_count) == (JobStatus.COMPLETED, len(ARTICLES), 0)
    assert (waiting.status, waiting.created_count) == (JobStatus.COMPLETED, 2)
    assert (running.attempts, waiting.attempts) == (1, 1)
    requeued = Activity.objects.filter(verb=Verb.JOB_REQUEUED)
    assert list(requeued.values_list("object_id", flat=True)) == [waiting.pk]
    assert Article.objects.filter(project=running.project).count() == len(ARTICLES)
    assert Article.objects.filter(project=waiting.project).count() == 2


@on_redis
@pytest.mark.worker
def test_a_redis_restart_under_a_busy_prefork_worker_finishes_its_job_once_and_the_next_one_runs(workers, redis):
    # As docker compose runs them: Redis with its append-only file, and
    # more than one worker (--scale worker=2), prefork pools.
    broker = redis(persistent=True)
    workers.start(processes=2, JOB_BATCH_SIZE=50)
    running = queue_import(ARTICLES)
    with in_flight(running):
        workers.start()  # the second one, idle
        broker.stop()
        broker.start()

    # The busy worker may give up its broker connection (Celery 5.7 exits,
    # for compose's restart policy to start it again), but not the job.
    wait_for(lambda: finished(running), timeout=90)
    following = queue_import(["Sesudah Redis kembali."])
    wait_for(lambda: finished(following), timeout=60)
    assert (running.status, running.created_count, running.duplicate_count) == (JobStatus.COMPLETED, len(ARTICLES), 0)
    assert (following.status, following.created_count) == (JobStatus.COMPLETED, 1)
    assert (running.attempts, following.attempts) == (1, 1)
    assert Article.objects.filter(project=running.project).count() == len(ARTICLES)
