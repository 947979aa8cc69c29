"""Docker cannot run here, so the compose file is checked statically: each
service's command must point at a real entry point of this repository, and
the environment it gives the app passes Django's deployment checks."""

import importlib
import re
import subprocess

import pytest
import yaml
from django.conf import settings

from factcheck.celery import app as celery_app

from .conftest import ROOT
from .test_settings import manage

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command_of(service):
    command = SERVICES[service]["command"]
    return " ".join(command)


def test_the_stack_has_the_four_services_and_a_tls_proxy():
    assert {"postgres", "redis", "web", "worker", "proxy"} <= set(SERVICES)
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


def test_gunicorn_is_reached_only_through_the_tls_proxy():
    assert "ports" not in SERVICES["web"]
    proxy = SERVICES["proxy"]
    assert any(port.split(":")[-1] == "443" for port in proxy["ports"])
    config, target = next(volume.split(":")[:2] for volume in proxy["volumes"] if "Caddyfile" in volume)
    assert target == "/etc/caddy/Caddyfile"
    caddyfile = (ROOT / config).read_text()
    assert re.search(r"^\s*reverse_proxy web:8000$", caddyfile, re.M)
    web = SERVICES["web"]["environment"]
    assert web["BEHIND_TLS_PROXY"] == "true"
    assert interpolate(web["SECURE_SSL_REDIRECT"], {}) == "true"


def interpolate(value, shell):
    """What docker compose makes of ``${NAME}``, ``${NAME:-default}`` and
    ``${NAME:?error}`` in a value, given the shell's variables."""

    def substitute(match):
        name, kind, fallback = match.groups()
        if shell.get(name):
            return shell[name]
        assert kind != "?", f"compose refuses to start without {name}: {fallback}"
        return fallback or ""

    return re.sub(r"\$\{(\w+)(?::([-?])([^}]*))?\}", substitute, str(value))


def readme_production_exports():
    """The variables the README's production section exports, as its shell lines set them."""
    section = (ROOT / "README.md").read_text().split("## Production: docker compose", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    exports = "\n".join(line for line in block.splitlines() if line.startswith("export "))
    assert "SECRET_KEY" in exports
    names = re.findall(r"\b(\w+)=", exports)
    script = exports + "\n" + "".join(f'printf "%s\\0" "{name}=${name}"\n' for name in names)
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    return dict(item.split("=", 1) for item in out.split("\0") if item)


def test_every_variable_the_readme_sets_for_the_app_reaches_it():
    exported = readme_production_exports()
    web = SERVICES["web"]["environment"]
    # POSTGRES_PASSWORD goes in DATABASE_URL, SITE_ADDRESS to the proxy.
    for name in set(exported) - {"POSTGRES_PASSWORD", "SITE_ADDRESS"}:
        assert name in web, f"the README sets {name}, which compose does not pass to the app"
        assert interpolate(web[name], exported) == exported[name]


REQUIRED = {"SECRET_KEY": "compose-default-secret-key-" + "0123456789" * 5, "POSTGRES_PASSWORD": "pw"}


@pytest.mark.parametrize("shell", [REQUIRED, "readme"], ids=["compose-defaults", "readme-production"])
def test_the_deployment_checks_pass_with_the_compose_environment(shell, tmp_path):
    shell = readme_production_exports() if shell == "readme" else shell
    env = {name: interpolate(value, shell) for name, value in SERVICES["web"]["environment"].items()}
    env["VAR_DIR"] = str(tmp_path)  # the image's /app/var
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
