"""The documents tests' shared helpers: signed-in clients, the members of a meeting, and a
closed meeting with its minutes drafted."""

from django.test import Client

from smartcity.committee.models import Meeting
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.minutes import draft_minutes
from smartcity.committee.services.resolutions import record_resolution


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def members_of(meeting: Meeting):
    """(an invited member not recused from anything, the recused member)."""
    seats = list(meeting.committee.members.order_by("pk"))
    return seats[3].user, seats[2].user


RECUSED_TITLE = "เมืองอัจฉริยะริมน้ำทดสอบ"


def closed_with_minutes(meeting, officer):
    for item in meeting.items.all():
        record_resolution(item=item, outcome="approve", domains=["mobility"], by=officer)
    close_meeting(meeting=meeting, by=officer)
    return draft_minutes(meeting=meeting, by=officer)
