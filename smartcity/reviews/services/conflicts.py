"""Conflicts of interest: detected by the configured rules, declared, dismissed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.reviews.enums import ConflictSource
from smartcity.reviews.models import Assignment, Conflict, Dossier, Reviewer
from smartcity.reviews.services.errors import EvaluationError, conflict_rules
from smartcity.reviews.services.summaries import refresh_dossier, refresh_pair, refresh_reviewers


def _same_organisation(reviewer: Reviewer, dossier: Dossier) -> bool:
    organisation = dossier.organisation
    if reviewer.organisation_id and reviewer.organisation_id == organisation.pk:
        return True
    name = reviewer.organisation_name.strip().casefold()
    return bool(name) and name in {
        organisation.name_th.strip().casefold(),
        organisation.name_en.strip().casefold(),
    }


@transaction.atomic
def detect_conflicts(*, dossier: Dossier, reviewers=None, by=None) -> list[Conflict]:
    """Record the conflicts the configured rules find between `dossier` and the reviewers
    (all active ones by default). Idempotent; a dismissed conflict stays dismissed.
    Side effects: Conflict rows created; one audit row per new conflict; the summary rows
    of the dossier and of the newly conflicted reviewers."""
    rules = conflict_rules()
    reviewers = reviewers if reviewers is not None else Reviewer.objects.filter(is_active=True)
    province_ids = set(dossier.provinces.values_list("pk", flat=True))
    found = []
    newly_conflicted = set()
    for reviewer in reviewers:
        sources = []
        if rules.same_organisation and _same_organisation(reviewer, dossier):
            sources.append(ConflictSource.SAME_ORGANISATION)
        if rules.same_province and reviewer.province_id in province_ids:
            sources.append(ConflictSource.SAME_PROVINCE)
        for source in sources:
            conflict, created = Conflict.objects.get_or_create(
                reviewer=reviewer, dossier=dossier, source=source
            )
            if created:
                newly_conflicted.add(reviewer.pk)
                audit.record(
                    action="reviews.conflict.detected",
                    by=by,
                    target=conflict,
                    after={"source": source},
                )
            found.append(conflict)
    if newly_conflicted:
        refresh_reviewers(newly_conflicted)
        refresh_dossier(dossier.pk)
    return found


@transaction.atomic
def declare_conflict(*, reviewer: Reviewer, dossier: Dossier, reason: str, by) -> Conflict:
    """A reviewer declares a conflict. If they were assigned, the assignment and its draft
    review are removed: they must see nothing of the subject from now on. Then the
    summary rows of both, in every phase."""
    if not reason.strip():
        raise EvaluationError(_("Say briefly why you have a conflict of interest."))
    conflict, _created = Conflict.objects.update_or_create(
        reviewer=reviewer,
        dossier=dossier,
        source=ConflictSource.DECLARED,
        defaults={
            "reason": reason.strip(),
            "dismissed_at": None,
            "dismissed_by": None,
            "dismissal_reason": "",
        },
    )
    removed = Assignment.objects.filter(reviewer=reviewer, dossier=dossier).delete()[0]
    audit.record(
        action="reviews.conflict.declared",
        by=by,
        target=conflict,
        after={"reason": conflict.reason, "assignments_removed": removed},
    )
    refresh_pair(reviewer_id=reviewer.pk, dossier_id=dossier.pk)
    return conflict


@transaction.atomic
def dismiss_conflict(*, conflict: Conflict, reason: str, by) -> Conflict:
    """The secretariat dismisses a detected conflict, with a reason. A declared conflict is
    the reviewer's own word and cannot be dismissed."""
    if conflict.source == ConflictSource.DECLARED:
        raise EvaluationError(_("A conflict the reviewer declared cannot be dismissed."))
    if not reason.strip():
        raise EvaluationError(_("Give the reason for dismissing the conflict."))
    conflict.dismissed_at = timezone.now()
    conflict.dismissed_by = by
    conflict.dismissal_reason = reason.strip()
    conflict.save(update_fields=["dismissed_at", "dismissed_by", "dismissal_reason", "updated_at"])
    audit.record(
        action="reviews.conflict.dismissed",
        by=by,
        target=conflict,
        after={"reason": conflict.dismissal_reason},
    )
    refresh_pair(reviewer_id=conflict.reviewer_id, dossier_id=conflict.dossier_id)
    return conflict


def has_conflict(reviewer: Reviewer, dossier: Dossier) -> bool:
    return Conflict.objects.filter(
        reviewer=reviewer, dossier=dossier, dismissed_at__isnull=True
    ).exists()
