"""Settings come from the environment and fail loudly on a bad value."""

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "factcheck.example.org",
}


def manage(env, *args):
    """``manage.py`` in a fresh process with these variables on top of a
    development environment (DEBUG=true); a variable set to None is unset."""
    unset = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "BEHIND_TLS_PROXY")
    clean = {key: value for key, value in os.environ.items() if key not in unset}
    env = {key: value for key, value in {**clean, "DEBUG": "true", **env}.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def django_check(env, *args):
    return manage(env, "check", *args)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false, not 'maybe'"),
        ({"DEBUG": None}, "SECRET_KEY must be set when DEBUG is off"),  # off unless asked for
        ({"DEBUG": "false"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "false", "SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters"),
        ({"DATABASE_URL": "mysql://db/factcheck"}, "DATABASE_URL must point at PostgreSQL or SQLite"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"CELERY_BROKER_URL": "amqp://localhost"}, "CELERY_BROKER_URL must be a redis:// or filesystem:// URL"),
        ({"JOB_STALE_SECONDS": "soon"}, "JOB_STALE_SECONDS must be a whole number, not 'soon'"),
        ({"IMPORT_MAX_UPLOAD_BYTES": "0"}, "IMPORT_MAX_UPLOAD_BYTES must be at least 1"),
        ({"CACHE_URL": "memcached://localhost"}, "CACHE_URL must be a redis:// URL"),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT must be at least 0"),
        ({"LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT must be at least 1"),
        ({"API_TOKEN_DAYS": "forever"}, "API_TOKEN_DAYS must be a whole number"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(env, message):
    result = django_check(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = django_check(PRODUCTION, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_with_nothing_set_a_server_refuses_to_start_rather_than_serve_tracebacks():
    result = django_check({"DEBUG": None, "SECRET_KEY": None})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


SECURE_REQUEST = """
from django.test import Client
response = Client().get("/healthz", HTTP_X_FORWARDED_PROTO="https")
print(response.status_code, response.get("Location", ""))
"""


@pytest.mark.parametrize("behind_proxy, answer", [("false", "301 https://testserver/healthz"), ("true", "200")])
def test_a_claim_to_be_on_https_is_believed_only_behind_a_declared_tls_proxy(behind_proxy, answer, tmp_path):
    env = {**PRODUCTION, "ALLOWED_HOSTS": "testserver", "BEHIND_TLS_PROXY": behind_proxy}
    env.update(VAR_DIR=str(tmp_path), CELERY_BROKER_URL="filesystem://")
    result = manage(env, "shell", "-v0", "-c", SECURE_REQUEST)
    assert result.returncode == 0, result.stderr
    # Without a proxy the header is a plain-HTTP client's word: it is sent to HTTPS.
    assert result.stdout.strip().splitlines()[-1] == answer
