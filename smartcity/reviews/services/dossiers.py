"""Dossiers: opened by a subject's owner, summarised by the secretariat, completed."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.reviews import subjects
from smartcity.reviews.enums import DossierStatus, Recommendation, ReviewState
from smartcity.reviews.models import Assignment, Dossier, SummaryRecommendation
from smartcity.reviews.services.errors import EvaluationError


@transaction.atomic
def write_summary(
    *, dossier: Dossier, recommendation: str, summary: str, conditions: str = "", by
) -> SummaryRecommendation:
    if not summary.strip():
        raise EvaluationError(_("Write the summary for the sub-committee."))
    if recommendation == Recommendation.APPROVE_WITH_CONDITIONS and not conditions.strip():
        raise EvaluationError(_("Write the conditions the proponent must revise."))
    row, _created = SummaryRecommendation.objects.update_or_create(
        dossier=dossier,
        defaults={
            "recommendation": recommendation,
            "summary": summary.strip(),
            "conditions": conditions.strip(),
            "written_by": by,
        },
    )
    audit.record(
        action="reviews.summary.written",
        by=by,
        target=dossier,
        after={"recommendation": recommendation},
    )
    return row


@transaction.atomic
def complete_evaluation(*, dossier: Dossier, by) -> Dossier:
    """Close the evaluation of a dossier: every assigned review submitted and the
    secretariat's summary written. Side effects, in order: the dossier locked; status
    evaluated; an audit row; the subject's owner told (its registered on_completed(), in
    this transaction: a refusal there undoes the completion)."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status != DossierStatus.IN_EVALUATION:
        raise EvaluationError(_("The evaluation of this proposal is already complete."))
    pending = Assignment.objects.filter(dossier=dossier).filter(
        Q(review__isnull=True) | Q(review__state__in=ReviewState.editable())
    )
    if not Assignment.objects.filter(dossier=dossier).exists():
        raise EvaluationError(_("No reviewer has been assigned yet."))
    if pending.exists():
        raise EvaluationError(_("%(n)s review(s) are not submitted yet.") % {"n": pending.count()})
    if not SummaryRecommendation.objects.filter(dossier=dossier).exists():
        raise EvaluationError(_("Write the secretariat's summary recommendation first."))
    dossier.status = DossierStatus.EVALUATED
    dossier.completed_at = timezone.now()
    dossier.save(update_fields=["status", "completed_at", "updated_at"])
    audit.record(
        action="reviews.dossier.evaluated",
        by=by,
        target=dossier,
        before={"status": DossierStatus.IN_EVALUATION},
        after={"status": DossierStatus.EVALUATED},
    )
    subjects.kind_of(dossier).on_completed(dossier, by)
    return dossier


@transaction.atomic
def open_dossier(
    *,
    subject_kind: str,
    subject_id: int,
    label_th: str,
    label_en: str,
    title_th: str = "",
    title_en: str = "",
    organisation,
    provinces=(),
    domains=(),
    criteria: dict,
    received_at=None,
    by,
) -> Dossier:
    """Open (or refresh, when its subject comes back) the dossier of a subject its owner
    sends to evaluation. Side effects: a Dossier (status in evaluation); an audit row."""
    dossier, created = Dossier.objects.update_or_create(
        subject_kind=subject_kind,
        subject_id=subject_id,
        defaults={
            "label_th": label_th,
            "label_en": label_en,
            "title_th": title_th,
            "title_en": title_en,
            "organisation": organisation,
            "domains": list(domains),
            "criteria": criteria or {},
            "received_at": received_at,
            "status": DossierStatus.IN_EVALUATION,
            "completed_at": None,
        },
    )
    dossier.provinces.set(provinces)
    audit.record(
        action="reviews.dossier.opened" if created else "reviews.dossier.refreshed",
        by=by,
        target=dossier,
        after={"subject": f"{subject_kind}:{subject_id}"},
    )
    return dossier
