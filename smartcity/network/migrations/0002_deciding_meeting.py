from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
    ]

    operations = [
        # A meeting, not a timestamp: named after what it is.
        migrations.RenameField("networkcity", "decided_at", "deciding_meeting"),
    ]
