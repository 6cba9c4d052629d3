"""What a partner agency's token changes: a certificate's full history, its own higher
throttle, answers kept private; an anonymous client sees the public record, and a
refused token gets no answer at all.

The tokens themselves are written in another branch; PartnerHeader (tests/api/helpers)
stands in for their authentication class, as api.access describes."""

import pytest
from django.core.cache import cache

from tests.api.helpers import PARTNER_KEY, PARTNER_SETTINGS
from tests.certification.views.certificates import suspended

pytestmark = pytest.mark.django_db

PARTNER = {"Authorization": f"Token {PARTNER_KEY}"}


@pytest.fixture
def partners_accepted(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, **PARTNER_SETTINGS}


@pytest.fixture
def held(secretariat_user):
    return suspended(secretariat_user)


def test_a_partner_sees_when_each_event_was_recorded(anonymous, partners_accepted, held):
    path = f"/api/v1/certificates/{held.number}/"

    public = anonymous.get(path).json()
    partner = anonymous.get(path, headers=PARTNER).json()

    assert [e["event"] for e in partner["history"]] == ["certified", "suspended"]
    assert all("recorded_at" in e for e in partner["history"])
    assert not any("recorded_at" in e for e in public["history"])
    decision = partner["history"][-1]
    assert (decision["meeting"]["reference"], decision["meeting"]["committee"]) == (
        "1/2567",
        "steering_committee",
    )
    assert decision["reason"] == "ไม่ส่งรายงานความก้าวหน้าตามกำหนด"


def test_the_public_record_is_the_verification_json(anonymous, partners_accepted, held):
    api = anonymous.get(f"/api/v1/certificates/{held.number}/").json()
    verify = anonymous.get(f"/verify/{held.number}.json").json()

    assert {k: v for k, v in api.items() if k != "verified_at"} == {
        k: v for k, v in verify.items() if k != "verified_at"
    }


def test_an_area_s_certificates_carry_the_partner_s_history_too(anonymous, partners_accepted, held):
    data = anonymous.get(f"/api/v1/areas/{held.area_id}/", headers=PARTNER).json()

    assert all("recorded_at" in e for e in data["certificates"][0]["history"])


def test_a_refused_token_gets_no_answer(anonymous, partners_accepted, held):
    response = anonymous.get(
        f"/api/v1/certificates/{held.number}/", headers={"Authorization": "Token revoked"}
    )

    assert response.status_code == 401
    assert "history" not in response.json()


def test_a_partner_s_answers_are_private_and_tagged_apart(anonymous, partners_accepted, held):
    path = f"/api/v1/certificates/{held.number}/"

    public = anonymous.get(path)
    partner = anonymous.get(path, headers=PARTNER)
    cross = anonymous.get(path, headers={**PARTNER, "If-None-Match": public["ETag"]})

    assert "private" in partner["Cache-Control"]
    assert "public" in public["Cache-Control"]
    assert partner["ETag"] != public["ETag"]
    assert cross.status_code == 200
    assert "Authorization" in partner["Vary"]


def test_a_partner_has_its_own_higher_throttle(anonymous, partners_accepted, settings):
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
        anonymous.get("/api/v1/regions/", headers=PARTNER).status_code for _ in range(4)
    ]

    assert anonymous_statuses == [200, 429]
    assert partner_statuses == [200, 200, 200, 429]
