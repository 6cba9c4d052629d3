"""The quorum of a meeting and of each of its agenda items, counted from the attendance
and the recusals. Reads only: the services and the drafted minutes both count with it."""

from dataclasses import dataclass

from smartcity.committee.models import (
    AgendaItem,
    Meeting,
    MeetingAttendee,
)


@dataclass(frozen=True)
class Quorum:
    invited: int
    present: int
    required: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required


def quorum(meeting: Meeting, attendees: list[MeetingAttendee] | None = None) -> Quorum:
    """Members present (in the room or online) against the committee's rule, counted
    over the members invited (those serving on the meeting's day). `attendees`: the
    meeting's rows when the caller has them already."""
    rows = list(meeting.attendees.all()) if attendees is None else attendees
    present = sum(1 for row in rows if row.is_present)
    return Quorum(len(rows), present, meeting.committee.quorum_for(len(rows)))


@dataclass(frozen=True)
class ItemQuorum:
    """The quorum of one agenda item. Thai meeting practice: a member with an interest
    in an item takes no part in it and is not counted in its quorum, so the members
    counted are those present minus those present who are recused from the item, against
    the same requirement as the meeting's."""

    present: int
    recused: int  # present, and recused from the item
    required: int

    @property
    def counted(self) -> int:
        return self.present - self.recused

    @property
    def reached(self) -> bool:
        return self.counted >= self.required


def item_quorum(item: AgendaItem, attendees: list[MeetingAttendee] | None = None) -> ItemQuorum:
    """The quorum of `item` (see ItemQuorum). Reads the item's recusals (prefetched or
    not) and the meeting's attendees (`attendees` when the caller has them)."""
    rows = list(item.meeting.attendees.all()) if attendees is None else attendees
    present = {row.member_id for row in rows if row.is_present}
    recused = {recusal.member_id for recusal in item.recusals.all()} & present
    required = item.meeting.committee.quorum_for(len(rows))
    return ItemQuorum(present=len(present), recused=len(recused), required=required)
