"""The summary rows of the evaluations already in the database, computed from the source
tables with this migration's historical models (the same function as the command
`rebuild_review_summaries`)."""

from django.db import migrations

from smartcity.reviews.services.summaries import rebuild_summaries


def fill(apps, schema_editor):
    rebuild_summaries(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_summaries"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
