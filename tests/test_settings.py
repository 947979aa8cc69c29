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


def django_check(env, *args):
    unset = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false, not 'maybe'"),
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
