"""The committee pages run the same number of queries whatever the number of meetings,
items or members."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import CommitteeMember
from smartcity.committee.services.agenda import add_information_item, recuse_member
from smartcity.committee.services.meetings import schedule_meeting
from smartcity.committee.services.resolutions import record_resolution
from tests.accounts.factories import UserFactory
from tests.committee.factories import add_proposal_item, committee, evaluated, meeting_in_session
from tests.committee.views.world import client_for


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_meetings(officer, n: int) -> None:
    for kind in [CommitteeKind.SUB_COMMITTEE, CommitteeKind.STEERING][: min(n, 2)]:
        committee(kind)
    for i in range(n):
        kind = CommitteeKind.SUB_COMMITTEE if i % 2 else CommitteeKind.STEERING
        schedule_meeting(
            committee=committee(kind),
            held_on=dt.date(2026, 1, 1) + dt.timedelta(days=7 * i),
            place="ห้องประชุม",
            by=officer,
        )


def test_meetings_list_query_count_does_not_grow_with_the_meetings(secretariat, officer):
    url = reverse("committee:meetings")
    add_meetings(officer, 3)
    secretariat.get(url)
    small = count(secretariat, url)

    add_meetings(officer, 27)
    large = count(secretariat, url)

    assert large == small
    assert small <= 10


def test_my_meetings_query_count_does_not_grow_with_the_meetings(officer):
    add_meetings(officer, 3)
    seat = CommitteeMember.objects.filter(committee__kind=CommitteeKind.SUB_COMMITTEE).first()
    client = client_for(seat.user)
    url = reverse("committee:my_meetings")
    client.get(url)
    small = count(client, url)

    add_meetings(officer, 27)
    large = count(client, url)

    assert large == small


def test_committees_query_count_does_not_grow_with_the_members(secretariat, officer):
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    url = reverse("committee:committees")
    secretariat.get(url)
    small = count(secretariat, url)

    for _ in range(10):
        CommitteeMember.objects.create(
            committee=sub, user=UserFactory(), role="member", term_starts_on=dt.date(2020, 1, 1)
        )
    large = count(secretariat, url)

    assert large == small


def add_items(meeting, officer, n: int) -> None:
    """n items: proposals (each with a resolution and a recusal) and information items."""
    seat = meeting.attendees.select_related("member").first().member
    for i in range(n):
        if i % 2:
            add_information_item(meeting=meeting, title_th=f"เรื่องแจ้ง {i}", by=officer)
            continue
        item = add_proposal_item(meeting=meeting, proposal=evaluated(officer), by=officer)
        record_resolution(item=item, outcome="approve", domains=["mobility"], by=officer)
        recuse_member(item=item, member=seat, reason="ที่ปรึกษา", by=officer)
    evaluated(officer)  # one more waits for the agenda builder


def test_meeting_page_query_count_does_not_grow_with_the_agenda(secretariat, officer):
    meeting = meeting_in_session(officer)
    url = reverse("committee:meeting", args=[meeting.pk])
    add_items(meeting, officer, 2)
    secretariat.get(url)
    small = count(secretariat, url)

    add_items(meeting, officer, 10)
    large = count(secretariat, url)

    assert large == small
    # 21: the secretariat's summaries come from the review engine's dossiers in a query of
    # their own (they were joined to the proposal before the engine stood alone).
    assert small <= 22  # with the menu's unread count


def test_member_meeting_page_query_count_does_not_grow_with_the_agenda(officer):
    meeting = meeting_in_session(officer)
    seat = meeting.attendees.select_related("member__user").order_by("-pk").first().member
    client = client_for(seat.user)
    url = reverse("committee:member_meeting", args=[meeting.pk])
    add_items(meeting, officer, 2)
    client.get(url)
    small = count(client, url)

    add_items(meeting, officer, 10)
    large = count(client, url)

    assert large == small
