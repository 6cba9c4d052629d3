"""The API's scheduled job: the partner tokens' request log is kept for a set time."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from smartcity.api.tokens import services
from smartcity.core.scheduled import scheduled_job


@scheduled_job(
    "api.tokens.prune_log",
    _("Delete the API token request log older than the kept number of days"),
)
def prune_token_log(today: dt.date) -> str:
    days = settings.SMARTCITY["API_TOKEN_LOG_DAYS"]
    return f"{services.prune_token_log(older_than_days=days)} request row(s) older than {days} days deleted"
