"""The certificate's columns leave the area; events and domains hang off the certificate."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0006_certificate_rows"),
    ]

    operations = [
        migrations.RemoveField("certifiedarea", "certificate_number"),
        migrations.RemoveField("certifiedarea", "proposal"),
        migrations.RemoveField("certifiedarea", "approving_meeting"),
        migrations.RemoveField("certifiedarea", "acknowledging_meeting"),
        migrations.RemoveField("certifiedarea", "valid_until"),
        migrations.RemoveField("certifiedarea", "status"),
        migrations.RemoveField("certifiedarea", "revoked_on"),
        migrations.RemoveField("certificateevent", "area"),
        migrations.AlterField(
            model_name="certificateevent",
            name="certificate",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="certification.certificate",
                verbose_name="certificate",
            ),
        ),
        migrations.RemoveConstraint("areadomain", "areadomain_unique"),
        migrations.RemoveIndex("areadomain", "certificati_domain_1567aa_idx"),
        migrations.RemoveField("areadomain", "area"),
        migrations.RenameModel("AreaDomain", "CertificateDomain"),
        migrations.AlterField(
            model_name="certificatedomain",
            name="certificate",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="domains",
                to="certification.certificate",
                verbose_name="certificate",
            ),
        ),
        migrations.AddIndex(
            model_name="certificatedomain",
            index=models.Index(
                fields=["domain", "certificate"], name="certificati_domain_d8bad4_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="certificatedomain",
            constraint=models.UniqueConstraint(
                fields=("certificate", "domain"), name="certificatedomain_unique"
            ),
        ),
    ]
