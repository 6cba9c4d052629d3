"""The committee members' portal: the meetings a member is invited to, and each meeting
as the member may see it.

A member recused from an item is shown nothing of it: every read goes through
selectors.visible_items() and selectors.minutes_for(), which leave it out. A user not
invited to a meeting gets 403; the anonymous are sent to sign in."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from smartcity.committee import selectors, subjects
from smartcity.committee.enums import MeetingStatus
from smartcity.committee.models import Meeting


@require_safe
@login_required
def my_meetings(request):
    """The meetings the member is invited to: the coming ones first (soonest first), then
    the past ones (latest first)."""
    if not request.user.has_perm("committee.view_own_meetings"):
        raise PermissionDenied
    today = timezone.localdate()
    rows = list(selectors.meetings_for_member(request.user))
    upcoming = sorted(
        (
            m
            for m in rows
            if m.held_on and m.held_on >= today and m.status != MeetingStatus.CANCELLED
        ),
        key=lambda m: (m.held_on, m.starts_at_time or dt.time.min, m.pk),
    )
    past = [m for m in rows if m not in upcoming]
    return render(
        request,
        "committee/member/list.html",
        {"nav": "my_meetings", "upcoming": upcoming, "past": past},
    )


@require_safe
@login_required
def member_meeting(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not request.user.has_perm("committee.view_meeting", meeting):
        raise PermissionDenied
    items = subjects.attach(selectors.visible_items(meeting, request.user))
    for item in items:
        resolution = getattr(item, "resolution", None)
        # Outcomes are pending until the secretariat releases them together.
        item.released = resolution if resolution and resolution.is_released else None
    minutes = selectors.minutes_for(meeting, request.user)
    return render(
        request,
        "committee/member/meeting.html",
        {
            "nav": "my_meetings",
            "meeting": meeting,
            "items": items,
            "minutes": minutes,
            "minutes_withheld": minutes is None and meeting_has_minutes(meeting),
            "show_minutes_pdf": minutes is not None,
        },
    )


def meeting_has_minutes(meeting: Meeting) -> bool:
    minutes = getattr(meeting, "minutes", None)
    return minutes is not None and minutes.is_shared_with_members
