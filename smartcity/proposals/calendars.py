"""Dates for a proposal's people in their calendar feed: information the secretariat asked
for, due on a date."""

from collections.abc import Iterable

from smartcity.accounts.enums import MembershipRole
from smartcity.notifications.ical import CalendarItem, calendar_source
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.notifications import information_due_item


@calendar_source
def information_deadlines(user) -> Iterable[CalendarItem]:
    proposals = Proposal.objects.filter(
        state=ProposalState.RETURNED,
        information_due_on__isnull=False,
        organisation__memberships__user=user,
        organisation__memberships__role__in=[MembershipRole.OWNER, MembershipRole.EDITOR],
    ).distinct()
    for proposal in proposals.order_by("information_due_on", "pk"):
        yield information_due_item(proposal)
