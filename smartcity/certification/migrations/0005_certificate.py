"""A certificate becomes a row of its own: the table, and the links from events and
domains to it (filled by 0006, the area's columns dropped by 0007)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0004_batch_position_in_order_of_certification"),
        ("committee", "0003_resolution_vote"),
        ("proposals", "0004_statechange_due_on"),
    ]

    operations = [
        # Named after what they are (meetings), not like timestamps.
        migrations.RenameField("certifiedarea", "approved_at", "approving_meeting"),
        migrations.RenameField("certifiedarea", "acknowledged_at", "acknowledging_meeting"),
        migrations.CreateModel(
            name="Certificate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "number",
                    models.CharField(max_length=30, unique=True, verbose_name="certificate number"),
                ),
                ("certified_on", models.DateField(db_index=True, verbose_name="certified on")),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                (
                    "valid_until",
                    models.DateField(blank=True, null=True, verbose_name="valid until"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("active", "Active"),
                            ("suspended", "Suspended"),
                            ("revoked", "Revoked"),
                        ],
                        db_index=True,
                        default="active",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("revoked_on", models.DateField(blank=True, null=True, verbose_name="revoked on")),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="certificates",
                        to="certification.certifiedarea",
                        verbose_name="area",
                    ),
                ),
                (
                    "proposal",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="certificate",
                        to="proposals.proposal",
                        verbose_name="proposal",
                    ),
                ),
                (
                    "approving_meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="approved_certificates",
                        to="committee.meeting",
                        verbose_name="approving meeting (sub-committee)",
                    ),
                ),
                (
                    "acknowledging_meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="acknowledged_certificates",
                        to="committee.meeting",
                        verbose_name="acknowledging meeting (steering committee)",
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate",
                "verbose_name_plural": "certificates",
                "ordering": ["certified_on", "id"],
            },
        ),
        # The area links of events and domains may be empty from here, so that going back
        # (0007, then 0006) can refill them before they are required again.
        migrations.AlterField(
            model_name="certificateevent",
            name="area",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="certification.certifiedarea",
            ),
        ),
        migrations.AlterField(
            model_name="areadomain",
            name="area",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="domains",
                to="certification.certifiedarea",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="certificateevent",
            name="certificate",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="certification.certificate",
                verbose_name="certificate",
            ),
        ),
        migrations.AddField(
            model_name="areadomain",
            name="certificate",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="certification.certificate",
                verbose_name="certificate",
            ),
        ),
    ]
