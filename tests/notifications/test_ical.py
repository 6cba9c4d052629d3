"""Calendars: RFC 5545 documents that parse back, times in UTC, deadlines as all-day
events, summaries in the reader's language; the .ics on the emails and the person's feed."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.committee.models import CommitteeMember, MeetingAttendee
from smartcity.notifications.ical import CalendarItem, calendar_text
from smartcity.notifications.models import CalendarFeed
from smartcity.reviews.services import assign_reviewer
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.certification.factories import CommitteeFactory, MeetingFactory
from tests.notifications.scenario import returned
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of, in_evaluation

BANGKOK = ZoneInfo("Asia/Bangkok")


def parsed(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize(("language", "summary"), [("th", "แฟ้มพิจารณา"), ("en", "Dossier")])
def test_a_meeting_is_written_in_utc_and_the_readers_language(language, summary):
    start = dt.datetime(2026, 12, 15, 9, 30, tzinfo=BANGKOK)
    item = CalendarItem(key="meeting-1", summary=_("dossier"), start=start)

    [event] = parsed(calendar_text([item], language=language))

    assert event["SUMMARY"].lower() == summary.lower()
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 15, 2, 30, tzinfo=dt.UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=1)
    assert str(event["UID"]) == "meeting-1@smartcity.depa.or.th"
    assert event["DTSTAMP"]
    assert "Z" in event["DTSTART"].to_ical().decode()


def test_a_deadline_is_an_all_day_event_on_its_date():
    item = CalendarItem(key="due-1", summary="x", start=dt.date(2026, 12, 31))

    [event] = parsed(calendar_text([item], language="th"))

    assert event.decoded("DTSTART") == dt.date(2026, 12, 31)
    assert event.decoded("DTEND") == dt.date(2027, 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "prefix"), [("th", "ครบกำหนดส่งผลการประเมิน"), ("en", "Review due")]
)
def test_an_assigned_reviewer_gets_the_due_date_as_an_ics_in_their_language(
    secretariat_user, django_capture_on_commit_callbacks, language, prefix
):
    proposal = in_evaluation(secretariat_user)
    expert = ReviewerFactory(user=UserFactory(preferred_language=language))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assign_reviewer(
            phase=PhaseFactory(),
            dossier=dossier_of(proposal),
            reviewer=expert,
            due_on=DUE,
            by=secretariat_user,
        )

    [message] = mail.outbox
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("invite.ics", "text/calendar")
    [event] = parsed(content)
    assert event["SUMMARY"].startswith(prefix)
    assert event.decoded("DTSTART") == DUE


@pytest.mark.django_db
def test_the_feed_holds_the_persons_review_and_information_due_dates(secretariat_user):
    # A reviewer's open assignment ...
    expert = ReviewerFactory(user=UserFactory(preferred_language="en"))
    assign_reviewer(
        phase=PhaseFactory(),
        dossier=dossier_of(in_evaluation(secretariat_user)),
        reviewer=expert,
        due_on=DUE,
        by=secretariat_user,
    )
    # ... and, for the same person, a proposal of their organisation returned for information.
    due = timezone.localdate() + dt.timedelta(days=14)
    proposal = returned(secretariat_user, due_on=due)
    MembershipFactory(user=expert.user, organisation=proposal.organisation, role="editor")
    feed = CalendarFeed.objects.create(user=expert.user)

    response = Client().get(reverse("notifications:calendar_feed", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parsed(response.content.decode())
    assert sorted((e.decoded("DTSTART"), str(e["SUMMARY"])[:12]) for e in events) == [
        (due, "Missing info"),
        (DUE, "Review due: "),
    ]


@pytest.mark.django_db
def test_the_feed_holds_the_members_meetings_in_their_language_but_not_cancelled_ones():
    member = UserFactory(preferred_language="th")
    committee = CommitteeFactory()
    seat = CommitteeMember.objects.create(
        committee=committee, user=member, term_starts_on=dt.date(2020, 1, 1)
    )
    held_on = dt.date(2030, 3, 4)
    meeting = MeetingFactory(
        committee=committee, number=3, year_be=2573, held_on=held_on, starts_at_time=dt.time(13, 30)
    )
    cancelled = MeetingFactory(committee=committee, held_on=held_on, status="cancelled")
    for each in (meeting, cancelled):
        MeetingAttendee.objects.create(meeting=each, member=seat)
    feed = CalendarFeed.objects.create(user=member)

    [event] = parsed(Client().get(f"/calendar/{feed.token}.ics").content.decode())

    assert str(event["SUMMARY"]) == "คณะอนุกรรมการ การประชุมครั้งที่ 3/2573"
    assert event.decoded("DTSTART") == dt.datetime(2030, 3, 4, 6, 30, tzinfo=dt.UTC)
    assert str(event["UID"]) == f"meeting-{meeting.pk}@smartcity.depa.or.th"
