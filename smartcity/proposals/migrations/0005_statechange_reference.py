import re

from django.db import migrations, models

# Steps written before the reference was kept as data carried it in their note, in the
# language of whoever acted: "ฉบับที่ 2" / "Version 2", or "<committee> ครั้งที่ 2/2569"
# as the note's first line.
VERSION = re.compile(r"^(?:ฉบับที่|Version) (\d+)$")
MEETING = re.compile(r"^(.+) ครั้งที่ (?:(\d+)/)?(\d{4})$")


def move_references_out_of_notes(apps, schema_editor):
    StateChange = apps.get_model("proposals", "StateChange")
    Committee = apps.get_model("committee", "Committee")
    english = dict(Committee.objects.values_list("name_th", "name_en"))
    for step in StateChange.objects.exclude(note=""):
        first, _, rest = step.note.partition("\n")
        version = VERSION.match(first.strip())
        meeting = MEETING.match(first.strip())
        if version:
            step.reference = {"version": int(version.group(1))}
        elif meeting and meeting.group(1) in english:
            name, number, year = meeting.groups()
            step.reference = {
                "meeting": {
                    "committee_th": name,
                    "committee_en": english[name],
                    "number": int(number) if number else None,
                    "year_be": int(year),
                }
            }
        else:
            continue
        step.note = rest.strip()
        step.save(update_fields=["reference", "note"])


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0004_statechange_due_on"),
        ("committee", "0002_meetings_agenda_resolutions"),
    ]

    operations = [
        migrations.AddField(
            model_name="statechange",
            name="reference",
            field=models.JSONField(blank=True, default=dict, verbose_name="reference"),
        ),
        migrations.RunPython(move_references_out_of_notes, migrations.RunPython.noop),
    ]
