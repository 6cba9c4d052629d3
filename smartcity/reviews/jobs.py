"""reviews' scheduled jobs (run daily by `manage.py run_scheduled_jobs`)."""

from django.utils.translation import gettext_lazy as _

from smartcity.core.scheduled import scheduled_job
from smartcity.reviews.reminders import send_reminders


@scheduled_job("reviews.reminders", _("Remind reviewers of reviews due within 3 days or overdue"))
def send_review_reminders(today) -> str:
    """Idempotent for a day: each reminder is sent at most once per assignment."""
    run = send_reminders(today=today)
    return f"{run.before} due soon, {run.after} overdue, {run.emails} email(s) sent"
