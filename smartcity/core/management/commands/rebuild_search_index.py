from django.core.management.base import BaseCommand
from django.db import connection, transaction

from smartcity.core import audit
from smartcity.core.search_index import ensure_index, refill
from smartcity.core.text import SEARCHABLE


class Command(BaseCommand):
    help = (
        "Segment every searchable row's text again (its search document) and refill the "
        "word-search indexes: after a PyThaiNLP dictionary upgrade, after rows were "
        "loaded without the services, or to repair an index. A second run changes nothing."
    )

    def handle(self, *args, **options):
        counts = {}
        with transaction.atomic():
            for model, (refresh, related) in SEARCHABLE.items():
                table = model._meta.db_table
                # The index first, from the rows as they are: the update triggers below
                # then remove entries that are really there, even if it was emptied.
                ensure_index(connection, table)
                refill(connection, table)
                changed = []
                rows = model._default_manager.select_related(*related).order_by("pk")
                for row in rows.iterator(chunk_size=1000):
                    document = refresh(row)
                    if document != row.search_document:
                        row.search_document = document
                        changed.append(row)
                model._default_manager.bulk_update(changed, ["search_document"], batch_size=500)
                counts[table] = len(changed)
            audit.record(action="core.search_index.rebuilt", after={"changed_rows": counts})
        for table, changed in counts.items():
            self.stdout.write(f"{table}: {changed} documents changed, index refilled.")
