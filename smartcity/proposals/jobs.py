"""The proposals' scheduled jobs (docs/operations.md)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from smartcity.core.scheduled import scheduled_job
from smartcity.proposals.reminders import send_information_reminders


@scheduled_job(
    "proposals.information.reminders",
    _("Remind applicants before information asked for is due, and when the date passes"),
)
def information_reminders(today: dt.date) -> str:
    run = send_information_reminders(today=today)
    return f"{run.due_soon} proposal(s) due soon, {run.overdue} overdue"
