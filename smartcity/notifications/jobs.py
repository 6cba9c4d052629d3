"""The notifications' scheduled job: the outbox sweep (docs/operations.md)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from smartcity.core.scheduled import scheduled_job
from smartcity.notifications import services


@scheduled_job(
    "notifications.outbox.sweep",
    _("Send again the emails whose retry is due or whose task was lost"),
)
def sweep_outbox(today: dt.date) -> str:
    return f"{services.sweep_outbox()} message(s) enqueued again"
