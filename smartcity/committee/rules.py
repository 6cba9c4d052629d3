"""Who may see and do what with committees and meetings. Views, PDFs and exports ask
these names only.

A committee member sees the meetings they are invited to, and of each meeting only the
items they are not recused from: a recused member is shown nothing of the item (not its
title, papers, scores, resolution or minutes paragraph)."""

import rules

from smartcity.accounts.rules import is_secretariat
from smartcity.committee.models import AgendaItem, MeetingAttendee, Recusal


@rules.predicate
def is_committee_member(user) -> bool:
    """Holds (or held) a seat on a committee."""
    return bool(getattr(user, "is_authenticated", False)) and user.committee_seats.exists()


@rules.predicate
def is_invited(user, meeting) -> bool:
    """Invited to `meeting` as a member of its committee."""
    return bool(getattr(user, "is_authenticated", False)) and (
        MeetingAttendee.objects.filter(meeting=meeting, member__user=user).exists()
    )


@rules.predicate
def is_recused(user, item: AgendaItem) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        Recusal.objects.filter(item=item, member__user=user).exists()
    )


@rules.predicate
def is_invited_to_item(user, item: AgendaItem) -> bool:
    return is_invited(user, item.meeting)


rules.add_perm("committee.manage_meetings", is_secretariat)
rules.add_perm("committee.view_meeting", is_secretariat | is_invited)
rules.add_perm("committee.view_item", is_secretariat | (is_invited_to_item & ~is_recused))
rules.add_perm("committee.view_own_meetings", is_committee_member)
