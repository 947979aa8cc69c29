"""Docker cannot run here, so the compose file is checked statically: each
service's command must point at a real entry point of this repository."""

import importlib
import re

import pytest
import yaml
from django.conf import settings

from factcheck.celery import app as celery_app

from .conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command_of(service):
    command = SERVICES[service]["command"]
    return " ".join(command)


def test_the_stack_has_the_four_services():
    assert {"postgres", "redis", "web", "worker"} <= set(SERVICES)
    assert {"pgdata", "media"} <= set(COMPOSE["volumes"])


def test_web_migrates_then_serves_the_wsgi_application_with_gunicorn():
    command = command_of("web")
    assert command.index("manage.py migrate") < command.index("gunicorn")
    module, attribute = re.search(r"gunicorn (\S+):(\S+)", command).groups()
    assert callable(getattr(importlib.import_module(module), attribute))


@pytest.mark.parametrize("service", ["worker", "export-worker"])
def test_workers_run_this_projects_celery_app_on_its_queues(service):
    command = SERVICES[service]["command"]
    assert command[:4] == ["celery", "-A", "factcheck", "worker"]
    assert importlib.import_module(command[2]).celery_app is celery_app
    queues = set(command[command.index("-Q") + 1].split(","))
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} | {"default"}
    assert queues <= routed


def test_every_routed_queue_has_a_worker():
    consumed = set()
    for service in ("worker", "export-worker"):
        command = SERVICES[service]["command"]
        consumed |= set(command[command.index("-Q") + 1].split(","))
    assert {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} <= consumed


def test_app_services_share_the_database_broker_and_media():
    for service in ("web", "worker", "export-worker"):
        env = SERVICES[service]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
        assert env["DEBUG"] == "false"
        assert "media:/app/var/media" in SERVICES[service]["volumes"]
        assert SERVICES[service]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_every_service_has_a_healthcheck():
    for name, service in SERVICES.items():
        assert service.get("healthcheck", {}).get("test"), name


def test_the_dockerfile_installs_the_locked_dependencies():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.lock" in dockerfile
    assert "collectstatic" in dockerfile
