"""The servers the app depends on restart under it, as they do in
production (an upgrade, a failover, a crash): the app says so while they
are away and carries on by itself once they are back."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from .conftest import ROOT
from .servers import PG_BIN, PostgresCluster, Visitor, WebServer

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

    cluster.start()
    assert answers(reader, client) == [(200, 200)] * 4  # the same session and token, no restart of the app
    assert "Demo desk" in reader.request("GET", "/").text
