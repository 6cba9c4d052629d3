from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from smartcity.accounts.services import ensure_demo_users


class Command(BaseCommand):
    help = "Create demo accounts with known passwords (development only) and print them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (set DJANGO_DEBUG=1).")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (http://127.0.0.1:8000/admin/):"))
        for email, password, _created in ensure_demo_users():
            self.stdout.write(f"  {email:35} {password}")
        self.stdout.write("")
