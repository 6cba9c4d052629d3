"""A partner's token on an API request, through a small view of the tests' own
(tests/api/tokens/urls.py) and the real middleware stack."""

import datetime as dt

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from smartcity.api.models import ApiToken, ApiTokenRequest
from smartcity.api.tokens.services import revoke_token
from tests.api.tokens.factories import issued

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.tokens.urls")]
PROBE = "/probe/"


def ask(secret=None, *, scheme="Token", language="th", path=PROBE):
    headers = {"Accept-Language": language}
    if secret is not None:
        headers["Authorization"] = f"{scheme} {secret}"
    return Client().get(path, headers=headers)


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "token"])
def test_a_valid_token_is_the_requests_auth_and_its_request_is_logged(scheme):
    token, secret = issued()

    response = ask(secret, scheme=scheme, path=f"{PROBE}?province=10&page=2")

    assert response.status_code == 200
    assert response.json() == {"token": token.pk, "anonymous": True}
    row = ApiTokenRequest.objects.get()
    assert (row.token, row.method, row.path, row.status) == (
        token,
        "GET",
        "/probe/?province=10&page=2",
        200,
    )
    assert row.ip == "127.0.0.1"
    assert row.duration_ms >= 0
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_no_header_is_anonymous_and_logs_nothing():
    response = ask()

    assert response.json() == {"token": None, "anonymous": True}
    assert ApiTokenRequest.objects.count() == 0


def test_another_scheme_is_left_to_other_authenticators():
    assert ask("dXNlcjpwYXNz", scheme="Basic").json() == {"token": None, "anonymous": True}


@pytest.mark.parametrize(
    ("language", "message"),
    [("th", "ถูกเพิกถอนเมื่อ"), ("en", "This token was revoked on")],
)
def test_a_revoked_token_is_refused_in_the_readers_language(language, message, secretariat_user):
    token, secret = issued(by=secretariat_user)
    revoke_token(token=token, reason="สิ้นสุดความร่วมมือ", by=secretariat_user)

    response = ask(secret, language=language)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert message in response.json()["detail"]
    # Still logged on the token, so the secretariat sees it being used after revocation.
    assert list(ApiTokenRequest.objects.values_list("token", "status")) == [(token.pk, 401)]


@pytest.mark.parametrize(("language", "message"), [("th", "หมดอายุ"), ("en", "expired")])
def test_an_expired_token_is_refused(language, message):
    token, secret = issued()
    ApiToken.objects.filter(pk=token.pk).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )

    response = ask(secret, language=language)

    assert response.status_code == 401
    assert message in response.json()["detail"]


def test_a_token_works_on_its_last_day():
    _, secret = issued(expires_on=timezone.localdate())

    assert ask(secret).status_code == 200


@pytest.mark.parametrize(("language", "message"), [("th", "ไม่ถูกต้อง"), ("en", "not valid")])
def test_a_wrong_secret_is_refused_and_logged_nowhere(language, message):
    _, secret = issued()

    response = ask(secret[:-1] + ("A" if secret[-1] != "A" else "B"), language=language)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert message in response.json()["detail"]
    assert ApiTokenRequest.objects.count() == 0


def test_a_header_with_a_space_in_the_secret_is_refused():
    _, secret = issued()

    response = ask(f"{secret} extra", language="en")

    assert response.status_code == 401
    assert "Authorization: Token" in response.json()["detail"]


def test_last_used_is_written_once_a_minute_not_per_request():
    token, secret = issued()
    ask(secret)
    first = ApiToken.objects.get(pk=token.pk).last_used_at

    for _ in range(3):
        ask(secret)

    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    assert ApiTokenRequest.objects.count() == 4


def test_a_log_that_cannot_be_written_does_not_break_the_response(caplog):
    _, secret = issued()

    def refuse_log_rows(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "api_apitokenrequest"'):
            raise OperationalError("disk full")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_log_rows):
        response = ask(secret)

    assert response.status_code == 200
    assert "could not be logged" in caplog.text
