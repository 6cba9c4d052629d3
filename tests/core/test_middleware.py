"""The request log (one JSON line per request, no personal data) and the
Permissions-Policy header."""

import json
import logging

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.accounts.factories import UserFactory


def request_lines(caplog) -> list[dict]:
    return [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "smartcity.requests"
    ]


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.INFO, logger="smartcity.requests")
    return caplog


@pytest.mark.django_db
def test_request_log_is_one_json_line_without_the_query_string(request_log, anonymous):
    response = anonymous.get("/areas/?q=สมชาย+ใจดี&page=1")

    [line] = request_lines(request_log)
    assert set(line) == {
        "event",
        "method",
        "path",
        "status",
        "duration_ms",
        "user_id",
        "request_id",
    }
    assert (line["method"], line["path"], line["status"], line["user_id"]) == (
        "GET",
        "/areas/",
        200,
        None,
    )
    assert line["duration_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"]
    assert "สมชาย" not in request_log.text


@pytest.mark.django_db
def test_request_log_names_the_signed_in_user_by_id_only(request_log, client):
    user = UserFactory(full_name="สมศรี มีสุข", email="somsri@example.go.th")
    client.force_login(user)

    client.get("/accounts/me/")

    [line] = request_lines(request_log)
    assert line["user_id"] == user.pk
    assert "somsri" not in request_log.text
    assert "สมศรี" not in request_log.text


@pytest.mark.django_db
def test_request_log_hides_the_password_reset_token(request_log, anonymous):
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)

    anonymous.get(f"/accounts/password-reset/{uid}/{token}/")

    [line] = request_lines(request_log)
    assert line["path"] == "/accounts/password-reset/*/*/"
    assert token not in request_log.text


@pytest.mark.django_db
def test_request_id_from_the_proxy_is_kept_and_a_forged_one_replaced(request_log, anonymous):
    kept = anonymous.get("/verify/", headers={"X-Request-ID": "proxy-1234abcd"})
    replaced = anonymous.get("/verify/", headers={"X-Request-ID": 'x" "status": 200'})

    first, second = request_lines(request_log)
    assert (first["request_id"], kept["X-Request-ID"]) == ("proxy-1234abcd", "proxy-1234abcd")
    assert second["request_id"] == replaced["X-Request-ID"]
    assert len(second["request_id"]) == 32


@pytest.mark.django_db
def test_every_page_carries_the_permissions_and_referrer_policies(anonymous):
    response = anonymous.get("/verify/")

    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
