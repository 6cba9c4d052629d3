from django.core.management.base import BaseCommand, CommandError

from smartcity.core.errors import DataFileError
from smartcity.network.services import import_network_cities


class Command(BaseCommand):
    help = "Import the Thai cities of the ASEAN Smart Cities Network and the nominations."

    def handle(self, *args, **options):
        try:
            created, updated = import_network_cities()
        except DataFileError as exc:
            raise CommandError("Nothing was imported: " + "; ".join(exc.problems)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Network cities: {created} created, {updated} updated")
        )
