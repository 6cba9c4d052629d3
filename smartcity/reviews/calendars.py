"""Review due dates in calendars: the .ics attached to a reviewer's emails and their feed."""

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from smartcity.core.mail import absolute_url
from smartcity.notifications.ical import CalendarItem, calendar_source
from smartcity.reviews.enums import DossierStatus, PhaseStatus, ReviewState
from smartcity.reviews.labels import dossier_label
from smartcity.reviews.models import Assignment


def due_item(assignment: Assignment, label: str) -> CalendarItem:
    """The assignment's due date as an all-day event (one UID per assignment, so a new date
    replaces the old one in the reviewer's calendar)."""
    return CalendarItem(
        key=f"review-due-{assignment.pk}",
        summary=format_lazy(_("Review due: {label}"), label=label),
        start=assignment.due_on,
        url=absolute_url(reverse("reviews:score_sheet", kwargs={"pk": assignment.pk})),
    )


@calendar_source
def review_deadlines(user) -> Iterable[CalendarItem]:
    """The reviewer's open assignments: not submitted, in a phase open for scoring."""
    assignments = (
        Assignment.objects.filter(
            reviewer__user=user,
            reviewer__is_active=True,
            due_on__isnull=False,
            phase__status=PhaseStatus.OPEN,
            dossier__status=DossierStatus.IN_EVALUATION,
        )
        .filter(Q(review__isnull=True) | ~Q(review__state=ReviewState.SUBMITTED))
        .select_related("dossier", "phase")
        .order_by("due_on", "pk")
    )
    for assignment in assignments:
        yield due_item(assignment, dossier_label(assignment, hide_identity=assignment.phase.blind))
