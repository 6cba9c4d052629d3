"""The proponent reads the sub-committee's decision on their proposal page, and a proposal
approved in principle can be revised and submitted again."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import record_resolution
from smartcity.proposals.enums import ProposalState
from tests.accounts.factories import OrganisationFactory
from tests.committee.factories import add_proposal_item, evaluated, meeting_in_session
from tests.proposals.factories import member

CONDITIONS = "ปรับแผนการลงทุนให้ระบุแหล่งเงินทุนเอกชนรายปี <b>ให้ชัดเจน</b>"


@pytest.fixture
def decided(secretariat_user):
    proposal = evaluated(secretariat_user)
    meeting = meeting_in_session(secretariat_user)
    item = add_proposal_item(meeting=meeting, proposal=proposal, by=secretariat_user)
    record_resolution(
        item=item, outcome="approve_in_principle", conditions=CONDITIONS, by=secretariat_user
    )
    close_meeting(meeting=meeting, by=secretariat_user)
    release_results(meeting=meeting, by=secretariat_user)
    proposal.refresh_from_db()
    return proposal


def test_proponent_reads_the_conditions_and_resubmits(decided):
    assert decided.state == ProposalState.REVISING
    client = Client()
    client.force_login(member(decided.organisation))
    url = reverse("proposals:detail", args=[decided.pk])
    with translation.override("en"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'data-testid="decision-notice"' in html
    assert "ปรับแผนการลงทุนให้ระบุแหล่งเงินทุนเอกชนรายปี" in html
    assert "<b>ให้ชัดเจน</b>" not in html  # the secretariat's text is escaped
    assert "meeting 1/2026" in html  # the meeting that decided, in the reader's language and era

    response = client.post(reverse("proposals:submit", args=[decided.pk]))
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.state == ProposalState.REVISED
    assert decided.version_number == 2


def test_another_organisation_cannot_read_the_decision(decided):
    client = Client()
    client.force_login(member(OrganisationFactory()))
    response = client.get(reverse("proposals:detail", args=[decided.pk]))
    assert response.status_code == 404
    assert "ปรับแผนการลงทุน" not in response.text
