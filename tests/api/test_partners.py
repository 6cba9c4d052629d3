"""What a partner agency's token changes: a certificate's full history, its own higher
throttle, answers kept private; an anonymous client sees the public record, and a
refused token gets no answer at all. The tokens are issued and revoked through the
secretariat's services (tests/api/tokens/factories)."""

import pytest
from django.core.cache import cache

from smartcity.api.models import ApiTokenRequest
from smartcity.api.tokens.services import revoke_token
from smartcity.certification.serialisers import decision_records
from smartcity.committee.enums import CommitteeKind, Outcome
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import Vote, record_resolution
from smartcity.proposals.models import Proposal
from tests.accounts.factories import UserFactory
from tests.api.tokens.factories import issued
from tests.certification.views.certificates import suspended
from tests.committee.factories import add_proposal_item, evaluated, meeting_in_session

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


@pytest.fixture
def decided(secretariat_user):
    """A proposal approved by the sub-committee on a vote (4 for, 1 abstaining) as item 1
    of its meeting, then acknowledged by the steering committee: a certificate issued on
    the platform."""
    officer = secretariat_user
    sub = meeting_in_session(officer)
    item = add_proposal_item(meeting=sub, proposal=evaluated(officer), by=officer)
    record_resolution(
        item=item,
        outcome=Outcome.APPROVE,
        domains=["mobility"],
        vote=Vote(for_=4, against=0, abstaining=1),
        by=officer,
    )
    close_meeting(meeting=sub, by=officer)
    release_results(meeting=sub, by=officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)
    proposal = Proposal.objects.get(pk=item.subject_id)
    acknowledgement = add_proposal_item(meeting=steering, proposal=proposal, by=officer)
    record_resolution(item=acknowledgement, outcome=Outcome.ACKNOWLEDGE, by=officer)
    close_meeting(meeting=steering, by=officer)
    release_results(meeting=steering, by=officer)
    return Proposal.objects.get(pk=proposal.pk).certificate, sub, steering


def test_a_partner_reads_the_resolutions_behind_a_certificate(anonymous, partner_header, decided):
    certificate, sub, steering = decided
    path = f"/api/v1/certificates/{certificate.number}/"

    public = anonymous.get(path).json()
    partner = anonymous.get(path, headers=partner_header | {"Accept-Language": "en"}).json()

    assert "decisions" not in public
    approval, acknowledgement = partner["decisions"]
    assert (approval["meeting"]["reference"], approval["meeting"]["committee"]) == (
        sub.reference,
        "sub_committee",
    )
    assert (approval["agenda_item"], approval["outcome"], approval["domains"]) == (
        "1",
        "approve",
        ["mobility"],
    )
    assert (approval["votes_for"], approval["votes_against"], approval["votes_abstaining"]) == (
        4,
        0,
        1,
    )
    assert approval["outcome_label"] == "Approve"
    assert (acknowledgement["meeting"]["committee"], acknowledgement["outcome"]) == (
        "steering_committee",
        "acknowledge",
    )
    assert acknowledgement["votes_for"] is None  # by consensus: no vote recorded
    assert acknowledgement["meeting"]["reference"] == steering.reference


def test_an_imported_certificate_has_no_resolutions_on_the_platform(
    anonymous, partner_header, held
):
    partner = anonymous.get(f"/api/v1/certificates/{held.number}/", headers=partner_header)

    assert partner.json()["decisions"] == []


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


def test_the_resolutions_behind_a_certificate_are_read_in_one_query(
    decided, django_assert_num_queries
):
    certificate, _sub, _steering = decided
    with django_assert_num_queries(1):
        assert len(decision_records(certificate.number)) == 2
