"""Meeting numbers: "ครั้งที่ N/ปี พ.ศ.", sequential per committee and per Buddhist-era year,
with no gap and no duplicate, even when two officers schedule at the same moment."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import translation

from smartcity.committee.enums import CommitteeKind, DatePrecision, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.committee.services.history import MeetingNumberTaken, record_historical_meeting
from smartcity.committee.services.meetings import (
    MeetingError,
    cancel_meeting,
    schedule_meeting,
    update_meeting,
)
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.committee.factories import committee

PLACE = "ห้องประชุม ดีป้า"


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def schedule(board, day, officer):
    return schedule_meeting(committee=board, held_on=day, place=PLACE, by=officer)


def test_meetings_are_numbered_from_one_within_the_buddhist_era_year(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)

    first = schedule(sub, dt.date(2026, 2, 10), officer)
    second = schedule(sub, dt.date(2026, 5, 12), officer)
    third = schedule(sub, dt.date(2026, 12, 31), officer)

    assert [m.reference for m in (first, second, third)] == ["1/2569", "2/2569", "3/2569"]


def test_a_new_buddhist_era_year_starts_again_at_one(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    schedule(sub, dt.date(2026, 11, 20), officer)
    schedule(sub, dt.date(2026, 12, 18), officer)

    january = schedule(sub, dt.date(2027, 1, 15), officer)

    assert (january.number, january.year_be) == (1, 2570)


def test_the_two_committees_number_their_meetings_independently(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    steering = committee(CommitteeKind.STEERING)
    schedule(sub, dt.date(2026, 3, 1), officer)
    schedule(sub, dt.date(2026, 4, 1), officer)

    steering_first = schedule(steering, dt.date(2026, 4, 20), officer)
    sub_third = schedule(sub, dt.date(2026, 5, 1), officer)

    assert steering_first.reference == "1/2569"
    assert sub_third.reference == "3/2569"


def test_numbering_continues_after_the_meetings_on_record(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    for number in (1, 2):
        record_historical_meeting(
            committee=sub,
            year_be=2569,
            number=number,
            held_on=None,
            precision=DatePrecision.UNKNOWN,
        )

    meeting = schedule(sub, dt.date(2026, 6, 1), officer)

    assert meeting.reference == "3/2569"


def test_history_cannot_take_the_number_of_a_meeting_scheduled_here(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    scheduled = schedule(sub, dt.date(2026, 6, 1), officer)

    with pytest.raises(MeetingNumberTaken):
        record_historical_meeting(
            committee=sub,
            year_be=2569,
            number=1,
            held_on=dt.date(2026, 1, 15),
            precision=DatePrecision.DAY,
        )

    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.held_on) == (MeetingStatus.SCHEDULED, dt.date(2026, 6, 1))


def test_a_meeting_on_record_without_a_number_does_not_count(officer):
    steering = committee(CommitteeKind.STEERING)
    record_historical_meeting(
        committee=steering,
        year_be=2569,
        number=None,
        held_on=dt.date(2026, 1, 1),
        precision=DatePrecision.MONTH,
    )

    meeting = schedule(steering, dt.date(2026, 6, 1), officer)

    assert meeting.reference == "1/2569"


def test_a_cancelled_meeting_keeps_its_number_so_no_number_is_reused(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    first = schedule(sub, dt.date(2026, 3, 1), officer)
    cancel_meeting(meeting=first, reason="ประธานติดภารกิจ", by=officer)

    second = schedule(sub, dt.date(2026, 3, 8), officer)

    first.refresh_from_db()
    assert (first.status, first.reference) == (MeetingStatus.CANCELLED, "1/2569")
    assert second.reference == "2/2569"


def test_scheduling_invites_every_member_serving_that_day_and_audits(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE, members=5)
    retired = sub.members.order_by("pk").last()
    retired.term_ends_on = dt.date(2025, 12, 31)
    retired.save()

    meeting = schedule(sub, dt.date(2026, 3, 1), officer)

    assert meeting.attendees.count() == 4
    entry = AuditEntry.objects.for_object(meeting).get(action="committee.meeting.scheduled")
    assert (entry.after["number"], entry.after["year_be"]) == (1, 2569)


@pytest.mark.parametrize(
    ("place", "link", "message"),
    [
        ("", "", "Give the place or the online meeting link."),
        ("   ", "", "Give the place or the online meeting link."),
        ("", "zoom meeting 123", "The online meeting link must be a web address"),
    ],
)
def test_a_meeting_needs_a_place_or_a_valid_link(officer, place, link, message):
    sub = committee(CommitteeKind.SUB_COMMITTEE)

    with pytest.raises(MeetingError, match=message):
        schedule_meeting(
            committee=sub, held_on=dt.date(2026, 3, 1), place=place, online_link=link, by=officer
        )

    assert Meeting.objects.count() == 0


def test_an_online_meeting_needs_no_place(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)

    meeting = schedule_meeting(
        committee=sub,
        held_on=dt.date(2026, 3, 1),
        online_link="https://meet.example.go.th/sub-1",
        by=officer,
    )

    assert (meeting.place, meeting.online_link) == ("", "https://meet.example.go.th/sub-1")


def test_update_meeting_keeps_the_number_within_the_same_year(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    meeting = schedule(sub, dt.date(2026, 3, 1), officer)

    update_meeting(meeting=meeting, held_on=dt.date(2026, 3, 15), place="ทำเนียบรัฐบาล", by=officer)

    meeting.refresh_from_db()
    assert (meeting.reference, meeting.held_on, meeting.place) == (
        "1/2569",
        dt.date(2026, 3, 15),
        "ทำเนียบรัฐบาล",
    )
    entry = AuditEntry.objects.for_object(meeting).get(action="committee.meeting.updated")
    assert (entry.before["held_on"], entry.after["held_on"]) == ("2026-03-01", "2026-03-15")


def test_update_meeting_refuses_a_date_in_another_buddhist_era_year(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    meeting = schedule(sub, dt.date(2026, 12, 20), officer)

    with pytest.raises(MeetingError, match=r"Meeting 1/2569 belongs to B\.E\. 2569"):
        update_meeting(meeting=meeting, held_on=dt.date(2027, 1, 5), place=PLACE, by=officer)

    meeting.refresh_from_db()
    assert meeting.held_on == dt.date(2026, 12, 20)


def test_update_meeting_refuses_a_meeting_that_is_not_scheduled(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    meeting = schedule(sub, dt.date(2026, 3, 1), officer)
    cancel_meeting(meeting=meeting, reason="เลื่อนการประชุม", by=officer)

    with pytest.raises(MeetingError, match="Only a scheduled meeting can be rearranged"):
        update_meeting(meeting=meeting, held_on=dt.date(2026, 3, 2), place=PLACE, by=officer)


def test_meetings_scheduled_one_after_another_have_consecutive_numbers(officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)

    meetings = [
        schedule(sub, dt.date(2026, 1, 1) + dt.timedelta(days=i), officer) for i in range(8)
    ]

    assert [m.number for m in meetings] == list(range(1, 9))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The SQLite test database is in memory with a shared cache: threads share one "
    "connection's locks and cannot schedule at the same time. Run with DATABASE_URL set "
    "to PostgreSQL; the sequential test above covers SQLite.",
)
def test_meetings_scheduled_at_the_same_moment_get_numbers_without_gap_or_duplicate(
    transactional_db,
):
    threads_count = 8
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    officers = [UserFactory(is_secretariat=True) for _ in range(threads_count)]
    start = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def work(officer):
        try:
            start.wait()
            schedule(sub, dt.date(2026, 7, 1), officer)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(
        Meeting.objects.filter(committee=sub, year_be=2569).values_list("number", flat=True)
    )
    assert numbers == list(range(1, threads_count + 1))
