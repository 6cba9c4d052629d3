"""A meeting's life: its status moves only along MEETING_TRANSITIONS; it closes only with
a quorum (present in the room or online); attendance is frozen once it closes."""

import datetime as dt
import itertools

import pytest
from django.utils import translation

from smartcity.committee.enums import Attendance, CommitteeKind, MeetingStatus
from smartcity.committee.models import Committee, Meeting
from smartcity.committee.quorum import quorum
from smartcity.committee.services.attendance import record_attendance
from smartcity.committee.services.meetings import (
    MEETING_TRANSITIONS,
    MeetingError,
    cancel_meeting,
    close_meeting,
    open_meeting,
    reopen_meeting,
    schedule_meeting,
    transition_meeting,
)
from smartcity.committee.services.release import release_results
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.committee.factories import committee, meeting_in_session

M = MeetingStatus


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def scheduled(officer, members=5):
    return schedule_meeting(
        committee=committee(CommitteeKind.SUB_COMMITTEE, members=members),
        held_on=dt.date(2026, 11, 20),
        place="ห้องประชุม ดีป้า",
        by=officer,
    )


def attend(meeting, officer, *values):
    """Record the attendance of the invited members, in invitation order."""
    rows = list(meeting.attendees.order_by("pk"))
    return record_attendance(
        meeting=meeting,
        attendance={row.pk: v for row, v in zip(rows, values, strict=False)},
        by=officer,
    )


def in_status(officer, status):
    """A meeting with everyone present, put in `status` as the arrangement of a test."""
    meeting = scheduled(officer)
    attend(meeting, officer, *[Attendance.PRESENT] * 5)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


# The service each allowed move is made with.
ACTIONS = {
    "open": lambda meeting, by: open_meeting(meeting=meeting, by=by),
    "close": lambda meeting, by: close_meeting(meeting=meeting, by=by),
    "reopen": lambda meeting, by: reopen_meeting(meeting=meeting, by=by),
    "cancel": lambda meeting, by: cancel_meeting(meeting=meeting, reason="เลื่อน", by=by),
    "release": lambda meeting, by: release_results(meeting=meeting, by=by),
}
ALL_PAIRS = list(itertools.product(M.values, M.values))
REFUSED = [pair for pair in ALL_PAIRS if pair not in MEETING_TRANSITIONS]


def test_every_verb_of_the_table_has_a_service():
    assert set(MEETING_TRANSITIONS.values()) == set(ACTIONS)


# Audit rows say what happened, in the past tense.
AUDIT_ACTIONS = {
    "open": "committee.meeting.opened",
    "cancel": "committee.meeting.cancelled",
    "close": "committee.meeting.closed",
    "reopen": "committee.meeting.reopened",
    "release": "committee.meeting.released",
}


@pytest.mark.parametrize(("source", "target"), list(MEETING_TRANSITIONS))
def test_every_allowed_move_works_and_is_audited(officer, source, target):
    meeting = in_status(officer, source)
    verb = MEETING_TRANSITIONS[(source, target)]

    ACTIONS[verb](meeting, officer)

    meeting.refresh_from_db()
    assert meeting.status == target
    entry = AuditEntry.objects.for_object(meeting).get(action=AUDIT_ACTIONS[verb])
    assert (entry.before, entry.after) == ({"status": source}, {"status": target})


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused_with_a_readable_message(officer, source, target):
    meeting = in_status(officer, source)

    with pytest.raises(MeetingError) as error:
        transition_meeting(meeting=meeting, to_status=target, by=officer)

    if target == M.RELEASED:
        expected = "A meeting becomes “released” only by releasing its results."
    else:
        expected = f"A meeting that is “{M(source).label}” cannot become “{M(target).label}”."
    assert str(error.value) == expected
    meeting.refresh_from_db()
    assert meeting.status == source


def test_an_unknown_status_is_refused_with_a_message_not_a_crash(officer):
    meeting = in_status(officer, M.SCHEDULED)

    with pytest.raises(MeetingError, match="cannot become “adjourned”"):
        transition_meeting(meeting=meeting, to_status="adjourned", by=officer)


def test_cancelling_needs_a_reason_and_keeps_it_in_the_audit(officer):
    meeting = scheduled(officer)

    with pytest.raises(MeetingError, match="Give the reason for cancelling"):
        cancel_meeting(meeting=meeting, reason="  ", by=officer)
    cancel_meeting(meeting=meeting, reason="ประธานติดภารกิจ", by=officer)

    entry = AuditEntry.objects.for_object(meeting).get(action="committee.meeting.cancelled")
    assert entry.note == "ประธานติดภารกิจ"


@pytest.mark.parametrize(
    ("serving", "quorum_members", "required"),
    [
        (0, None, 1),
        (1, None, 1),
        (4, None, 2),
        (5, None, 3),  # half of five, rounded up
        (7, None, 4),
        (12, None, 6),
        (7, 2, 2),  # the committee's own rule
        (3, 5, 5),
    ],
)
def test_quorum_is_half_the_serving_members_rounded_up_unless_set(
    serving, quorum_members, required
):
    board = Committee(kind=CommitteeKind.SUB_COMMITTEE, quorum_members=quorum_members)

    assert board.quorum_for(serving) == required


def test_members_present_online_count_towards_the_quorum(officer):
    meeting = scheduled(officer)

    result = attend(
        meeting,
        officer,
        Attendance.PRESENT,
        Attendance.ONLINE,
        Attendance.ONLINE,
        Attendance.ABSENT,
        Attendance.INVITED,
    )

    assert (result.invited, result.present, result.required, result.reached) == (5, 3, 3, True)


def test_the_committees_own_quorum_rule_applies(officer):
    meeting = scheduled(officer)
    Committee.objects.filter(pk=meeting.committee_id).update(quorum_members=4)
    meeting.refresh_from_db()

    result = attend(meeting, officer, *[Attendance.PRESENT] * 3, Attendance.ABSENT)

    assert (result.present, result.required, result.reached) == (3, 4, False)


def test_a_meeting_without_quorum_cannot_close(officer):
    meeting = meeting_in_session(officer, present=2)  # two of five

    with pytest.raises(MeetingError, match="The meeting has no quorum"):
        close_meeting(meeting=meeting, by=officer)

    meeting.refresh_from_db()
    assert meeting.status == M.IN_SESSION


def test_a_meeting_closes_once_enough_members_are_recorded_present(officer):
    meeting = meeting_in_session(officer, present=2)
    absent = meeting.attendees.filter(attendance=Attendance.ABSENT).order_by("pk").first()
    record_attendance(meeting=meeting, attendance={absent.pk: Attendance.ONLINE}, by=officer)

    close_meeting(meeting=meeting, by=officer)

    meeting.refresh_from_db()
    assert (meeting.status, quorum(meeting).present) == (M.CLOSED, 3)


def test_attendance_is_audited_with_what_changed(officer):
    meeting = scheduled(officer)
    first = meeting.attendees.order_by("pk").first()

    record_attendance(meeting=meeting, attendance={first.pk: Attendance.ONLINE}, by=officer)

    entry = AuditEntry.objects.for_object(meeting).get(
        action="committee.meeting.attendance_recorded"
    )
    assert entry.after == {str(first.member_id): ["invited", "online"]}


@pytest.mark.parametrize("status", [M.CLOSED, M.RELEASED, M.CANCELLED, M.HISTORICAL])
def test_attendance_cannot_change_once_the_meeting_is_over(officer, status):
    meeting = in_status(officer, status)
    first = meeting.attendees.order_by("pk").first()

    with pytest.raises(MeetingError, match="Attendance can be recorded until the meeting closes"):
        record_attendance(meeting=meeting, attendance={first.pk: Attendance.ABSENT}, by=officer)

    first.refresh_from_db()
    assert first.attendance == Attendance.PRESENT


def test_bad_attendance_changes_nothing(officer):
    meeting = scheduled(officer)
    first, second = meeting.attendees.order_by("pk")[:2]

    with pytest.raises(MeetingError, match="Unknown member or attendance"):
        record_attendance(
            meeting=meeting,
            attendance={first.pk: Attendance.PRESENT, second.pk: "asleep"},
            by=officer,
        )

    first.refresh_from_db()
    assert first.attendance == Attendance.INVITED


def test_a_member_of_another_meeting_cannot_be_marked_present(officer):
    meeting = scheduled(officer)
    other = schedule_meeting(
        committee=committee(CommitteeKind.STEERING),
        held_on=dt.date(2026, 11, 21),
        place="ทำเนียบรัฐบาล",
        by=officer,
    )
    stranger = other.attendees.first()

    with pytest.raises(MeetingError, match="Unknown member or attendance"):
        record_attendance(meeting=meeting, attendance={stranger.pk: Attendance.PRESENT}, by=officer)
