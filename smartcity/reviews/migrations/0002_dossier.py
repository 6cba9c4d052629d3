"""The review engine stands alone: a Dossier (แฟ้มพิจารณา) per evaluated subject, and
every assignment, conflict and summary re-pointed from the proposal to its dossier."""

import django.db.models.deletion
from django.db import migrations, models


def open_dossiers(apps, schema_editor):
    """One dossier per proposal that has assignments, conflicts or a summary, or is in
    evaluation: the same label, title, organisation, provinces, domains and rubric the
    proposals' adapter gives a dossier it opens."""
    Proposal = apps.get_model("proposals", "Proposal")
    Dossier = apps.get_model("reviews", "Dossier")
    Assignment = apps.get_model("reviews", "Assignment")
    Conflict = apps.get_model("reviews", "Conflict")
    SummaryRecommendation = apps.get_model("reviews", "SummaryRecommendation")
    ids = (
        set(Assignment.objects.values_list("proposal_id", flat=True))
        | set(Conflict.objects.values_list("proposal_id", flat=True))
        | set(SummaryRecommendation.objects.values_list("proposal_id", flat=True))
        | set(
            Proposal.objects.filter(state__in=["in_evaluation", "evaluated"]).values_list(
                "pk", flat=True
            )
        )
    )
    for proposal in Proposal.objects.filter(pk__in=ids).order_by("pk"):
        domains = []
        for domain in proposal.solutions.order_by("position", "pk").values_list(
            "domain", flat=True
        ):
            if domain not in domains:
                domains.append(domain)
        dossier = Dossier.objects.create(
            subject_kind="proposal",
            subject_id=proposal.pk,
            label_th=f"ข้อเสนอหมายเลข {proposal.pk}",
            label_en=f"Proposal #{proposal.pk}",
            title_th=proposal.name_th,
            title_en=proposal.name_en,
            organisation_id=proposal.organisation_id,
            domains=domains,
            criteria=proposal.frozen_criteria or {},
            received_at=proposal.submitted_at,
            status="in_evaluation" if proposal.state == "in_evaluation" else "evaluated",
        )
        dossier.provinces.set(proposal.provinces.all())
        for model in (Assignment, Conflict, SummaryRecommendation):
            model.objects.filter(proposal_id=proposal.pk).update(dossier=dossier)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_memberships_invitations"),
        ("geo", "0002_sort_name"),
        ("proposals", "0005_statechange_reference"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Dossier",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("subject_kind", models.CharField(max_length=40, verbose_name="kind of subject")),
                ("subject_id", models.PositiveBigIntegerField(verbose_name="subject")),
                ("label_th", models.CharField(max_length=200, verbose_name="label (Thai)")),
                ("label_en", models.CharField(max_length=200, verbose_name="label (English)")),
                ("title_th", models.CharField(blank=True, max_length=500, verbose_name="title (Thai)")),
                ("title_en", models.CharField(blank=True, max_length=500, verbose_name="title (English)")),
                ("domains", models.JSONField(blank=True, default=list, verbose_name="domains")),
                ("criteria", models.JSONField(blank=True, default=dict, verbose_name="rubric")),
                ("received_at", models.DateTimeField(blank=True, null=True, verbose_name="received at")),
                ("status", models.CharField(choices=[("in_evaluation", "In evaluation"), ("evaluated", "Evaluated")], default="in_evaluation", max_length=20, verbose_name="status")),
                ("completed_at", models.DateTimeField(blank=True, null=True, verbose_name="completed at")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.organisation", verbose_name="organisation")),
                ("provinces", models.ManyToManyField(blank=True, related_name="+", to="geo.province", verbose_name="provinces")),
            ],
            options={
                "verbose_name": "dossier",
                "verbose_name_plural": "dossiers",
                "indexes": [models.Index(fields=["status", "received_at"], name="reviews_dos_status_2bb072_idx")],
                "constraints": [models.UniqueConstraint(fields=("subject_kind", "subject_id"), name="dossier_unique_subject")],
            },
        ),
        migrations.AddField(
            model_name="assignment",
            name="dossier",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="assignments", to="reviews.dossier"),
        ),
        migrations.AddField(
            model_name="conflict",
            name="dossier",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="conflicts", to="reviews.dossier"),
        ),
        migrations.AddField(
            model_name="summaryrecommendation",
            name="dossier",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="summary_recommendation", to="reviews.dossier"),
        ),
        migrations.RunPython(open_dossiers, migrations.RunPython.noop),
    ]
