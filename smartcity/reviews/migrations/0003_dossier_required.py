import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_dossier")]

    operations = [
        migrations.RemoveConstraint(model_name="assignment", name="assignment_unique"),
        migrations.RemoveConstraint(model_name="conflict", name="conflict_unique_source"),
        migrations.RemoveIndex(model_name="conflict", name="reviews_con_reviewe_e74613_idx"),
        migrations.RemoveField(model_name="assignment", name="proposal"),
        migrations.RemoveField(model_name="conflict", name="proposal"),
        migrations.RemoveField(model_name="summaryrecommendation", name="proposal"),
        migrations.AlterField(
            model_name="assignment",
            name="dossier",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assignments", to="reviews.dossier"),
        ),
        migrations.AlterField(
            model_name="conflict",
            name="dossier",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="conflicts", to="reviews.dossier"),
        ),
        migrations.AlterField(
            model_name="summaryrecommendation",
            name="dossier",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="summary_recommendation", to="reviews.dossier"),
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(fields=("phase", "dossier", "reviewer"), name="assignment_unique"),
        ),
        migrations.AddConstraint(
            model_name="conflict",
            constraint=models.UniqueConstraint(fields=("reviewer", "dossier", "source"), name="conflict_unique_source"),
        ),
        migrations.AddIndex(
            model_name="conflict",
            index=models.Index(fields=["reviewer", "dossier"], name="reviews_con_reviewe_d7fb5b_idx"),
        ),
        migrations.AlterField(
            model_name="reviewscore",
            name="criterion",
            field=models.CharField(max_length=20),
        ),
        migrations.AlterField(
            model_name="criterionresult",
            name="criterion",
            field=models.CharField(max_length=20),
        ),
    ]
