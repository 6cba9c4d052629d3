"""Reminding reviewers of their due dates. Run once a day as the scheduled job
`reviews.reminders` (reviews.jobs, called by `manage.py run_scheduled_jobs`); the command
`send_review_reminders` runs the same thing alone."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from smartcity.core import audit
from smartcity.core.mail import absolute_url
from smartcity.notifications.services import after_commit, notify
from smartcity.reviews.enums import DossierStatus, PhaseStatus, ReviewState
from smartcity.reviews.labels import dossier_label
from smartcity.reviews.models import Assignment, Conflict

DAYS_BEFORE = 3
BEFORE, AFTER = "before", "after"
MARKS = {BEFORE: "reminded_before_at", AFTER: "reminded_after_at"}


@dataclass
class ReminderRun:
    before: int = 0  # assignments reminded that their due date is near
    after: int = 0  # assignments reminded that their due date has passed
    emails: int = 0  # one email per reviewer and kind, listing their proposals


def _waiting(today: dt.date) -> QuerySet[Assignment]:
    """Assignments a reviewer can still act on and has not: the review is not submitted,
    the phase is open for scoring, the proposal is still in evaluation, the reviewer is
    active, and no conflict of interest stands between them and the proposal (a conflicted
    reviewer must hear nothing of it)."""
    conflicted = Conflict.objects.filter(
        reviewer=OuterRef("reviewer"), dossier=OuterRef("dossier"), dismissed_at__isnull=True
    )
    return (
        Assignment.objects.filter(
            phase__status=PhaseStatus.OPEN,
            phase__reviewers_may_score=True,
            dossier__status=DossierStatus.IN_EVALUATION,
            reviewer__is_active=True,
            reviewer__user__is_active=True,
        )
        .filter(Q(review__isnull=True) | Q(review__state__in=ReviewState.editable()))
        .exclude(Exists(conflicted))
    )


def send_reminders(*, today: dt.date, site_url: str | None = None) -> ReminderRun:
    """Send the reminders due on `today`: one when the due date is at most DAYS_BEFORE days
    away, one once it has passed; each at most once per assignment, so a second run the
    same day (or any later day) sends nothing again. A reviewer with several assignments
    gets one email per kind, listing them with the link to each score sheet, in their own
    language. The links point at `site_url`, by default the site's address in settings.

    Side effects, per kind, in order: the assignments are locked and marked as reminded;
    one audit row per reviewer reminded; after the commit, the emails."""
    run = ReminderRun()
    windows = {
        BEFORE: Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=DAYS_BEFORE)),
        AFTER: Q(due_on__lt=today),
    }
    for kind, window in windows.items():
        mark = MARKS[kind]
        with transaction.atomic():
            # Two runs at once (the daily job and a person running the command) must not
            # both send: the second waits here, then finds the rows already marked.
            rows = list(
                _waiting(today)
                .filter(window, **{f"{mark}__isnull": True})
                .select_for_update(of=("self",))
                .order_by("reviewer_id", "due_on", "pk")
            )
            if not rows:
                continue
            Assignment.objects.filter(pk__in=[a.pk for a in rows]).update(**{mark: timezone.now()})
            by_reviewer: dict[int, list[int]] = {}
            for assignment in rows:
                by_reviewer.setdefault(assignment.reviewer_id, []).append(assignment.pk)
            for reviewer_id, assignment_ids in by_reviewer.items():
                audit.record(
                    action="reviews.reminder.sent",
                    after={"kind": kind, "reviewer": reviewer_id, "assignments": assignment_ids},
                )
                after_commit(
                    _send,
                    assignment_ids,
                    kind=kind,
                    today=today,
                    site_url=site_url,
                    event=f"reviews.reminder.{kind}",
                )
            setattr(run, kind, len(rows))
            run.emails += len(by_reviewer)
    return run


def _link(site_url: str | None, path: str) -> str:
    return urljoin(site_url, path) if site_url else absolute_url(path)


def _send(assignment_ids: list[int], *, kind: str, today: dt.date, site_url: str | None) -> None:
    assignments = list(
        Assignment.objects.filter(pk__in=assignment_ids)
        .select_related("reviewer__user", "dossier", "phase")
        .order_by("due_on", "pk")
    )
    if not assignments:
        return
    user = assignments[0].reviewer.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        for assignment in assignments:
            assignment.label = dossier_label(assignment, hide_identity=assignment.phase.blind)
            assignment.url = _link(
                site_url, reverse("reviews:score_sheet", kwargs={"pk": assignment.pk})
            )
    notify(
        f"reviews.reminder.{kind}",
        [user],
        link=reverse("reviews:assignments"),
        context={
            "assignments": assignments,
            "overdue": kind == AFTER,
            "today": today,
            "url": _link(site_url, reverse("reviews:assignments")),
        },
    )
