"""Reads for proposals, always for a viewer."""

from django.db.models import Count, Q, QuerySet

from smartcity.core.db import sort_key_ordering
from smartcity.core.text import search_filter
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal


def proposals_for_member(user) -> QuerySet[Proposal]:
    """The proposals of every organisation the user belongs to, newest activity first."""
    return (
        Proposal.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "call")
        .order_by("-updated_at", "-id")
        .distinct()
    )


QUEUE_STATES = [ProposalState.SUBMITTED, ProposalState.RESUBMITTED, ProposalState.SCREENING]


def screening_queue(filters: dict) -> QuerySet[Proposal]:
    """The secretariat's queue: by default what waits for screening, oldest first."""
    queryset = Proposal.objects.select_related("organisation", "organisation__province").exclude(
        state=ProposalState.DRAFT
    )
    states = filters.get("state") or QUEUE_STATES
    queryset = queryset.filter(state__in=states if isinstance(states, list) else [states])
    if condition := search_filter(filters.get("q", "")):
        queryset = queryset.filter(condition)
    if province := filters.get("province"):
        queryset = queryset.filter(provinces__code=province)
    if organisation_type := filters.get("organisation_type"):
        queryset = queryset.filter(organisation__type=organisation_type)
    if filters.get("sort") == "name":
        return queryset.order_by(sort_key_ordering("sort_name"), "id")
    return queryset.order_by("submitted_at", "id")


def queue_counts() -> dict[str, int]:
    """How many proposals wait in each state, for the queue's tabs."""
    rows = Proposal.objects.aggregate(
        **{state: Count("id", filter=Q(state=state)) for state in ProposalState.values}
    )
    return rows


def timeline(proposal: Proposal):
    return proposal.state_changes.select_related("by").order_by("at", "id")
