"""core's scheduled jobs (run by `manage.py run_scheduled_jobs`)."""

from django.utils.translation import gettext_lazy as _

from smartcity.core.exports import KEEP_FOR, prune_exports
from smartcity.core.scheduled import scheduled_job


@scheduled_job("core.prune_exports", _("Delete exported files older than a week"))
def prune_old_exports(today) -> str:
    return f"{prune_exports()} file(s) removed (kept {KEEP_FOR.days} days)"
