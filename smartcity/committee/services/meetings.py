"""Meetings and their status: scheduling with automatic numbers, rearranging, and the
one writer of a meeting's status (open, close, reopen, cancel; "released" only through
services.release)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from smartcity.committee import notices
from smartcity.committee.enums import (
    MeetingStatus,
)
from smartcity.committee.models import (
    Committee,
    CommitteeMember,
    Meeting,
    MeetingAttendee,
)
from smartcity.committee.quorum import quorum
from smartcity.core import audit
from smartcity.core.dates import be_year
from smartcity.core.errors import ActionRefused
from smartcity.notifications.services import after_commit


class MeetingError(ActionRefused):
    """A meeting action that cannot be done; the message is for the person acting."""


M = MeetingStatus
# (from, to) -> verb. RELEASED is reached only through services.release.release_results.
MEETING_TRANSITIONS: dict[tuple[str, str], str] = {
    (M.SCHEDULED, M.IN_SESSION): "open",
    (M.SCHEDULED, M.CANCELLED): "cancel",
    (M.IN_SESSION, M.CLOSED): "close",
    (M.CLOSED, M.IN_SESSION): "reopen",
    (M.CLOSED, M.RELEASED): "release",
}
# Audit rows name what happened, in the past tense: verb -> action's last word.
AUDITED_AS = {
    "open": "opened",
    "cancel": "cancelled",
    "close": "closed",
    "reopen": "reopened",
    "release": "released",
}


def locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _status_label(status: str) -> str:
    return str(MeetingStatus(status).label) if status in MeetingStatus.values else status


def transition_meeting(
    *, meeting: Meeting, to_status: str, by, note: str = "", releasing: bool = False
) -> Meeting:
    """Move a meeting to `to_status` if the table allows it. Must run in a transaction.
    Closing needs the quorum; "released" is reached only through release_results, which
    passes `releasing=True` once it has moved every proposal. Side effects: row locked
    and re-read, status saved, audit."""
    current = locked_meeting(meeting)
    if to_status == M.RELEASED and not releasing:
        raise MeetingError(_("A meeting becomes “released” only by releasing its results."))
    if (current.status, to_status) not in MEETING_TRANSITIONS:
        raise MeetingError(
            _("A meeting that is “%(status)s” cannot become “%(target)s”.")
            % {"status": current.get_status_display(), "target": _status_label(to_status)}
        )
    if to_status == M.CLOSED and not quorum(current).reached:
        raise MeetingError(_("The meeting has no quorum: record who is present first."))
    previous = current.status
    current.status = to_status
    current.save(update_fields=["status"])
    audit.record(
        action=f"committee.meeting.{AUDITED_AS[MEETING_TRANSITIONS[(previous, to_status)]]}",
        by=by,
        target=current,
        before={"status": previous},
        after={"status": to_status},
        note=note,
    )
    meeting.status = to_status
    return current


@transaction.atomic
def open_meeting(*, meeting: Meeting, by) -> Meeting:
    return transition_meeting(meeting=meeting, to_status=M.IN_SESSION, by=by)


@transaction.atomic
def close_meeting(*, meeting: Meeting, by) -> Meeting:
    return transition_meeting(meeting=meeting, to_status=M.CLOSED, by=by)


@transaction.atomic
def reopen_meeting(*, meeting: Meeting, by) -> Meeting:
    return transition_meeting(meeting=meeting, to_status=M.IN_SESSION, by=by)


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, reason: str, by) -> Meeting:
    if not (reason or "").strip():
        raise MeetingError(_("Give the reason for cancelling."))
    return transition_meeting(meeting=meeting, to_status=M.CANCELLED, by=by, note=reason.strip())


def serving_members(committee: Committee, on: dt.date):
    return (
        CommitteeMember.objects.filter(committee=committee, term_starts_on__lte=on)
        .filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=on))
        .select_related("user")
    )


def _check_place(place: str, online_link: str) -> None:
    if not place.strip() and not online_link.strip():
        raise MeetingError(_("Give the place or the online meeting link."))
    if online_link.strip():
        try:
            URLValidator(schemes=["http", "https"])(online_link.strip())
        except ValidationError:
            raise MeetingError(
                _("The online meeting link must be a web address (https://…).")
            ) from None


@transaction.atomic
def schedule_meeting(
    *,
    committee: Committee,
    held_on: dt.date,
    by,
    starts_at_time: dt.time | None = None,
    place: str = "",
    online_link: str = "",
) -> Meeting:
    """Schedule the committee's next meeting of the Buddhist-era year of `held_on`.

    The number is the year's highest plus one, taken under a lock on the committee row:
    two officers scheduling at once get consecutive numbers, never the same one, and no
    number is skipped (a cancelled meeting keeps its number). Every member serving on
    that day is invited. Side effects: the meeting, its invitations, an audit row; after
    the commit, each invited member told with the meeting for their calendar."""
    _check_place(place, online_link)
    Committee.objects.select_for_update().get(pk=committee.pk)
    year_be = be_year(held_on.year)
    last = Meeting.objects.filter(committee=committee, year_be=year_be).aggregate(
        last=Max("number")
    )["last"]
    meeting = Meeting.objects.create(
        committee=committee,
        number=(last or 0) + 1,
        year_be=year_be,
        held_on=held_on,
        starts_at_time=starts_at_time,
        place=place.strip(),
        online_link=online_link.strip(),
        status=M.SCHEDULED,
        created_by=by,
    )
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=meeting, member=member)
        for member in serving_members(committee, held_on)
    )
    audit.record(
        action="committee.meeting.scheduled",
        by=by,
        target=meeting,
        after=audit.snapshot(meeting, ["number", "year_be", "held_on", "place", "online_link"]),
    )
    after_commit(notices.tell_invited, meeting.pk, event="committee.meeting.invited")
    return meeting


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, held_on: dt.date, by, starts_at_time=None, place="", online_link=""
) -> Meeting:
    """Change a scheduled meeting's date, time, place or link. The number stays: a new
    date in another B.E. year needs a new meeting. After the commit the members get the
    invitation again, its calendar event (same UID) replacing the old one."""
    current = locked_meeting(meeting)
    if current.status != M.SCHEDULED:
        raise MeetingError(_("Only a scheduled meeting can be rearranged."))
    if be_year(held_on.year) != current.year_be:
        raise MeetingError(
            _("Meeting %(ref)s belongs to B.E. %(year)s; cancel it and schedule a new one.")
            % {"ref": current.reference, "year": current.year_be}
        )
    _check_place(place, online_link)
    fields = ["held_on", "starts_at_time", "place", "online_link"]
    before = audit.snapshot(current, fields)
    current.held_on, current.starts_at_time = held_on, starts_at_time
    current.place, current.online_link = place.strip(), online_link.strip()
    current.save(update_fields=fields)
    audit.record(
        action="committee.meeting.updated",
        by=by,
        target=current,
        before=before,
        after=audit.snapshot(current, fields),
    )
    after_commit(notices.tell_invited, current.pk, event="committee.meeting.invited")
    return current


@transaction.atomic
def send_meeting_pack(*, meeting: Meeting, by) -> Meeting:
    """Tell the invited members that the meeting's pack is ready to read (each reads their
    own pack: a recused member's leaves out the items they are recused from). For a meeting
    not yet closed whose agenda has items; it may be sent again after the agenda changes.
    Side effects: an audit row; after the commit, the members told."""
    current = locked_meeting(meeting)
    if current.status not in M.editable():
        raise MeetingError(_("The pack can be sent until the meeting closes."))
    if not current.items.exists():
        raise MeetingError(_("The agenda is empty: there is no pack to send yet."))
    audit.record(action="committee.meeting.pack_sent", by=by, target=current)
    after_commit(notices.tell_pack_ready, current.pk, event="committee.meeting.pack_ready")
    return current
