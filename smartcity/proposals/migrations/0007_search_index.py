"""The word-search index of proposals_proposal's search documents, filled from the rows already
there (see core.search_index: FTS5 on SQLite, a pg_trgm index on PostgreSQL)."""

from django.db import migrations

from smartcity.core.search_index import create_index, drop_index

TABLE = "proposals_proposal"


def create(apps, schema_editor):
    create_index(schema_editor, TABLE)


def drop(apps, schema_editor):
    drop_index(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0006_queue_order_indexes"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
