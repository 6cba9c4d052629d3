"""Reads for committees and meetings, always for a viewer: a recused member never sees
an item they are recused from, in any list, pack or minutes built from these functions."""

from django.db.models import Count, Prefetch, QuerySet

from smartcity.committee import subjects
from smartcity.committee.enums import CommitteeKind, Outcome, ResolutionStatus
from smartcity.committee.models import (
    AgendaItem,
    Meeting,
    MeetingAttendee,
    Minutes,
    Recusal,
    Resolution,
)


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
        .select_related("resolution")
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


def agenda_for_secretariat(meeting: Meeting) -> list[AgendaItem]:
    """Every item of the meeting, with what the working page needs of each (its subject
    as its owner describes it, recusals, resolution) in a fixed number of queries."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("resolution")
        .prefetch_related(
            Prefetch("recusals", queryset=Recusal.objects.select_related("member__user"))
        )
        .order_by("position")
    )
    return subjects.attach(items)


def released_approval(*, subject_kind: str, subject_id: int) -> Resolution | None:
    """The sub-committee's latest released approval of a subject, with its meeting."""
    return (
        released_approvals(subject_kind=subject_kind, subject_ids=[subject_id])
        .select_related("item__meeting__committee")
        .order_by("-released_at", "-pk")
        .first()
    )


def released_approvals(*, subject_kind: str, subject_ids=None) -> QuerySet[Resolution]:
    """The sub-committee's released approvals of subjects of `subject_kind` (of the ids
    given, or of any)."""
    approvals = Resolution.objects.filter(
        item__subject_kind=subject_kind,
        item__meeting__committee__kind=CommitteeKind.SUB_COMMITTEE,
        outcome=Outcome.APPROVE,
        status=ResolutionStatus.RELEASED,
    )
    if subject_ids is not None:
        approvals = approvals.filter(item__subject_id__in=list(subject_ids))
    return approvals


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
    if not minutes.is_shared_with_members:
        return None
    recused = subjects.attach(AgendaItem.objects.filter(pk__in=recused_item_ids(user, meeting)))
    if not recused:
        return minutes.body
    headings = tuple(f"ระเบียบวาระที่ {item.position} " for item in recused)
    names = []
    for item in recused:
        names += [item.title_th, item.title_en]
        if item.subject is not None:
            names += item.subject.names
    paragraphs = [
        paragraph
        for paragraph in minutes.body.split("\n\n")
        if not paragraph.lstrip().startswith(headings)
    ]
    text = "\n\n".join(paragraphs)
    return None if _mentions(text, [n.strip() for n in names]) else text
