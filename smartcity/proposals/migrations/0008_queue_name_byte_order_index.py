"""The secretariat's queue sorted by name walks an index on PostgreSQL too: its order is
sort_name COLLATE "C" (core.db.byte_order), which the plain proposal_queue_name index
(the database's collation) cannot serve. SQLite needs nothing (core.db)."""

from django.db import migrations

from smartcity.core.db import create_byte_order_index, drop_byte_order_index

NAME = "proposal_queue_name_bytes"


def create(apps, schema_editor):
    create_byte_order_index(
        schema_editor, table="proposals_proposal", name=NAME, columns=["sort_name", "id", "state"]
    )


def drop(apps, schema_editor):
    drop_byte_order_index(schema_editor, name=NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0007_search_index"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
