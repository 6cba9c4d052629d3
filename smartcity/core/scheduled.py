"""Scheduled jobs: the one entry point that cron or a systemd timer calls.

Each app registers the jobs it owns (reminders, expiry checks, sweeps) in a module named
`jobs.py`, imported at start-up by its AppConfig.ready() or discovered here:

    from smartcity.core.scheduled import scheduled_job

    @scheduled_job("reviews.reminders", _("Remind reviewers of their due dates"))
    def send_review_reminders(today: datetime.date) -> str:
        ...
        return "12 reminders"  # one line for the log

and `manage.py run_scheduled_jobs` runs every registered job once, in registration order,
each in its own transaction-free call so that one failing job does not stop the others
(the failure is logged and the command exits non-zero). Jobs must be idempotent for a
given day: the timer may call the command more than once (docs/operations.md).
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    description: str
    run: Callable[[dt.date], str | None]


_jobs: dict[str, ScheduledJob] = {}


def scheduled_job(name: str, description: str):
    """Register the decorated function `f(today) -> summary` as the job `name`."""

    def register(func):
        if name in _jobs and _jobs[name].run is not func:
            raise ValueError(f"A scheduled job named {name!r} is already registered.")
        _jobs[name] = ScheduledJob(name, str(description), func)
        return func

    return register


def discover() -> None:
    """Import every installed app's `jobs` module (where its scheduled jobs live)."""
    for config in apps.get_app_configs():
        if config.name.startswith("smartcity."):
            try:
                import_module(f"{config.name}.jobs")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.jobs":
                    raise


def registered() -> list[ScheduledJob]:
    discover()
    return list(_jobs.values())


def run_all(*, today: dt.date | None = None, only: set[str] | None = None) -> dict[str, str]:
    """Run each registered job once; returns {name: summary or 'failed: ...'}. A job that
    raises is logged and reported, and the others still run."""
    today = today or timezone.localdate()
    results: dict[str, str] = {}
    for job in registered():
        if only and job.name not in only:
            continue
        try:
            results[job.name] = job.run(today) or "done"
        except Exception as error:  # one job failing must not stop the rest
            logger.exception("Scheduled job %s failed", job.name)
            results[job.name] = f"failed: {type(error).__name__}: {error}"
    return results
