import json
from pathlib import Path

from django.core.management.base import BaseCommand

from smartcity.proposals.services.criteria import ensure_rolling_call, load_criteria_set

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Load the default criteria set (placeholder weights) and open the rolling call."

    def handle(self, *args, **options):
        data = json.loads((DATA / "criteria_set_2565.json").read_text(encoding="utf-8"))
        criteria_set, created = load_criteria_set(data=data, publish=True)
        call = ensure_rolling_call(criteria_set=criteria_set)
        state = "created" if created else "already there"
        self.stdout.write(
            self.style.SUCCESS(f"Criteria set {criteria_set.version}: {state}; call: {call}")
        )
