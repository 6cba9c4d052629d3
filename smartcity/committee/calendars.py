"""A committee member's meetings in their calendar feed."""

from collections.abc import Iterable

from smartcity.committee.enums import MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.committee.notices import meeting_item
from smartcity.notifications.ical import CalendarItem, calendar_source


@calendar_source
def meetings(user) -> Iterable[CalendarItem]:
    """The meetings the person is invited to that are not cancelled."""
    invited = (
        Meeting.objects.filter(attendees__member__user=user)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("committee")
        .distinct()
        .order_by("held_on", "pk")
    )
    for meeting in invited:
        item = meeting_item(meeting)
        if item:
            yield item
