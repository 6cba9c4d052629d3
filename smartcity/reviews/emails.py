"""Telling reviewers of their new assignments, in their language, after the commit."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation

from smartcity.core.mail import absolute_url
from smartcity.notifications.services import after_commit, notify
from smartcity.reviews.calendars import due_item
from smartcity.reviews.labels import dossier_label
from smartcity.reviews.models import Assignment, Conflict


def tell_assigned(assignments: list[Assignment]) -> None:
    """Schedule, for after the commit, one email per reviewer listing their new
    assignments (a bulk or automatic round sends one email per reviewer, not one per
    assignment)."""
    by_reviewer: dict[int, list[int]] = {}
    for assignment in assignments:
        by_reviewer.setdefault(assignment.reviewer_id, []).append(assignment.pk)
    for assignment_ids in by_reviewer.values():
        after_commit(send_assigned, assignment_ids, event="reviews.assignment.created")


def send_assigned(assignment_ids: list[int]) -> None:
    """Email a reviewer their new assignments: the proposal's label (its number only in a
    phase that hides the proponent's identity), the due date and the link to each score
    sheet. An assignment whose reviewer was found conflicted meanwhile is left out: a
    conflicted reviewer hears nothing of the proposal."""
    conflicted = Conflict.objects.filter(
        reviewer=OuterRef("reviewer"), dossier=OuterRef("dossier"), dismissed_at__isnull=True
    )
    assignments = list(
        Assignment.objects.filter(pk__in=assignment_ids)
        .exclude(Exists(conflicted))
        .select_related("reviewer__user", "dossier", "phase")
        .order_by("due_on", "pk")
    )
    if not assignments:
        return
    user = assignments[0].reviewer.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        for assignment in assignments:
            assignment.label = dossier_label(assignment, hide_identity=assignment.phase.blind)
            assignment.url = absolute_url(
                reverse("reviews:score_sheet", kwargs={"pk": assignment.pk})
            )
    notify(
        "reviews.assignment.created",
        [user],
        context={"assignments": assignments},
        link=reverse("reviews:assignments"),
        calendar=[due_item(a, a.label) for a in assignments if a.due_on],
    )
