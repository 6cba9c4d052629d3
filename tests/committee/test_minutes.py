"""Minutes: drafted in Thai from the meeting's record, edited by the secretary without
overwriting anyone, circulated, adopted, then locked."""

import itertools

import pytest
from django.utils import translation

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Membership
from smartcity.committee.enums import MinutesStatus, Outcome
from smartcity.committee.models import Minutes
from smartcity.committee.services.agenda import add_information_item, recuse_member
from smartcity.committee.services.meetings import MeetingError, close_meeting
from smartcity.committee.services.minutes import (
    MINUTES_TRANSITIONS,
    draft_minutes,
    edit_minutes,
    transition_minutes,
)
from smartcity.committee.services.resolutions import Vote, record_resolution
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.committee.factories import add_proposal_item, evaluated, meeting_in_session

MN = MinutesStatus


@pytest.fixture(autouse=True)
def _english():
    """The person drafting reads English; the minutes are still drafted in Thai."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


@pytest.fixture
def closed(officer):
    """Meeting 1/2569 of the sub-committee: four of five present, an approval (one member
    recused), a rejection, and a report for information; closed."""
    meeting = meeting_in_session(officer, present=4)
    approved = evaluated(officer, domains=("mobility", "environment"))
    approved.name_th = "พิษณุโลกเมืองอัจฉริยะ"
    approved.save(update_fields=["name_th"])
    seat = meeting.committee.members.order_by("pk")[2]
    Membership.objects.create(
        user=seat.user, organisation=approved.organisation, role=MembershipRole.EDITOR
    )
    item = add_proposal_item(meeting=meeting, proposal=approved, by=officer)
    record_resolution(
        item=item, outcome=Outcome.APPROVE, domains=["mobility", "environment"], by=officer
    )
    rejected = add_proposal_item(meeting=meeting, proposal=evaluated(officer), by=officer)
    record_resolution(
        item=rejected, outcome=Outcome.REJECT, reasons="ไม่มีแพลตฟอร์มข้อมูลเมือง", by=officer
    )
    add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้าโครงการ", by=officer)
    close_meeting(meeting=meeting, by=officer)
    return meeting


def test_the_draft_is_the_thai_record_of_the_meeting(officer, closed):
    minutes = draft_minutes(meeting=closed, by=officer)

    body = minutes.body
    recused = closed.committee.members.order_by("pk")[2].user.full_name
    assert body.startswith(f"รายงานการประชุม{closed.committee.name_th}\nครั้งที่ 1/2569\n")
    assert "วันที่ 20 พฤศจิกายน 2569" in body
    assert "ผู้มาประชุม (4 คน)" in body and "ผู้ไม่มาประชุม (1 คน)" in body
    assert "ระเบียบวาระที่ 1 (เพื่อพิจารณา) พิจารณาข้อเสนอพื้นที่เมืองอัจฉริยะ: พิษณุโลกเมืองอัจฉริยะ" in body
    assert "มติ: เห็นชอบ\nด้านที่ได้รับตราสัญลักษณ์: การเดินทางและขนส่งอัจฉริยะ, สิ่งแวดล้อมอัจฉริยะ" in body
    assert f"{recused} ไม่ร่วมพิจารณาวาระนี้" in body
    assert "มติ: ไม่เห็นชอบ\nเหตุผล: ไม่มีแพลตฟอร์มข้อมูลเมือง" in body
    assert "ระเบียบวาระที่ 3 (เพื่อทราบ) รายงานความก้าวหน้าโครงการ" in body
    assert "Smart Mobility" not in body and "Approve" not in body
    assert (minutes.status, minutes.revision) == (MN.DRAFT, 1)


def test_minutes_wait_for_the_meeting_to_close(officer):
    meeting = meeting_in_session(officer)

    with pytest.raises(MeetingError, match="Minutes are drafted once the meeting has closed"):
        draft_minutes(meeting=meeting, by=officer)

    assert Minutes.objects.count() == 0


def test_redrafting_a_draft_replaces_it_and_counts_a_revision(officer, closed):
    first = draft_minutes(meeting=closed, by=officer)
    edit_minutes(minutes=first, body="ร่างที่แก้ไขแล้ว", revision=1, by=officer)

    again = draft_minutes(meeting=closed, by=officer)

    assert again.pk == first.pk
    assert again.revision == 3
    assert again.body.startswith("รายงานการประชุม")


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (MN.CIRCULATED, "The minutes are already circulated; return them to draft first."),
        (MN.ADOPTED, "The minutes are adopted; they cannot change."),
    ],
)
def test_only_draft_minutes_are_redrafted(officer, closed, status, message):
    minutes = draft_minutes(meeting=closed, by=officer)
    edit_minutes(minutes=minutes, body="ข้อความของเลขานุการ", revision=1, by=officer)
    Minutes.objects.filter(pk=minutes.pk).update(status=status)

    with pytest.raises(MeetingError, match=message):
        draft_minutes(meeting=closed, by=officer)

    assert Minutes.objects.get(pk=minutes.pk).body == "ข้อความของเลขานุการ"


def test_an_edit_saves_the_text_and_is_audited(officer, closed):
    minutes = draft_minutes(meeting=closed, by=officer)

    edited = edit_minutes(minutes=minutes, body="  รายงานฉบับแก้ไข  ", revision=1, by=officer)

    assert (edited.body, edited.revision) == ("รายงานฉบับแก้ไข", 2)
    entry = AuditEntry.objects.for_object(closed).get(action="committee.minutes.edited")
    assert entry.after == {"revision": 2}


def test_an_edit_from_a_stale_revision_overwrites_nothing(officer, closed):
    minutes = draft_minutes(meeting=closed, by=officer)
    edit_minutes(minutes=minutes, body="ฉบับของเลขานุการคนแรก", revision=1, by=officer)

    with pytest.raises(MeetingError, match="Someone else saved these minutes"):
        edit_minutes(minutes=minutes, body="ฉบับของอีกคน", revision=1, by=officer)

    assert Minutes.objects.get(pk=minutes.pk).body == "ฉบับของเลขานุการคนแรก"


def test_a_redraft_makes_an_open_editor_stale(officer, closed):
    minutes = draft_minutes(meeting=closed, by=officer)
    draft_minutes(meeting=closed, by=officer)

    with pytest.raises(MeetingError, match="Someone else saved these minutes"):
        edit_minutes(minutes=minutes, body="ข้อความ", revision=1, by=officer)


def test_empty_minutes_are_refused(officer, closed):
    minutes = draft_minutes(meeting=closed, by=officer)

    with pytest.raises(MeetingError, match="The minutes cannot be empty"):
        edit_minutes(minutes=minutes, body="  \n ", revision=1, by=officer)


def in_status(officer, meeting, status):
    minutes = draft_minutes(meeting=meeting, by=officer)
    Minutes.objects.filter(pk=minutes.pk).update(status=status)
    minutes.refresh_from_db()
    return minutes


@pytest.mark.parametrize(("source", "target"), list(MINUTES_TRANSITIONS))
def test_every_allowed_move_of_the_minutes_works_and_is_audited(officer, closed, source, target):
    minutes = in_status(officer, closed, source)
    verb = MINUTES_TRANSITIONS[(source, target)]

    transition_minutes(minutes=minutes, to_status=target, by=officer)

    minutes.refresh_from_db()
    assert minutes.status == target
    assert (minutes.circulated_at is not None) is (target == MN.CIRCULATED)
    assert (minutes.adopted_by, minutes.adopted_at is not None) == (
        (officer, True) if target == MN.ADOPTED else (None, False)
    )
    entry = AuditEntry.objects.for_object(closed).get(
        action={
            "circulate": "committee.minutes.circulated",
            "revise": "committee.minutes.revised",
            "adopt": "committee.minutes.adopted",
        }[verb]  # audit rows say what happened, in the past tense
    )
    assert (entry.before, entry.after) == ({"status": source}, {"status": target})


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pair
        for pair in itertools.product(MN.values, [*MN.values, "archived"])
        if pair not in MINUTES_TRANSITIONS
    ],
)
def test_every_other_move_of_the_minutes_is_refused(officer, closed, source, target):
    minutes = in_status(officer, closed, source)

    with pytest.raises(MeetingError) as error:
        transition_minutes(minutes=minutes, to_status=target, by=officer)

    label = MN(target).label if target in MN.values else target
    assert str(error.value) == f"Minutes that are “{MN(source).label}” cannot become “{label}”."
    minutes.refresh_from_db()
    assert minutes.status == source


def test_adopted_minutes_are_locked(officer, closed):
    minutes = draft_minutes(meeting=closed, by=officer)
    transition_minutes(minutes=minutes, to_status=MN.CIRCULATED, by=officer)
    transition_minutes(minutes=minutes, to_status=MN.ADOPTED, by=officer)
    body = Minutes.objects.get(pk=minutes.pk).body

    with pytest.raises(MeetingError, match="Only draft minutes can be edited"):
        edit_minutes(minutes=minutes, body="แก้ไขภายหลัง", revision=minutes.revision, by=officer)
    with pytest.raises(MeetingError, match="cannot become"):
        transition_minutes(minutes=minutes, to_status=MN.DRAFT, by=officer)
    with pytest.raises(MeetingError, match="The minutes are adopted"):
        draft_minutes(meeting=closed, by=officer)

    assert Minutes.objects.get(pk=minutes.pk).body == body


def test_the_draft_gives_each_items_quorum_with_its_recusals_and_the_vote(officer):
    meeting = meeting_in_session(officer, present=4)
    item = add_proposal_item(meeting=meeting, proposal=evaluated(officer), by=officer)
    seat = next(a.member for a in meeting.attendees.order_by("pk") if a.is_present)
    recuse_member(item=item, member=seat, reason="เป็นที่ปรึกษาของผู้ยื่นข้อเสนอ", by=officer)
    record_resolution(item=item, outcome=Outcome.DEFER, vote=Vote(2, 1, 0), by=officer)
    report = add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้า", by=officer)
    record_resolution(item=report, outcome=Outcome.NOTED, by=officer)
    close_meeting(meeting=meeting, by=officer)

    body = draft_minutes(meeting=meeting, by=officer).body

    first, second = body.split("ระเบียบวาระที่ ")[1:3]
    assert f"{seat.user.full_name} ไม่ร่วมพิจารณาวาระนี้ (เป็นที่ปรึกษาของผู้ยื่นข้อเสนอ)" in first
    assert (
        "องค์ประชุมของวาระนี้: กรรมการผู้มาประชุม 4 คน ไม่ร่วมพิจารณา 1 คน "
        "คงเหลือผู้ร่วมพิจารณา 3 คน ครบองค์ประชุม (ต้องมีอย่างน้อย 3 คน)"
    ) in first
    assert (
        "มติ: ให้เลื่อนการพิจารณา\nผลการลงคะแนน: เห็นด้วย 2 เสียง ไม่เห็นด้วย 1 เสียง งดออกเสียง 0 เสียง" in first
    )
    assert "องค์ประชุมของวาระนี้: กรรมการผู้มาประชุม 4 คน ครบองค์ประชุม (ต้องมีอย่างน้อย 3 คน)" in second
    assert "ผลการลงคะแนน" not in second  # noted without a vote
