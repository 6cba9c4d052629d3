"""The word-search index of certification_certifiedarea's search documents, filled from the rows already
there (see core.search_index: FTS5 on SQLite, a pg_trgm index on PostgreSQL)."""

from django.db import migrations

from smartcity.core.search_index import create_index, drop_index

TABLE = "certification_certifiedarea"


def create(apps, schema_editor):
    create_index(schema_editor, TABLE)


def drop(apps, schema_editor):
    drop_index(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0007_drop_area_certificate_columns"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
