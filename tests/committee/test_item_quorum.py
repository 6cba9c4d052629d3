"""Meetings decide as meetings do: a member recused from an item is not part of its quorum
(Thai meeting practice), and a resolution records the vote when the committee votes."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from smartcity.committee.enums import Attendance, Outcome
from smartcity.committee.models import Resolution
from smartcity.committee.quorum import ItemQuorum, item_quorum
from smartcity.committee.services.agenda import add_information_item, recuse_member
from smartcity.committee.services.meetings import MeetingError
from smartcity.committee.services.resolutions import Vote, record_resolution
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.committee.factories import add_proposal_item, evaluated, meeting_in_session


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def _present_seats(meeting):
    return [a.member for a in meeting.attendees.order_by("pk") if a.is_present]


def _absent_seats(meeting):
    return [a.member for a in meeting.attendees.order_by("pk") if not a.is_present]


def _item(meeting, officer, recused=()):
    item = add_proposal_item(meeting=meeting, proposal=evaluated(officer), by=officer)
    for seat in recused:
        recuse_member(item=item, member=seat, reason="เป็นที่ปรึกษาของผู้ยื่นข้อเสนอ", by=officer)
    return item


# The quorum of an item -------------------------------------------------------------------
# Five serving members: the quorum is three (half, rounded up).


def test_a_recused_member_present_does_not_count_towards_the_items_quorum(officer):
    meeting = meeting_in_session(officer, present=3)
    item = _item(meeting, officer, recused=_present_seats(meeting)[:1])

    assert item_quorum(item) == ItemQuorum(present=3, recused=1, required=3)
    assert (item_quorum(item).counted, item_quorum(item).reached) == (2, False)


def test_a_recused_member_who_is_absent_changes_nothing(officer):
    meeting = meeting_in_session(officer, present=3)
    item = _item(meeting, officer, recused=_absent_seats(meeting)[:1])

    assert item_quorum(item) == ItemQuorum(present=3, recused=0, required=3)
    assert item_quorum(item).reached


def test_a_member_present_online_and_recused_is_not_counted(officer):
    meeting = meeting_in_session(officer, present=3)
    row = meeting.attendees.order_by("pk")[0]
    row.attendance = Attendance.ONLINE
    row.save(update_fields=["attendance"])
    item = _item(meeting, officer, recused=[row.member])

    assert item_quorum(item).counted == 2


def test_a_resolution_on_an_item_without_its_own_quorum_is_refused(officer):
    meeting = meeting_in_session(officer, present=3)
    item = _item(meeting, officer, recused=_present_seats(meeting)[:1])

    with pytest.raises(MeetingError) as refused:
        record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    assert str(refused.value) == (
        "Item 1 has no quorum of its own: 2 members present and not recused, 3 required. "
        "A member recused from an item does not count towards its quorum."
    )
    assert not Resolution.objects.exists()


def test_the_refusal_is_in_thai_for_a_thai_reader(officer):
    meeting = meeting_in_session(officer, present=3)
    item = _item(meeting, officer, recused=_present_seats(meeting)[:1])

    with translation.override("th"), pytest.raises(MeetingError) as refused:
        record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    assert str(refused.value).startswith("ระเบียบวาระที่ 1 ไม่ครบองค์ประชุม")
    assert "ต้องมีอย่างน้อย 3 คน" in str(refused.value)


def test_other_items_of_the_meeting_keep_the_meetings_quorum(officer):
    meeting = meeting_in_session(officer, present=3)
    _item(meeting, officer, recused=_present_seats(meeting)[:1])
    report = add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้า", by=officer)

    resolution = record_resolution(item=report, outcome=Outcome.NOTED, by=officer)

    assert resolution.outcome == Outcome.NOTED


def test_with_one_more_member_present_the_item_has_its_quorum(officer):
    meeting = meeting_in_session(officer, present=4)
    item = _item(meeting, officer, recused=_present_seats(meeting)[:1])

    resolution = record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    assert item_quorum(item) == ItemQuorum(present=4, recused=1, required=3)
    assert resolution.outcome == Outcome.DEFER


# The vote ---------------------------------------------------------------------------------


@pytest.fixture
def item(officer):
    """Four of five present, one of them recused: three members count for the item."""
    meeting = meeting_in_session(officer, present=4)
    return _item(meeting, officer, recused=_present_seats(meeting)[:1])


@pytest.mark.parametrize("vote", [Vote(3, 0, 0), Vote(2, 1, 0), Vote(1, 1, 1), Vote(0, 2, 0)])
def test_a_vote_within_the_items_quorum_is_recorded(officer, item, vote):
    resolution = record_resolution(item=item, outcome=Outcome.DEFER, vote=vote, by=officer)

    resolution.refresh_from_db()
    counts = (resolution.votes_for, resolution.votes_against, resolution.votes_abstaining)
    assert counts == (vote.for_, vote.against, vote.abstaining)
    assert resolution.voted
    entry = AuditEntry.objects.get(action="committee.resolution.recorded")
    assert (entry.after["votes_for"], entry.after["votes_against"]) == (vote.for_, vote.against)


@pytest.mark.parametrize(
    ("vote", "message"),
    [
        (Vote(4, 0, 0), "The vote counts 4 members, but only 3 are present and not recused"),
        (Vote(2, 1, 1), "The vote counts 4 members, but only 3 are present and not recused"),
        (Vote(-1, 2, 0), "The numbers of votes cannot be negative."),
        (Vote(0, 0, 0), "A vote needs at least one member voting"),
    ],
)
def test_a_vote_beyond_the_items_quorum_or_negative_is_refused(officer, item, vote, message):
    with pytest.raises(MeetingError, match=message):
        record_resolution(item=item, outcome=Outcome.DEFER, vote=vote, by=officer)

    assert not Resolution.objects.exists()


def test_a_resolution_without_a_vote_keeps_no_counts(officer, item):
    resolution = record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    assert (resolution.votes_for, resolution.votes_against, resolution.votes_abstaining) == (
        None,
        None,
        None,
    )
    assert not resolution.voted


def test_correcting_a_resolution_can_remove_its_vote(officer, item):
    record_resolution(item=item, outcome=Outcome.DEFER, vote=Vote(2, 1, 0), by=officer)

    resolution = record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    resolution.refresh_from_db()
    assert not resolution.voted
    corrected = (
        AuditEntry.objects.filter(action="committee.resolution.recorded").order_by("pk").last()
    )
    assert (corrected.before["votes_for"], corrected.after["votes_for"]) == (2, None)


def test_the_database_refuses_half_a_vote(officer, item):
    resolution = record_resolution(item=item, outcome=Outcome.DEFER, by=officer)
    resolution.votes_for = 2

    with pytest.raises(IntegrityError), transaction.atomic():
        resolution.save(update_fields=["votes_for"])
