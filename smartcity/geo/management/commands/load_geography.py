from django.core.management.base import BaseCommand, CommandError

from smartcity.geo.services import GeographyError, load_geography


class Command(BaseCommand):
    help = "Load regions, the 77 provinces with boundaries, districts and subdistricts."

    def handle(self, *args, **options):
        try:
            report = load_geography()
        except (GeographyError, OSError, KeyError, ValueError) as exc:
            raise CommandError(f"Geography not loaded: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Geography: {report}"))
