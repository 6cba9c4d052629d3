"""Telling committee members of their meetings: the invitation (with the meeting for their
calendar), the pack ready to read, the minutes circulated for comment. Each is called after
the commit of the action that caused it (notifications.after_commit), reads the meeting as
it then stands, and tells each invited member in their language (inbox and email)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from smartcity.committee.models import Meeting, MeetingAttendee
from smartcity.core.i18n import localised
from smartcity.core.mail import absolute_url
from smartcity.notifications.ical import CalendarItem
from smartcity.notifications.services import notify

# A meeting with no time on record is put in the calendar at this hour, for its length.
DEFAULT_START = dt.time(9, 0)
DEFAULT_LENGTH = dt.timedelta(hours=3)


def meeting_item(meeting: Meeting) -> CalendarItem | None:
    """The meeting as a calendar event (a day-precise date is needed), its UID the same in
    the invitation and the feed, so a moved meeting updates the event."""
    if meeting.held_on is None or meeting.held_on_precision != "day":
        return None
    start = timezone.make_aware(
        dt.datetime.combine(meeting.held_on, meeting.starts_at_time or DEFAULT_START)
    )
    committee = lazy(lambda: localised(meeting.committee, "name"), str)()
    return CalendarItem(
        key=f"meeting-{meeting.pk}",
        summary=format_lazy(
            _("{committee}: meeting {reference}"),
            committee=committee,
            reference=meeting.reference,
        ),
        start=start,
        end=start + DEFAULT_LENGTH,
        location=meeting.place or meeting.online_link,
        description=meeting.online_link,
        url=absolute_url(reverse("committee:member_meeting", args=[meeting.pk])),
    )


def _members(meeting: Meeting, member_ids=None):
    attendees = MeetingAttendee.objects.filter(meeting=meeting, member__user__is_active=True)
    if member_ids is not None:
        attendees = attendees.filter(member_id__in=member_ids)
    return [a.member.user for a in attendees.select_related("member__user").order_by("pk")]


def _meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_related("committee").get(pk=meeting_id)


def tell_invited(meeting_id: int, *, member_ids: list[int] | None = None) -> int:
    """Invite the meeting's members (or those of `member_ids`), with an .ics of the meeting.
    Returns how many were told."""
    meeting = _meeting(meeting_id)
    people = _members(meeting, member_ids)
    item = meeting_item(meeting)
    notify(
        "committee.meeting.invited",
        people,
        context={"meeting": meeting},
        link=reverse("committee:member_meeting", args=[meeting.pk]),
        calendar=[item] if item else (),
    )
    return len(people)


def tell_pack_ready(meeting_id: int) -> int:
    """Tell the invited members that the meeting's pack can be read (each reads their own:
    a recused member's pack leaves out the items they are recused from)."""
    meeting = _meeting(meeting_id)
    people = _members(meeting)
    notify(
        "committee.meeting.pack_ready",
        people,
        context={
            "meeting": meeting,
            "pack_url": absolute_url(reverse("committee:meeting_pack_pdf", args=[meeting.pk])),
        },
        link=reverse("committee:member_meeting", args=[meeting.pk]),
    )
    return len(people)


def tell_minutes_circulated(meeting_id: int) -> int:
    """Tell the invited members that the draft minutes are circulated for their comments."""
    meeting = _meeting(meeting_id)
    people = _members(meeting)
    notify(
        "committee.minutes.circulated",
        people,
        context={
            "meeting": meeting,
            "minutes_url": absolute_url(reverse("committee:minutes_pdf", args=[meeting.pk])),
        },
        link=reverse("committee:member_meeting", args=[meeting.pk]),
    )
    return len(people)
