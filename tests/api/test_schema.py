"""The OpenAPI schema is valid, its docs work offline, and the API keeps
the schema's promises under generated requests (schemathesis)."""

import pytest
import schemathesis
import yaml
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from annotations.exporters import EXPORTERS
from annotations.models import ApiToken
from factcheck.wsgi import application

from ..conftest import SEED_TEXT, client_for
from ..factories import ArticleFactory, ProjectFactory, member


def test_the_schema_passes_validation_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/claims/{id}/take/" in (tmp_path / "schema.yaml").read_text()


def test_every_operation_documents_its_errors_in_the_one_shape(tmp_path):
    call_command("spectacular", "--file", str(tmp_path / "schema.yaml"))
    operations = {
        f"{method.upper()} {path}": operation
        for path, methods in yaml.safe_load((tmp_path / "schema.yaml").read_text())["paths"].items()
        for method, operation in methods.items()
    }
    for name, operation in operations.items():
        errors = {code: response for code, response in operation["responses"].items() if code >= "400"}
        assert {"401", "403"} <= set(errors) or name == "POST /api/v1/auth/token/", name
        queried = any(parameter["in"] == "query" for parameter in operation.get("parameters", []))
        assert "400" in errors or not (queried or not name.startswith("GET")), name
        assert "{" not in name or "404" in errors, name
        for response in errors.values():
            assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert {"409", "412", "413", "415", "503"} <= set(operations["PATCH /api/v1/claims/{id}/"]["responses"])
    assert "429" in operations["POST /api/v1/auth/token/"]["responses"]
    download = operations["GET /api/v1/export-jobs/{id}/download/"]["responses"]
    assert {"409", "410"} <= set(download)
    for exporter in EXPORTERS.values():
        assert exporter.content_type.split(";")[0] in download["200"]["content"], exporter


@pytest.mark.django_db
def test_the_docs_page_loads_its_assets_from_this_app():
    page = client_for().get("/api/docs/", SERVER_NAME="localhost").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


schema = schemathesis.openapi.from_wsgi("/api/schema/", application, headers={"Host": "localhost"})


@pytest.fixture
def token(db):
    project = ProjectFactory(slug="fuzz", language="id")
    project.install_rating_preset("id")
    user = member(project, "admin", user__username="fuzzer")
    ArticleFactory(project=project, text=SEED_TEXT)
    # The requests go through the real WSGI handler, which closes the
    # database connection after each one; the test's transaction must live.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield ApiToken.objects.issue(user=user)[1]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_the_schemas_promises(case, token):
    """Every check schemathesis has, as a project admin with DEBUG off: no 5xx;
    every status, content type, header and body documented; requests the
    schema forbids refused; no answer without credentials; unlisted methods 405.

    All but one: that every request the schema allows is accepted. The
    schema cannot say that an id must be one of the caller's projects (any
    other is refused as unknown, L4), that a cursor must come from the API,
    or that a password must be right; those answers are documented 400s.
    (About 6,400 cases: 5,400 from the coverage phase, 15 generated per operation.)"""
    assert not django_settings.DEBUG
    headers = {"Authorization": f"Token {token}", "Host": "localhost"}
    response = case.call(headers=headers)
    case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])
