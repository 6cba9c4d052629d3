"""What a partner agency's token changes: a certificate's full history, its own higher
throttle, answers kept private; an anonymous client sees the public record, and a
refused token gets no answer at all. The tokens are issued and revoked through the
secretariat's services (tests/api/tokens/factories)."""

import pytest
from django.core.cache import cache

from smartcity.api.models import ApiTokenRequest
from smartcity.api.tokens.services import revoke_token
from tests.accounts.factories import UserFactory
from tests.api.tokens.factories import issued
from tests.certification.views.certificates import suspended

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    return issued()


@pytest.fixture
def partner_header(token):
    """The header a partner agency sends with the token the secretariat issued it."""
    _, secret = token
    return {"Authorization": f"Token {secret}"}


@pytest.fixture
def held(secretariat_user):
    return suspended(secretariat_user)


def test_a_partner_sees_when_each_event_was_recorded(anonymous, partner_header, held):
    path = f"/api/v1/certificates/{held.number}/"

    public = anonymous.get(path).json()
    partner = anonymous.get(path, headers=partner_header).json()

    assert [e["event"] for e in partner["history"]] == ["certified", "suspended"]
    assert all("recorded_at" in e for e in partner["history"])
    assert not any("recorded_at" in e for e in public["history"])
    decision = partner["history"][-1]
    assert (decision["meeting"]["reference"], decision["meeting"]["committee"]) == (
        "1/2567",
        "steering_committee",
    )
    assert decision["reason"] == "ไม่ส่งรายงานความก้าวหน้าตามกำหนด"


def test_the_public_record_is_the_verification_json(anonymous, partner_header, held):
    api = anonymous.get(f"/api/v1/certificates/{held.number}/").json()
    verify = anonymous.get(f"/verify/{held.number}.json").json()

    assert {k: v for k, v in api.items() if k != "verified_at"} == {
        k: v for k, v in verify.items() if k != "verified_at"
    }


def test_an_area_s_certificates_carry_the_partner_s_history_too(anonymous, partner_header, held):
    data = anonymous.get(f"/api/v1/areas/{held.area_id}/", headers=partner_header).json()

    assert all("recorded_at" in e for e in data["certificates"][0]["history"])


def test_a_revoked_token_gets_no_answer(anonymous, token, partner_header, held):
    revoke_token(
        token=token[0], reason="หน่วยงานแจ้งว่ากุญแจรั่วไหล", by=UserFactory(is_secretariat=True)
    )

    response = anonymous.get(f"/api/v1/certificates/{held.number}/", headers=partner_header)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "history" not in response.json()


def test_an_unknown_token_gets_no_answer(anonymous, held):
    response = anonymous.get(
        f"/api/v1/certificates/{held.number}/", headers={"Authorization": "Token not-issued"}
    )

    assert response.status_code == 401
    assert "history" not in response.json()


def test_every_request_with_a_token_is_logged(anonymous, token, partner_header, held):
    anonymous.get(f"/api/v1/certificates/{held.number}/", headers=partner_header)
    anonymous.get("/api/v1/certificates/SCT-0000-000/", headers=partner_header)
    anonymous.get("/api/v1/regions/")  # anonymous: nobody's log

    rows = ApiTokenRequest.objects.filter(token=token[0]).order_by("at", "id")
    assert [(r.path, r.status) for r in rows] == [
        (f"/api/v1/certificates/{held.number}/", 200),
        ("/api/v1/certificates/SCT-0000-000/", 404),
    ]
    assert ApiTokenRequest.objects.count() == 2


def test_a_partner_s_answers_are_private_and_tagged_apart(anonymous, partner_header, held):
    path = f"/api/v1/certificates/{held.number}/"

    public = anonymous.get(path)
    partner = anonymous.get(path, headers=partner_header)
    cross = anonymous.get(path, headers={**partner_header, "If-None-Match": public["ETag"]})

    assert "private" in partner["Cache-Control"]
    assert "public" in public["Cache-Control"]
    assert partner["ETag"] != public["ETag"]
    assert cross.status_code == 200
    assert "Authorization" in partner["Vary"]


def test_a_partner_has_its_own_higher_throttle(anonymous, partner_header, settings):
    settings.SMARTCITY_THROTTLES = {
        **settings.SMARTCITY_THROTTLES,
        "api": (1, 60),
        "api_partner": (3, 60),
    }
    cache.clear()

    anonymous_statuses = [
        anonymous.get("/api/v1/regions/", {"page_size": n}).status_code for n in (5, 6)
    ]
    partner_statuses = [
        anonymous.get("/api/v1/regions/", headers=partner_header).status_code for _ in range(4)
    ]

    assert anonymous_statuses == [200, 429]
    assert partner_statuses == [200, 200, 200, 429]
