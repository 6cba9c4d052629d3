"""Committee members are told of their meetings: the invitation with the meeting for their
calendar (again when it is rearranged), the pack ready, the minutes circulated; each in
their language, after the commit, in the inbox and by email."""

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from smartcity.committee.enums import CommitteeKind, MemberRole, MinutesStatus
from smartcity.committee.models import CommitteeMember
from smartcity.committee.services.attendance import invite_member
from smartcity.committee.services.meetings import (
    MeetingError,
    close_meeting,
    schedule_meeting,
    send_meeting_pack,
    update_meeting,
)
from smartcity.committee.services.minutes import draft_minutes, transition_minutes
from smartcity.core.models import AuditEntry
from smartcity.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.committee.factories import add_proposal_item, committee, evaluated, meeting_in_session

pytestmark = pytest.mark.django_db
HELD_ON = dt.date(2030, 3, 4)
PLACE = "ห้องประชุม ดีป้า"


@pytest.fixture
def board():
    return committee(CommitteeKind.SUB_COMMITTEE, members=3)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def members_of(board):
    return [seat.user for seat in board.members.order_by("pk")]


def event_of(message) -> icalendar.Event:
    [(filename, content, _mimetype)] = message.attachments
    assert filename == "invite.ics"
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return event


def test_scheduling_invites_every_member_with_the_meeting_in_their_calendar(
    board, secretariat_user, sent
):
    english = members_of(board)[-1]
    english.preferred_language = "en"
    english.save()

    meeting = sent(
        schedule_meeting,
        committee=board,
        held_on=HELD_ON,
        starts_at_time=dt.time(13, 30),
        place="ห้องประชุม ดีป้า",
        by=secretariat_user,
    )

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in members_of(board))
    by_address = {m.to[0]: m for m in mail.outbox}
    thai = by_address[members_of(board)[0].email]
    assert thai.subject == (
        f"[เมืองอัจฉริยะประเทศไทย] ขอเชิญประชุม{board.name_th} ครั้งที่ {meeting.reference}"
    )
    assert "4 มีนาคม 2573 13:30" in thai.body
    event = event_of(thai)
    assert event.decoded("DTSTART") == dt.datetime(2030, 3, 4, 6, 30, tzinfo=dt.UTC)
    assert str(event["LOCATION"]) == "ห้องประชุม ดีป้า"
    assert str(event_of(by_address[english.email])["SUMMARY"]).endswith(
        f": meeting {meeting.reference}"
    )
    assert Notification.objects.filter(event="committee.meeting.invited").count() == 3


def test_rearranging_sends_the_invitation_again_with_the_same_calendar_event(
    board, secretariat_user, sent
):
    meeting = sent(
        schedule_meeting, committee=board, held_on=HELD_ON, place=PLACE, by=secretariat_user
    )
    uid = str(event_of(mail.outbox[0])["UID"])
    mail.outbox.clear()

    sent(
        update_meeting,
        meeting=meeting,
        held_on=HELD_ON + dt.timedelta(days=1),
        starts_at_time=dt.time(9, 30),
        place=PLACE,
        by=secretariat_user,
    )

    assert len(mail.outbox) == 3
    event = event_of(mail.outbox[0])
    assert str(event["UID"]) == uid
    assert event.decoded("DTSTART") == dt.datetime(2030, 3, 5, 2, 30, tzinfo=dt.UTC)


def test_inviting_one_more_member_tells_only_them(board, secretariat_user, sent):
    meeting = schedule_meeting(committee=board, held_on=HELD_ON, place=PLACE, by=secretariat_user)
    newcomer = CommitteeMember.objects.create(
        committee=board,
        user=UserFactory(),
        role=MemberRole.MEMBER,
        term_starts_on=HELD_ON + dt.timedelta(days=30),  # not serving on the day: not invited
    )

    sent(invite_member, meeting=meeting, member=newcomer, by=secretariat_user)
    sent(invite_member, meeting=meeting, member=newcomer, by=secretariat_user)  # again

    assert [m.to for m in mail.outbox] == [[newcomer.user.email]]


def test_a_meeting_without_an_agenda_has_no_pack_to_send(board, secretariat_user):
    meeting = schedule_meeting(committee=board, held_on=HELD_ON, place=PLACE, by=secretariat_user)

    with pytest.raises(MeetingError, match="ยังไม่มีระเบียบวาระ"):
        send_meeting_pack(meeting=meeting, by=secretariat_user)


def test_sending_the_pack_tells_the_members_and_is_audited(board, secretariat_user, sent):
    meeting = schedule_meeting(committee=board, held_on=HELD_ON, place=PLACE, by=secretariat_user)
    add_proposal_item(meeting=meeting, proposal=evaluated(secretariat_user), by=secretariat_user)
    mail.outbox.clear()

    sent(send_meeting_pack, meeting=meeting, by=secretariat_user)

    assert len(mail.outbox) == 3
    assert "เอกสารประกอบการประชุม" in mail.outbox[0].subject
    assert f"/meetings/{meeting.pk}/pack.pdf" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="committee.meeting.pack_sent").count() == 1


def test_the_pack_action_is_for_the_secretariat_and_post_only(board, secretariat_user, secretariat):
    meeting = schedule_meeting(committee=board, held_on=HELD_ON, place=PLACE, by=secretariat_user)
    add_proposal_item(meeting=meeting, proposal=evaluated(secretariat_user), by=secretariat_user)
    url = reverse("committee:meeting_send_pack", args=[meeting.pk])
    member = Client()
    member.force_login(members_of(board)[0])

    assert member.post(url).status_code == 403
    assert secretariat.get(url).status_code == 405
    page = secretariat.get(reverse("committee:meeting", args=[meeting.pk])).text
    assert 'data-testid="send-pack"' in page
    response = secretariat.post(url, follow=True)
    assert "แจ้งกรรมการแล้วว่าเอกสารประกอบการประชุมพร้อมแล้ว" in response.text


def test_circulating_the_minutes_asks_the_members_for_comments(board, secretariat_user, sent):
    meeting = meeting_in_session(secretariat_user)
    close_meeting(meeting=meeting, by=secretariat_user)
    minutes = draft_minutes(meeting=meeting, by=secretariat_user)
    mail.outbox.clear()

    sent(
        transition_minutes,
        minutes=minutes,
        to_status=MinutesStatus.CIRCULATED,
        by=secretariat_user,
    )

    assert len(mail.outbox) == 3
    assert "ขอความเห็นต่อรายงานการประชุม" in mail.outbox[0].subject
    assert f"/meetings/{meeting.pk}/minutes.pdf" in mail.outbox[0].body
