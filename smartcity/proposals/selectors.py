"""Reads for proposals, always for a viewer."""

from django.db.models import CharField, Count, QuerySet

from smartcity.core.db import NoIndex, byte_order, sort_key_ordering
from smartcity.core.keyset import Keyset
from smartcity.core.text import search_filter
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal

# Lists show names, states and dates: the long texts, the boundary and the frozen
# criteria (kilobytes per row) stay in the database.
LIST_DEFERRED = [
    "frozen_criteria", "boundary", "boundary_warnings", "vision", "goals", "data_platform_design",
    "data_security", "personal_data_protection", "management_organisation", "management_model",
    "investment_plan",
]  # fmt: skip


def proposals_for_member(user) -> QuerySet[Proposal]:
    """The proposals of every organisation the user belongs to, newest activity first.
    (One membership per organisation, so the join never repeats a proposal.)"""
    return (
        Proposal.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "call")
        .defer(*LIST_DEFERRED)
        .order_by("-updated_at", "-id")
    )


def screening_queue(filters: dict) -> QuerySet[Proposal]:
    """The secretariat's queue: by default what waits for screening, oldest first."""
    # Every state but draft, said so: a list of the other twelve made SQLite read the
    # queue by its state index and sort it, instead of walking the index of its order.
    queryset = (
        Proposal.objects.select_related("organisation")
        .defer(*LIST_DEFERRED, "search_document")
        .exclude(state=ProposalState.DRAFT)
    )
    states = filters.get("state") or ProposalState.screenable()
    states = {states} if isinstance(states, str) else set(states)
    condition = search_filter(filters.get("q", ""))
    if states != ProposalState.seen_by_secretariat():
        states = states & ProposalState.seen_by_secretariat()
        if condition:  # checked on the rows the order walks (core.db.NoIndex)
            queryset = queryset.alias(listed_state=NoIndex("state", output_field=CharField()))
            queryset = queryset.filter(listed_state__in=states)
        else:
            queryset = queryset.filter(state__in=states)
    if condition:
        queryset = queryset.filter(condition)
    if province := filters.get("province"):
        queryset = queryset.filter(provinces__code=province)
    if organisation_type := filters.get("organisation_type"):
        queryset = queryset.filter(organisation__type=organisation_type)
    if filters.get("sort") == "name":
        return queryset.order_by(sort_key_ordering("sort_name"), "id")
    return queryset.order_by("submitted_at", "id")


def queue_order(filters: dict) -> Keyset:
    """The queue's order as a keyset (core.keyset pages it by key): oldest submission
    first, or by name in Thai dictionary order; the id breaks ties."""
    if filters.get("sort") == "name":
        return Keyset("sort_name", expression=byte_order("sort_name"))
    return Keyset("submitted_at")


def queue_counts() -> dict[str, int]:
    """How many proposals wait in each state, for the queue's tabs."""
    counts = dict(Proposal.objects.order_by().values_list("state").annotate(n=Count("id")))
    return {state: counts.get(state, 0) for state in ProposalState.values}


def timeline(proposal: Proposal):
    return proposal.state_changes.select_related("by").order_by("at", "id")
