from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from smartcity.accounts.setup import ensure_demo_users


class Command(BaseCommand):
    help = "Create demo accounts with known passwords (development only) and print them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (set DJANGO_DEBUG=1).")
        self.stdout.write("")
        # The address people will type: the configured site, not the development server.
        login_url = settings.SMARTCITY["SITE_URL"] + reverse("accounts:login")
        self.stdout.write(self.style.SUCCESS(f"Demo logins ({login_url}):"))
        for email, password, _created in ensure_demo_users():
            self.stdout.write(f"  {email:35} {password}")
        if settings.SMARTCITY_REQUIRE_2FA:
            self.stdout.write(
                "  Two-factor sign-in is required (SMARTCITY_REQUIRE_2FA): the admin and the "
                "secretariat set up an authenticator app at their first sign-in."
            )
        else:
            self.stdout.write(
                "  Two-factor sign-in is not required here (SMARTCITY_REQUIRE_2FA is off)."
            )
        self.stdout.write("")
