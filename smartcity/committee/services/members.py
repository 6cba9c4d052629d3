"""Writes for the committees' seats: a person joins a committee for a term of office, and
the term ends. Meetings invite the members serving on their day, so a seat added or ended
also corrects the invitations of the committee's meetings that are still only scheduled."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from smartcity.committee.enums import Attendance, MeetingStatus, MemberRole
from smartcity.committee.models import Committee, CommitteeMember, Meeting, MeetingAttendee
from smartcity.committee.services.meetings import MeetingError
from smartcity.core import audit

FIELDS = ["committee", "user", "role", "position", "term_starts_on", "term_ends_on"]
# One person chairs a committee at a time; the other roles have several holders.
SINGLE_HOLDER_ROLES = {MemberRole.CHAIR}


class MemberError(MeetingError):
    """A change to a committee's seats that cannot be made; the message is for the person
    acting."""


def _overlapping(committee: Committee, starts: dt.date, ends: dt.date | None):
    """Seats of `committee` whose term shares at least one day with [starts, ends]."""
    seats = CommitteeMember.objects.filter(committee=committee).filter(
        Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=starts)
    )
    if ends is not None:
        seats = seats.filter(term_starts_on__lte=ends)
    return seats


@transaction.atomic
def add_member(
    *,
    committee: Committee,
    user,
    role: str,
    term_starts_on: dt.date,
    by,
    position: str = "",
    term_ends_on: dt.date | None = None,
) -> CommitteeMember:
    """Give `user` a seat on `committee` for the term. Refused when the term ends before
    it starts, when the person already holds a seat on the committee for part of the term,
    or when the committee already has a chair for part of it.

    Side effects, in order: the committee row locked (two officers adding at once are
    checked one after the other), the seat, invitations to the committee's scheduled
    meetings held during the term, an audit row."""
    if role not in MemberRole.values:
        raise MemberError(_("Choose the member's role."))
    if not getattr(user, "is_active", False):
        raise MemberError(_("This account is deactivated."))
    if term_ends_on is not None and term_ends_on < term_starts_on:
        raise MemberError(_("The term cannot end before it starts."))
    Committee.objects.select_for_update().get(pk=committee.pk)
    overlapping = _overlapping(committee, term_starts_on, term_ends_on)
    if overlapping.filter(user=user).exists():
        raise MemberError(
            _("%(person)s already sits on this committee during this term.") % {"person": user}
        )
    if role in SINGLE_HOLDER_ROLES and overlapping.filter(role=role).exists():
        raise MemberError(
            _("The committee already has a %(role)s during this term; end that term first.")
            % {"role": MemberRole(role).label.lower()}
        )
    seat = CommitteeMember.objects.create(
        committee=committee,
        user=user,
        role=role,
        position=position.strip(),
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
    )
    meetings = Meeting.objects.filter(
        committee=committee, status=MeetingStatus.SCHEDULED, held_on__gte=term_starts_on
    )
    if term_ends_on is not None:
        meetings = meetings.filter(held_on__lte=term_ends_on)
    invited = [meeting.pk for meeting in meetings]
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting_id=pk, member=seat) for pk in invited
    )
    audit.record(
        action="committee.member.added",
        by=by,
        target=seat,
        after={**audit.snapshot(seat, FIELDS), "invited_to": invited},
    )
    return seat


@transaction.atomic
def end_term(*, member: CommitteeMember, ends_on: dt.date, by) -> CommitteeMember:
    """End a member's term on `ends_on` (the last day served). The member is taken off
    the invitations of the committee's scheduled meetings after that day; the meetings
    already held keep their record.

    Side effects, in order: the seat locked (two officers ending it at once), the end date
    saved, later invitations removed, an audit row with the previous end date."""
    seat = CommitteeMember.objects.select_for_update().select_related("user").get(pk=member.pk)
    if ends_on < seat.term_starts_on:
        raise MemberError(_("The term cannot end before it starts."))
    if seat.term_ends_on is not None and seat.term_ends_on <= ends_on:
        raise MemberError(_("This term has already ended."))
    before = audit.snapshot(seat, ["term_ends_on"])
    seat.term_ends_on = ends_on
    seat.save(update_fields=["term_ends_on", "updated_at"])
    dropped = MeetingAttendee.objects.filter(
        member=seat,
        attendance=Attendance.INVITED,
        meeting__status=MeetingStatus.SCHEDULED,
        meeting__held_on__gt=ends_on,
    )
    uninvited = list(dropped.values_list("meeting_id", flat=True))
    dropped.delete()
    audit.record(
        action="committee.member.term_ended",
        by=by,
        target=seat,
        before=before,
        after={**audit.snapshot(seat, ["term_ends_on"]), "uninvited_from": uninvited},
    )
    member.term_ends_on = ends_on
    return seat
