"""An agenda item names a subject kind and id instead of a proposal and a sub-committee
resolution: carry every item over.

A sub-committee item about a proposal becomes a "proposals.proposal" item; a steering
committee item about a proposal (acknowledging the sub-committee's approval of it)
becomes a "certification.approval" item. Both keep the proposal's id."""

from django.db import migrations, models

PROPOSAL = "proposals.proposal"
APPROVAL = "certification.approval"


def forwards(apps, schema_editor):
    AgendaItem = apps.get_model("committee", "AgendaItem")
    items = AgendaItem.objects.filter(proposal__isnull=False).select_related("meeting__committee")
    for item in items:
        steering = item.meeting.committee.kind == "steering_committee"
        item.subject_kind = APPROVAL if steering or item.subject_resolution_id else PROPOSAL
        item.subject_id = item.proposal_id
        item.save(update_fields=["subject_kind", "subject_id"])


def backwards(apps, schema_editor):
    AgendaItem = apps.get_model("committee", "AgendaItem")
    Resolution = apps.get_model("committee", "Resolution")
    for item in AgendaItem.objects.exclude(subject_kind=""):
        item.proposal_id = item.subject_id
        if item.subject_kind == APPROVAL:
            approval = (
                Resolution.objects.filter(
                    item__proposal_id=item.subject_id,
                    item__meeting__committee__kind="sub_committee",
                    outcome="approve",
                    status="released",
                )
                .order_by("-released_at", "-pk")
                .first()
            )
            item.subject_resolution_id = approval.pk if approval else None
        item.save(update_fields=["proposal", "subject_resolution"])


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0003_resolution_vote"),
        ("proposals", "0004_statechange_due_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="subject_kind",
            field=models.CharField(
                blank=True, default="", max_length=50, verbose_name="subject kind"
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="subject"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveConstraint(
            model_name="agendaitem",
            name="agendaitem_unique_proposal",
        ),
        migrations.RemoveField(
            model_name="agendaitem",
            name="proposal",
        ),
        migrations.RemoveField(
            model_name="agendaitem",
            name="subject_resolution",
        ),
        migrations.AddIndex(
            model_name="agendaitem",
            index=models.Index(fields=["subject_kind", "subject_id"], name="agendaitem_subject"),
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(
                condition=models.Q(subject_id__isnull=False),
                fields=("meeting", "subject_kind", "subject_id"),
                name="agendaitem_unique_subject",
            ),
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.CheckConstraint(
                condition=models.Q(subject_kind="", subject_id__isnull=True)
                | (~models.Q(subject_kind="") & models.Q(subject_id__isnull=False)),
                name="agendaitem_subject_kind_and_id_together",
            ),
        ),
    ]
