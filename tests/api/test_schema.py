"""The generated schema holds: Schemathesis reads it from the app and sends each
operation a bounded number of generated requests (valid and not), checking that none
fails with a server error and that every answer conforms to what the schema says.

The schema is generated here as /api/v1/schema/ generates it (drf-spectacular's
generator), when the module is collected: Schemathesis's fixture-based loader does not
run under this pytest, and loading it through a request would need the database before
any test has one."""

import json

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from smartcity.wsgi import application

SCHEMA = "/api/v1/schema/?format=json"


def _generated() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_generated())
schema.app = application  # requests go to the app in this process, inside the test's transaction


@pytest.fixture(autouse=True)
def _many_requests_allowed(settings):
    # Hundreds of requests from one address in a minute: not what the throttle is for.
    settings.SMARTCITY_THROTTLES = {**settings.SMARTCITY_THROTTLES, "api": (100_000, 60)}


@pytest.mark.django_db
@pytest.mark.usefixtures("programme_data")
@schema.parametrize()
@hypothesis_settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    # The programme's data is loaded once per operation, not per example: the API only reads.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_the_schema_says(case):
    # The app is called as a server calls it, so each request sends request_started and
    # request_finished, whose close_old_connections would close the test's own connection
    # (on PostgreSQL, inside its transaction); Django's test client holds it off the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        response = case.call()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])


@pytest.mark.django_db
def test_schema_names_the_partner_token_scheme(client):
    served = client.get(SCHEMA).json()

    scheme = served["components"]["securitySchemes"]["partnerToken"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    operations = [op for path in served["paths"].values() for op in path.values()]
    assert all({"partnerToken": []} in op["security"] for op in operations)
    assert all({} in op["security"] for op in operations)  # anonymous too
    assert served == _generated()


def test_the_schema_generates_without_a_warning_and_validates(tmp_path):
    """drf-spectacular warns of what it cannot describe (an authenticator, a field) and
    leaves it out; --fail-on-warn turns that into an error."""
    out = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    assert "partnerToken" in out.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_redoc_alone_allows_styles_with_its_own_nonce(client):
    redoc = client.get("/api/v1/redoc/")
    swagger = client.get("/api/v1/docs/")

    policy = redoc.headers["Content-Security-Policy"]
    styles = next(d for d in policy.split("; ") if d.startswith("style-src"))
    [nonce] = [s[len("'nonce-") : -1] for s in styles.split() if s.startswith("'nonce-")]
    body = redoc.content.decode()
    assert body.count(f'data-nonce="{nonce}"') == 2  # Redoc's element and the stamping script
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self';" in policy + ";"  # scripts: our own files only
    assert "<style" not in body and "<script>" not in body
    assert "nonce-" not in swagger.headers["Content-Security-Policy"]
    assert client.get("/api/v1/redoc/").headers["Content-Security-Policy"] != policy  # per request


@pytest.mark.django_db
def test_the_open_data_page_links_both_readings_of_the_schema(client):
    page = client.get("/open-data/").content.decode()

    assert 'href="/api/v1/docs/"' in page and 'href="/api/v1/redoc/"' in page
