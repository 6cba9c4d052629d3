"""Reads for committees and meetings, always for a viewer: a recused member never sees
an item they are recused from, in any list, pack or minutes built from these functions."""

from django.db.models import Count, Prefetch, Q, QuerySet

from smartcity.committee.models import AgendaItem, Meeting, MeetingAttendee, Recusal


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
    return Recusal.objects.filter(item__meeting=meeting, member__user=user).values("item_id")


def visible_items(meeting: Meeting, user) -> QuerySet[AgendaItem]:
    """The agenda as `user` may see it: everything for the secretariat; for a member,
    every item they are not recused from."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "proposal__organisation",
            "proposal__summary_recommendation",
            "resolution",
            "subject_resolution__item__meeting__committee",
        )
        .prefetch_related(
            Prefetch("recusals", queryset=Recusal.objects.select_related("member__user"))
        )
        .order_by("position")
    )
    if not getattr(user, "is_secretariat", False):
        items = items.exclude(pk__in=recused_item_ids(user, meeting))
    return items


def attendees(meeting: Meeting) -> QuerySet[MeetingAttendee]:
    return meeting.attendees.select_related("member__user").order_by("member__role", "pk")


def present_count(meeting: Meeting) -> int:
    return meeting.attendees.filter(Q(attendance="present") | Q(attendance="online")).count()
