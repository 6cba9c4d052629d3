"""Attendance: who of the members invited attended, and inviting a member."""

from django.db import transaction
from django.utils.translation import gettext as _

from smartcity.committee import notices
from smartcity.committee.enums import (
    Attendance,
    MeetingStatus,
)
from smartcity.committee.models import (
    CommitteeMember,
    Meeting,
    MeetingAttendee,
)
from smartcity.committee.quorum import Quorum, quorum
from smartcity.committee.services.meetings import MeetingError, locked_meeting
from smartcity.core import audit
from smartcity.notifications.services import after_commit


@transaction.atomic
def record_attendance(*, meeting: Meeting, attendance: dict[int, str], by) -> Quorum:
    """Record who attended: `attendance` maps attendee ids to Attendance values."""
    current = locked_meeting(meeting)
    if current.status not in MeetingStatus.editable():
        raise MeetingError(_("Attendance can be recorded until the meeting closes."))
    rows = {a.pk: a for a in current.attendees.all()}
    changed = {}
    for pk, value in attendance.items():
        row = rows.get(pk)
        if row is None or value not in Attendance.values:
            raise MeetingError(_("Unknown member or attendance."))
        if row.attendance != value:
            changed[str(row.member_id)] = [row.attendance, value]
            row.attendance = value
            row.save(update_fields=["attendance"])
    if changed:
        audit.record(
            action="committee.meeting.attendance_recorded", by=by, target=current, after=changed
        )
    return quorum(current)


@transaction.atomic
def invite_member(*, meeting: Meeting, member: CommitteeMember, by) -> MeetingAttendee:
    """Invite one more member of the committee; after the commit they are told, with the
    meeting for their calendar. Inviting someone already invited does nothing."""
    if member.committee_id != meeting.committee_id:
        raise MeetingError(_("This person does not sit on this committee."))
    row, created = MeetingAttendee.objects.get_or_create(meeting=meeting, member=member)
    if created:
        audit.record(
            action="committee.meeting.invited", by=by, target=meeting, after={"member": member.pk}
        )
        after_commit(
            notices.tell_invited,
            meeting.pk,
            member_ids=[member.pk],
            event="committee.meeting.invited",
        )
    return row
