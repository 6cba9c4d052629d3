"""Reads for committees and meetings, always for a viewer: a recused member never sees
an item they are recused from, in any list, pack or minutes built from these functions."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet

from smartcity.committee.enums import MinutesStatus
from smartcity.committee.models import AgendaItem, Meeting, MeetingAttendee, Minutes, Recusal
from smartcity.proposals.models import Solution
from smartcity.reviews import selectors as reviews


def meetings_for_secretariat() -> QuerySet[Meeting]:
    return (
        Meeting.objects.select_related("committee")
        .annotate(n_items=Count("items", distinct=True))
        .order_by("-year_be", "-number", "-held_on", "-pk")
    )


def meetings_for_member(user) -> QuerySet[Meeting]:
    """The meetings `user` is invited to, newest first."""
    return meetings_for_secretariat().filter(attendees__member__user=user).distinct()


def recused_item_ids(user, meeting: Meeting) -> QuerySet:
    return recused_item_ids_in(user, [meeting])


def recused_item_ids_in(user, meetings) -> QuerySet:
    return Recusal.objects.filter(item__meeting__in=meetings, member__user=user).values("item_id")


def visible_items(meeting: Meeting, user) -> QuerySet[AgendaItem]:
    """The agenda as `user` may see it: everything for the secretariat; for a member,
    every item they are not recused from."""
    return visible_items_of([meeting], user)


def visible_items_of(meetings, user) -> QuerySet[AgendaItem]:
    """visible_items() of several meetings in one query (a member's landing page)."""
    items = (
        AgendaItem.objects.filter(meeting__in=meetings)
        .select_related(
            "proposal__organisation",
            "resolution",
            "subject_resolution__item__meeting__committee",
        )
        .prefetch_related(
            Prefetch("recusals", queryset=Recusal.objects.select_related("member__user"))
        )
        .order_by("meeting_id", "position")
    )
    if not getattr(user, "is_secretariat", False):
        items = items.exclude(pk__in=recused_item_ids_in(user, meetings))
    return items


def attendees(meeting: Meeting) -> QuerySet[MeetingAttendee]:
    return meeting.attendees.select_related("member__user").order_by("member__role", "pk")


def agenda_for_secretariat(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Every item of the meeting, with what the working page needs of each (its proposal's
    domains, recusals, resolution) in a fixed number of queries."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "proposal__organisation",
            "resolution",
            "subject_resolution__item__meeting__committee",
        )
        .prefetch_related(
            Prefetch("recusals", queryset=Recusal.objects.select_related("member__user")),
            Prefetch(
                "proposal__solutions",
                queryset=Solution.objects.order_by("position", "pk").only(
                    "pk", "proposal_id", "domain", "position"
                ),
            ),
        )
        .order_by("position")
    )


def domains_of(proposal) -> list[str]:
    """services_meetings.proposed_domains() read from prefetched solutions: the domains
    the proposal's solutions cover, in the proposal's order."""
    seen: list[str] = []
    for solution in proposal.solutions.all():
        if solution.domain not in seen:
            seen.append(solution.domain)
    return seen


@dataclass(frozen=True)
class Evaluation:
    reviews: int
    mean_total: Decimal | None


def evaluations(proposal_ids) -> dict[int, Evaluation]:
    """The submitted reviews' count and mean total per proposal, in one query."""
    rows = reviews.evaluations("proposal", proposal_ids)
    return {pk: Evaluation(row.reviews, row.mean_total) for pk, row in rows.items()}


def attach_summaries(proposals) -> None:
    """Give each proposal its `summary_recommendation` (the secretariat's, from its
    evaluation dossier; None if not written), in one query."""
    proposals = [p for p in proposals if p is not None]
    summaries = reviews.summaries_for("proposal", [p.pk for p in proposals])
    for proposal in proposals:
        proposal.summary_recommendation = summaries.get(proposal.pk)


def _mentions(paragraph: str, names: list[str]) -> bool:
    return any(name and name in paragraph for name in names)


def minutes_for(meeting: Meeting, user) -> str | None:
    """The minutes' text as `user` may read it: the secretariat reads it whole; a member
    reads it once circulated, without the paragraphs of the items they are recused from.
    If an edited text still names such an item outside its own paragraph, the member is
    shown no text at all rather than a leak (None)."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        return None
    if getattr(user, "is_secretariat", False):
        return minutes.body
    if minutes.status == MinutesStatus.DRAFT:
        return None
    recused = list(
        AgendaItem.objects.filter(pk__in=recused_item_ids(user, meeting)).select_related(
            "proposal__organisation"
        )
    )
    if not recused:
        return minutes.body
    headings = tuple(f"ระเบียบวาระที่ {item.position} " for item in recused)
    names = []
    for item in recused:
        names += [item.title_th, item.title_en]
        if item.proposal_id:
            names += [item.proposal.name_th, item.proposal.name_en]
    paragraphs = [
        paragraph
        for paragraph in minutes.body.split("\n\n")
        if not paragraph.lstrip().startswith(headings)
    ]
    text = "\n\n".join(paragraphs)
    return None if _mentions(text, [n.strip() for n in names]) else text
