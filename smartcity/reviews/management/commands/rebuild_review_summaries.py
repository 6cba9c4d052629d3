from django.core.management.base import BaseCommand
from django.db import transaction

from smartcity.core import audit
from smartcity.reviews.services.summaries import rebuild_summaries


class Command(BaseCommand):
    help = (
        "Write every evaluation summary row (the board's per dossier and phase, the "
        "reviewer pool's per reviewer and phase) again from the assignments, reviews and "
        "conflicts: after rows were loaded in bulk without the services, or to repair. "
        "A second run writes the same rows."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            dossiers, reviewers = rebuild_summaries()
            audit.record(
                action="reviews.summaries.rebuilt",
                after={"dossier_rows": dossiers, "reviewer_rows": reviewers},
            )
        self.stdout.write(f"{dossiers} dossier rows and {reviewers} reviewer rows written.")
