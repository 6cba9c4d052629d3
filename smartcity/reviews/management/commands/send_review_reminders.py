import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from smartcity.reviews.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Remind reviewers of reviews due within 3 days or overdue. The daily run is the "
        "scheduled job reviews.reminders (manage.py run_scheduled_jobs); this runs it alone, "
        "for a given day or site address. A second run sends nothing again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="The day to act as, YYYY-MM-DD (default: today in Bangkok).",
        )
        parser.add_argument(
            "--site-url",
            default=None,
            help="The site's address, for the links in the emails (default: $SMARTCITY_SITE_URL).",
        )

    def handle(self, *args, today=None, site_url=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        run = send_reminders(today=day, site_url=site_url)
        self.stdout.write(
            self.style.SUCCESS(
                f"{day.isoformat()}: {run.before} due soon, {run.after} overdue, "
                f"{run.emails} email(s) sent."
            )
        )
