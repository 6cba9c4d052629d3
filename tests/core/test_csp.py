"""The Content-Security-Policy header on every family of pages, and the endpoint browsers
send violations to."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import path

from smartcity import urls as site_urls
from tests.accounts.factories import UserFactory
from tests.dashboard.world import client_for


def boom(request):
    raise RuntimeError("a bug")


# The site's pages plus one that fails, for the 500 page.
urlpatterns = [path("boom", boom), *site_urls.urlpatterns]

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
    "report-uri": "/csp-report",
}


def logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "smartcity.csp"]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.fixture
def applicant(db):
    from tests.proposals.factories import ProposalFactory, member

    return member(ProposalFactory().organisation)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("anonymous", "/", 200),
        ("anonymous", "/verify/", 200),
        ("anonymous", "/accounts/login/", 200),
        ("applicant", "/proposals/", 200),
        ("applicant", "/secretariat/proposals/", 403),
        ("secretariat", "/secretariat/evaluation/", 200),
        ("admin", "/admin/", 200),
        ("anonymous", "/no-such-page/", 404),
        ("anonymous", "/boom", 500),
    ],
)
def test_every_page_family_carries_the_policy(who, url, status, applicant, programme_data):
    user = {
        "anonymous": None,
        "applicant": applicant,
        "secretariat": UserFactory(is_secretariat=True, is_staff=True),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }[who]
    client = client_for(user) if user else Client(raise_request_exception=False)

    response = client.get(url)

    assert response.status_code == status
    assert {k: v for k, v in directives(response).items() if k in POLICY} == POLICY


@pytest.fixture
def reports():
    cache.clear()
    yield Client()
    cache.clear()


def violation(directive="script-src-elem", blocked="https://cdn.example.com/x.js?token=secret"):
    return json.dumps(
        {
            "csp-report": {
                "document-uri": "https://smartcity.example.go.th/proposals/4/?email=a@b.th",
                "referrer": "",
                "effective-directive": directive,
                "violated-directive": directive,
                "original-policy": "default-src 'self'",
                "blocked-uri": blocked,
                "status-code": 200,
            }
        }
    )


def test_a_violation_is_logged_with_its_directive_and_address_only(reports, caplog):
    with caplog.at_level(logging.WARNING, logger="smartcity.csp"):
        response = reports.post("/csp-report", violation(), content_type="application/csp-report")

    assert response.status_code == 204
    assert [r.getMessage() for r in logged(caplog)] == [
        "CSP violation: script-src-elem blocked https://cdn.example.com/x.js"
    ]
    assert "secret" not in caplog.text and "a@b.th" not in caplog.text


def test_a_reporting_api_violation_is_logged_too(reports, caplog):
    body = [
        {
            "type": "csp-violation",
            "body": {"effectiveDirective": "style-src-attr", "blockedURL": "inline"},
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="smartcity.csp"):
        response = reports.post(
            "/csp-report", json.dumps(body), content_type="application/reports+json"
        )

    assert response.status_code == 204
    assert [r.getMessage() for r in logged(caplog)] == [
        "CSP violation: style-src-attr blocked inline"
    ]


@pytest.mark.parametrize("body", ["not json", json.dumps({"something": "else"}), ""])
def test_a_body_that_is_not_a_report_is_refused_and_not_logged(reports, caplog, body):
    with caplog.at_level(logging.WARNING, logger="smartcity.csp"):
        response = reports.post("/csp-report", body, content_type="application/csp-report")

    assert (response.status_code, logged(caplog)) == (400, [])


def test_the_report_endpoint_takes_only_post(reports):
    assert reports.get("/csp-report").status_code == 405


@override_settings(CSP_REPORTS_PER_MINUTE=3)
def test_a_flood_of_reports_is_cut_off_and_stops_filling_the_log(reports, caplog):
    with caplog.at_level(logging.WARNING, logger="smartcity.csp"):
        statuses = [
            reports.post(
                "/csp-report", violation(), content_type="application/csp-report"
            ).status_code
            for _ in range(5)
        ]

    assert statuses == [204] * 5
    assert len(logged(caplog)) == 3


def test_an_oversized_report_is_not_read(reports, caplog):
    huge = violation(blocked="https://example.com/" + "a" * 20_000)
    with caplog.at_level(logging.WARNING, logger="smartcity.csp"):
        response = reports.post("/csp-report", huge, content_type="application/csp-report")

    assert (response.status_code, logged(caplog)) == (413, [])
