"""Writes for review phases: the rounds of evaluation and the capabilities they give the
people in them (whether reviewers may score, see each other's scores, see the proponent)."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.reviews.enums import PhaseStatus, ScoreVisibility
from smartcity.reviews.models import ReviewPhase
from smartcity.reviews.services.errors import EvaluationError
from smartcity.reviews.services.summaries import refresh_disagreement

P = PhaseStatus
# A phase is planned, then open for scoring, then closed. A closed phase may open again (a
# review reopened after the close must be corrected in an open phase), but a phase that has
# been open never goes back to planned: reviewers may already have started.
STATUS_TRANSITIONS = {
    (P.PLANNED, P.OPEN),
    (P.PLANNED, P.CLOSED),
    (P.OPEN, P.CLOSED),
    (P.CLOSED, P.OPEN),
}
SETTINGS = [
    "name_th",
    "name_en",
    "status",
    "reviewers_may_score",
    "score_visibility",
    "blind",
    "reviewers_per_proposal",
    "disagreement_threshold",
]
MAX_REVIEWERS_PER_PROPOSAL = 20


def check_status_change(previous: str, status: str) -> None:
    """Raise EvaluationError unless a phase may move from `previous` to `status`."""
    if previous != status and (previous, status) not in STATUS_TRANSITIONS:
        raise EvaluationError(
            _("A phase that is “%(previous)s” cannot become “%(status)s”.")
            % {"previous": P(previous).label, "status": P(status).label}
        )


def clean_settings(values: dict) -> dict:
    """The settings tidied (names' spaces, the threshold a Decimal); EvaluationError if one
    is out of bounds."""
    values = dict(values)
    values["name_th"] = " ".join(str(values["name_th"]).split())
    values["name_en"] = " ".join(str(values["name_en"]).split())
    if not values["name_th"] or not values["name_en"]:
        raise EvaluationError(_("Give the phase a name in Thai and in English."))
    if values["status"] not in P.values:
        raise EvaluationError(_("Choose the phase's status."))
    if values["score_visibility"] not in ScoreVisibility.values:
        raise EvaluationError(_("Choose when reviewers see each other's scores."))
    values["reviewers_per_proposal"] = int(values["reviewers_per_proposal"])
    if not 1 <= values["reviewers_per_proposal"] <= MAX_REVIEWERS_PER_PROPOSAL:
        raise EvaluationError(
            _("A proposal needs between 1 and %(n)s reviewers.") % {"n": MAX_REVIEWERS_PER_PROPOSAL}
        )
    threshold = Decimal(str(values["disagreement_threshold"]))
    if not Decimal(0) <= threshold <= Decimal(100):
        raise EvaluationError(_("The disagreement threshold is between 0 and 100 points."))
    values["disagreement_threshold"] = threshold
    return values


@transaction.atomic
def create_phase(
    *,
    name_th: str,
    name_en: str,
    status: str = P.PLANNED,
    reviewers_may_score: bool = True,
    score_visibility: str = ScoreVisibility.AFTER_SUBMITTING,
    blind: bool = False,
    reviewers_per_proposal: int = 3,
    disagreement_threshold: Decimal = Decimal(20),
    by,
) -> ReviewPhase:
    """Create a review phase. Side effects: the phase; an audit row with its settings."""
    values = clean_settings(
        {
            "name_th": name_th,
            "name_en": name_en,
            "status": status,
            "reviewers_may_score": reviewers_may_score,
            "score_visibility": score_visibility,
            "blind": blind,
            "reviewers_per_proposal": reviewers_per_proposal,
            "disagreement_threshold": disagreement_threshold,
        }
    )
    phase = ReviewPhase.objects.create(**values)
    audit.record(
        action="reviews.phase.created",
        by=by,
        target=phase,
        after=audit.snapshot(phase, SETTINGS),
    )
    return phase


@transaction.atomic
def update_phase(*, phase: ReviewPhase, by, **changes) -> ReviewPhase:
    """Change a phase's settings (any of SETTINGS, by keyword). A status change must be in
    STATUS_TRANSITIONS. Side effects, in order: the row is locked and re-read; the changed
    fields saved; one audit row with their previous and new values; a new disagreement
    threshold re-flags the phase's summary rows. Changing nothing writes nothing."""
    unknown = set(changes) - set(SETTINGS)
    if unknown:
        raise TypeError(f"update_phase() got unexpected settings: {sorted(unknown)}")
    # Two officers saving the same phase at once: the second checks its status change
    # against what the first saved, not against the page it loaded.
    current = ReviewPhase.objects.select_for_update().get(pk=phase.pk)
    values = clean_settings({**audit.snapshot(current, SETTINGS), **changes})
    check_status_change(current.status, values["status"])
    changed = [name for name in SETTINGS if getattr(current, name) != values[name]]
    if not changed:
        return current
    before = audit.snapshot(current, changed)
    for name in changed:
        setattr(current, name, values[name])
    current.save(update_fields=[*changed, "updated_at"])
    audit.record(
        action="reviews.phase.changed",
        by=by,
        target=current,
        before=before,
        after=audit.snapshot(current, changed),
    )
    if "disagreement_threshold" in changed:
        refresh_disagreement(current)
    return current
