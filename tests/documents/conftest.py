"""Meetings and certified areas to print, and the personas who may (or may not) print them."""

import pytest
from django.test import Client

from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Meeting
from smartcity.committee.services.agenda import recuse_member
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.minutes import draft_minutes
from smartcity.committee.services.resolutions import record_resolution
from tests.committee.factories import (
    add_proposal_item,
    committee,
    evaluated,
    meeting_in_session,
    proposal_of,
)
from tests.committee.replay import (  # noqa: F401  (fixtures)
    STEERING_DAY,
    SUB_COMMITTEE_DAY,
    batch_b1,
    batch_b2_evaluated,
    decide,
)
from tests.proposals.factories import member


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def replayed(batch_b2_evaluated, secretariat_user):  # noqa: F811
    """Meeting 1/2565 of both committees, as in the programme's record: the sub-committee
    approved the fifteen B2 proposals, the steering committee acknowledged them on
    9 Nov 2022 and the results are released."""
    officer = secretariat_user
    proposals = batch_b2_evaluated
    sub = meeting_in_session(officer, CommitteeKind.SUB_COMMITTEE, held_on=SUB_COMMITTEE_DAY)
    decide(sub, proposals, "approve", officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING, held_on=STEERING_DAY)
    decide(steering, proposals, "acknowledge", officer)
    steering.refresh_from_db()
    return steering


@pytest.fixture
def agenda(db, secretariat_user):
    """A sub-committee meeting in session with two proposals on its agenda; the second
    committee member is recused from the second item."""
    meeting = meeting_in_session(secretariat_user)
    first = evaluated(secretariat_user)
    second = evaluated(secretariat_user, recommendation="approve_with_conditions")
    second.name_th, second.name_en = "เมืองอัจฉริยะริมน้ำทดสอบ", "Riverside Test Smart City"
    second.save(update_fields=["name_th", "name_en"])
    add_proposal_item(meeting=meeting, proposal=first, by=secretariat_user)
    item = add_proposal_item(meeting=meeting, proposal=second, by=secretariat_user)
    recused = meeting.committee.members.order_by("pk")[2]
    recuse_member(item=item, member=recused, reason="เป็นที่ปรึกษาของผู้ยื่นข้อเสนอ", by=secretariat_user)
    return meeting


def members_of(meeting: Meeting):
    """(an invited member not recused from anything, the recused member)."""
    seats = list(meeting.committee.members.order_by("pk"))
    return seats[3].user, seats[2].user


@pytest.fixture
def other_committee_member(db):
    """Sits on the steering committee, so is invited to none of the sub-committee's
    meetings."""
    return committee(CommitteeKind.STEERING).members.order_by("pk").first().user


@pytest.fixture
def applicant(agenda):
    """A member of the organisation that submitted the first proposal on the agenda."""
    proposal = proposal_of(agenda.items.order_by("position").first())
    return member(proposal.organisation, email="applicant@example.org")


RECUSED_TITLE = "เมืองอัจฉริยะริมน้ำทดสอบ"


def closed_with_minutes(meeting, officer):
    for item in meeting.items.all():
        record_resolution(item=item, outcome="approve", domains=["mobility"], by=officer)
    close_meeting(meeting=meeting, by=officer)
    return draft_minutes(meeting=meeting, by=officer)
