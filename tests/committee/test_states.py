"""The state groups of the committee's enums, and what may be done with a meeting in every
one of its states. Moving a state in or out of a group changes a table here on purpose."""

import datetime as dt

import pytest
import rules
from django.utils import translation

from smartcity.committee.enums import (
    Attendance,
    CommitteeKind,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.committee.models import Meeting, Minutes, Resolution
from smartcity.committee.selectors import minutes_for
from smartcity.committee.services.agenda import add_information_item, recuse_member
from smartcity.committee.services.attendance import record_attendance
from smartcity.committee.services.meetings import MeetingError, schedule_meeting
from smartcity.committee.services.minutes import draft_minutes
from smartcity.committee.services.resolutions import record_resolution
from tests.accounts.factories import UserFactory
from tests.committee.factories import committee

M = MeetingStatus
MN = MinutesStatus

GROUPS = [
    (M.in_progress, {M.SCHEDULED, M.IN_SESSION, M.CLOSED}),
    (M.editable, {M.SCHEDULED, M.IN_SESSION}),
    (M.resolving, {M.IN_SESSION, M.CLOSED}),
    (M.concluded, {M.CLOSED, M.RELEASED}),
    (M.over, {M.RELEASED, M.CANCELLED, M.HISTORICAL}),
    (M.public, {M.RELEASED, M.HISTORICAL}),
    (Attendance.present, {Attendance.PRESENT, Attendance.ONLINE}),
    (MN.shared_with_members, {MN.CIRCULATED, MN.ADOPTED}),
]


@pytest.mark.parametrize(("group", "expected"), GROUPS, ids=lambda g: getattr(g, "__name__", ""))
def test_each_state_group_holds_exactly_its_states(group, expected):
    assert group() == frozenset(expected)


def test_a_meeting_is_either_in_progress_or_over():
    assert M.in_progress() | M.over() == frozenset(M)
    assert M.in_progress() & M.over() == frozenset()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def meeting_in(officer, status) -> Meeting:
    """A meeting with everyone present and one matter for information, put in `status`
    as the arrangement of a test."""
    meeting = schedule_meeting(
        committee=committee(CommitteeKind.SUB_COMMITTEE),
        held_on=dt.date(2026, 11, 20),
        place="ห้องประชุม ดีป้า",
        by=officer,
    )
    record_attendance(
        meeting=meeting,
        attendance={row.pk: Attendance.PRESENT for row in meeting.attendees.all()},
        by=officer,
    )
    add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้า", by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


def _attendance(meeting, officer):
    row = meeting.attendees.order_by("pk").first()
    record_attendance(meeting=meeting, attendance={row.pk: Attendance.ONLINE}, by=officer)


def _agenda(meeting, officer):
    add_information_item(meeting=meeting, title_th="เรื่องแจ้งเพื่อทราบ", by=officer)


def _recusal(meeting, officer):
    member = meeting.attendees.order_by("pk").first().member
    recuse_member(item=meeting.items.get(), member=member, reason="มีส่วนได้เสีย", by=officer)


def _resolution(meeting, officer):
    record_resolution(item=meeting.items.get(), outcome=Outcome.NOTED, by=officer)


def _minutes(meeting, officer):
    draft_minutes(meeting=meeting, by=officer)


ACTIONS = {
    "attendance": _attendance,
    "agenda": _agenda,
    "recusal": _recusal,
    "resolution": _resolution,
    "minutes": _minutes,
}
# What the secretariat may do with a meeting in each of its states.
ALLOWED = {
    M.SCHEDULED: {"attendance", "agenda", "recusal"},
    M.IN_SESSION: {"attendance", "agenda", "recusal", "resolution"},
    M.CLOSED: {"recusal", "resolution", "minutes"},
    M.RELEASED: {"minutes"},
    M.CANCELLED: set(),
    M.HISTORICAL: set(),
}


def test_the_table_covers_every_meeting_status():
    assert set(ALLOWED) == set(M)


@pytest.mark.parametrize("status", list(M))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_what_the_secretariat_may_do_in_every_meeting_status(officer, status, action):
    meeting = meeting_in(officer, status)

    if action in ALLOWED[status]:
        ACTIONS[action](meeting, officer)
    else:
        with pytest.raises(MeetingError):
            ACTIONS[action](meeting, officer)


@pytest.mark.parametrize("status", list(M))
def test_who_may_see_a_meeting_does_not_depend_on_its_status(officer, status):
    meeting = meeting_in(officer, status)
    invited = meeting.attendees.order_by("pk").first().member.user
    outsider = UserFactory()

    seen = [rules.has_perm("committee.view_meeting", u, meeting) for u in (officer, invited)]

    assert seen == [True, True]
    assert rules.has_perm("committee.view_meeting", outsider, meeting) is False


@pytest.mark.parametrize("status", list(MN))
def test_members_read_the_minutes_once_shared_with_them(officer, status):
    meeting = meeting_in(officer, M.CLOSED)
    Minutes.objects.create(meeting=meeting, body="รายงานการประชุม", status=status)
    member = meeting.attendees.order_by("pk").first().member.user

    read = minutes_for(meeting, member)

    expected = "รายงานการประชุม" if status in {MN.CIRCULATED, MN.ADOPTED} else None
    assert read == expected
    assert minutes_for(meeting, officer) == "รายงานการประชุม"


@pytest.mark.parametrize("status", list(ResolutionStatus))
def test_a_released_resolution_cannot_change_and_a_pending_one_can(officer, status):
    meeting = meeting_in(officer, M.CLOSED)
    item = meeting.items.get()
    Resolution.objects.create(item=item, outcome=Outcome.NOTED, status=status)

    if status == ResolutionStatus.RELEASED:
        with pytest.raises(MeetingError, match="released"):
            _resolution(meeting, officer)
    else:
        _resolution(meeting, officer)
    assert Resolution.objects.get(item=item).is_released is (status == ResolutionStatus.RELEASED)
