"""The certification's scheduled jobs (docs/operations.md)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from smartcity.certification.notices import send_expiry_notices
from smartcity.core.scheduled import scheduled_job


@scheduled_job(
    "certification.expiry.notices",
    _("Tell certificate holders 90 and 30 days before their certificate expires"),
)
def expiry_notices(today: dt.date) -> str:
    return f"{send_expiry_notices(today=today).certificates} certificate(s) expiring"
