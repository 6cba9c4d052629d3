"""`manage.py run_scheduled_jobs`: run every scheduled job once (called daily by cron or a
systemd timer; see docs/operations.md). Exits non-zero when a job failed."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from smartcity.core import scheduled


class Command(BaseCommand):
    help = "Run every scheduled job once (reminders, expiry checks). Safe to run twice a day."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", help="run only this job (repeatable)")
        parser.add_argument("--date", help="run as of this date (YYYY-MM-DD, C.E.)")
        parser.add_argument("--list", action="store_true", help="list the jobs and stop")

    def handle(self, *args, only=None, date=None, list=False, **options):
        if list:
            for job in scheduled.registered():
                self.stdout.write(f"{job.name}\t{job.description}")
            return
        today = None
        if date:
            try:
                today = dt.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        known = {job.name for job in scheduled.registered()}
        unknown = set(only or ()) - known
        if unknown:
            raise CommandError(f"No scheduled job named {', '.join(sorted(unknown))}.")
        results = scheduled.run_all(today=today, only=set(only) if only else None)
        for name, summary in results.items():
            self.stdout.write(f"{name}: {summary}")
        failed = [name for name, summary in results.items() if summary.startswith("failed:")]
        if failed:
            raise CommandError(f"{len(failed)} scheduled job(s) failed: {', '.join(failed)}")
