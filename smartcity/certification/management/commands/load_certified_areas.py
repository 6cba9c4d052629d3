from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from smartcity.certification.services.history import CERTIFIED_AREAS_CSV, import_certified_areas
from smartcity.core.errors import DataFileError


class Command(BaseCommand):
    help = "Import the certified smart-city areas from the programme's public record (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=CERTIFIED_AREAS_CSV)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"File not found: {path}")
        try:
            # The operator's console speaks English, as the command's own messages do.
            with translation.override("en"):
                report = import_certified_areas(path=path)
        except DataFileError as exc:
            raise CommandError(
                "Nothing was imported. Fix these lines and run again:\n  "
                + "\n  ".join(exc.problems)
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Certified areas: {report}"))
