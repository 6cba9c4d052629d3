"""Writes for review due dates: the secretariat gives a reviewer more time."""

import datetime as dt
from urllib.parse import urljoin

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.core.dates import check_new_due_date
from smartcity.core.mail import absolute_url
from smartcity.notifications.services import after_commit, notify
from smartcity.reviews.calendars import due_item
from smartcity.reviews.enums import ReviewState
from smartcity.reviews.labels import dossier_label
from smartcity.reviews.models import Assignment
from smartcity.reviews.services.conflicts import has_conflict
from smartcity.reviews.services.errors import EvaluationError


@transaction.atomic
def extend_review_due(
    *, assignment: Assignment, due_on: dt.date, reason: str, by, site_url: str = ""
) -> Assignment:
    """Move one assignment's due date, with a reason. Refused for a submitted review (there
    is nothing left to wait for), for a reviewer with a standing conflict of interest with
    the dossier (they must hear nothing of it), and for a date the shared rule refuses
    (in the past, not later than the current one, no reason: check_new_due_date()).

    Side effects, in order: the assignment locked (two officers, a double click, or the
    daily reminders marking it: the second sees the first's date); `due_on` saved and the
    reminder marks cleared, so the reminders follow the new date; an audit row with the
    old and new dates and the reason; after the commit, an email to the reviewer in their
    language. `site_url` is where the emailed link points."""
    current = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("review", "reviewer", "dossier")
        .get(pk=assignment.pk)
    )
    review = getattr(current, "review", None)
    if review is not None and review.state == ReviewState.SUBMITTED:
        raise EvaluationError(_("This review is submitted: its due date no longer matters."))
    if has_conflict(current.reviewer, current.dossier):
        raise EvaluationError(
            _("%(reviewer)s has a conflict of interest with this proposal.")
            % {"reviewer": current.reviewer}
        )
    check_new_due_date(current=current.due_on, due_on=due_on, reason=reason, error=EvaluationError)
    previous = current.due_on
    current.due_on = due_on
    current.reminded_before_at = current.reminded_after_at = None
    current.save(update_fields=["due_on", "reminded_before_at", "reminded_after_at", "updated_at"])
    audit.record(
        action="reviews.assignment.due_extended",
        by=by,
        target=current,
        before={"due_on": previous},
        after={"due_on": due_on},
        note=reason.strip(),
    )
    after_commit(
        send_due_moved,
        current.pk,
        reason=reason.strip(),
        site_url=site_url,
        event="reviews.assignment.due_extended",
    )
    assignment.due_on = due_on
    return current


def send_due_moved(assignment_id: int, *, reason: str, site_url: str) -> None:
    """Email the reviewer the new due date, in their language. A failure is logged, not
    raised: the date is moved and shows on the reviewer's list."""
    assignment = Assignment.objects.select_related("reviewer__user", "dossier", "phase").get(
        pk=assignment_id
    )
    user = assignment.reviewer.user
    path = reverse("reviews:score_sheet", args=[assignment.pk])
    label = dossier_label(assignment, hide_identity=assignment.phase.blind)
    notify(
        "reviews.assignment.due_extended",
        [user],
        link=path,
        calendar=[due_item(assignment, label)],
        context={
            "assignment": assignment,
            "label": label,
            "reason": reason,
            "url": urljoin(site_url, path) if site_url else absolute_url(path),
        },
    )
