"""Summary rows: what the board and the reviewer pool show of a dossier or a reviewer in
a phase, written by the services that change their sources, in the same transaction.

Each row is recomputed from its source rows (a dossier's assignments in a phase are a
handful; a reviewer's, at most their cap), never adjusted by arithmetic: a recompute
cannot drift. The callers: assignment (assign), conflicts (detect, declare, dismiss),
score sheets (start, submit, reopen) and phases (a new disagreement threshold). Saving a
draft changes no count and is not among them; completing an evaluation changes the
dossier's status, which the board reads from the dossier itself.

Locks: a dossier's rows are recomputed under a lock on the dossier, a reviewer's under a
lock on the reviewer, so two transactions changing the same dossier at once recompute one
after the other and the second sees the first's rows. Reviewers are locked before
dossiers (as assign_reviewer() does), so two services cannot wait on each other.

`rebuild_summaries()` writes every row again from the source tables (the command
`rebuild_review_summaries` and the migration that created the tables)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps as django_apps
from django.db import transaction

from smartcity.reviews.enums import ReviewState

MEAN_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Figures:
    """A summary row's values, computed from (review state, total) pairs: one pair per
    assignment, the state None when its score sheet is not started."""

    assigned: int
    submitted: int
    drafts: int
    mean_total: Decimal | None
    low_total: Decimal | None
    high_total: Decimal | None

    @property
    def range_total(self) -> Decimal | None:
        return None if self.low_total is None else self.high_total - self.low_total


def figures(pairs: Iterable[tuple[str | None, Decimal | None]]) -> Figures:
    pairs = list(pairs)
    submitted = [total for state, total in pairs if state == ReviewState.SUBMITTED]
    totals = [total for total in submitted if total is not None]
    mean = None
    if totals:
        mean = (sum(totals, Decimal(0)) / len(totals)).quantize(MEAN_PLACES, ROUND_HALF_UP)
    return Figures(
        assigned=len(pairs),
        submitted=len(submitted),
        drafts=sum(state in ReviewState.editable() for state, _total in pairs),
        mean_total=mean,
        low_total=min(totals) if totals else None,
        high_total=max(totals) if totals else None,
    )


def _dossier_values(found: Figures, *, conflicts: int, threshold: Decimal) -> dict:
    spread = found.range_total
    return {
        "assigned": found.assigned,
        "submitted": found.submitted,
        "drafts": found.drafts,
        "conflicts": conflicts,
        "mean_total": found.mean_total,
        "low_total": found.low_total,
        "high_total": found.high_total,
        "range_total": spread,
        "disagreement": spread is not None and spread >= threshold,
    }


def _reviewer_values(found: Figures, *, conflicts: int) -> dict:
    return {
        "assigned": found.assigned,
        "submitted": found.submitted,
        "drafts": found.drafts,
        "conflicts": conflicts,
    }


def _models(apps=django_apps):
    return {
        name: apps.get_model("reviews", name)
        for name in (
            "Assignment",
            "Conflict",
            "Dossier",
            "DossierSummary",
            "Reviewer",
            "ReviewerSummary",
            "ReviewPhase",
        )
    }


def _pairs(assignments):
    return assignments.values_list("review__state", "review__total_score")


def refresh_dossier_summary(*, phase, dossier_id: int) -> None:
    """Recompute the dossier's row in `phase` from its assignments, reviews and conflicts
    (delete it when the dossier has no assignment left in the phase). The caller holds the
    transaction and the lock on the dossier (refresh_dossier() takes both)."""
    m = _models()
    assignments = m["Assignment"].objects.filter(phase=phase, dossier_id=dossier_id)
    found = figures(_pairs(assignments))
    if not found.assigned:
        m["DossierSummary"].objects.filter(phase=phase, dossier_id=dossier_id).delete()
        return
    conflicts = _standing_conflicts(m["Conflict"].objects.filter(dossier_id=dossier_id), "reviewer")
    # Read, not taken from `phase`: the caller's copy may predate a new threshold.
    threshold = (
        m["ReviewPhase"].objects.values_list("disagreement_threshold", flat=True).get(pk=phase.pk)
    )
    m["DossierSummary"].objects.update_or_create(
        phase=phase,
        dossier_id=dossier_id,
        defaults=_dossier_values(found, conflicts=conflicts, threshold=threshold),
    )


def refresh_reviewer_summary(*, phase, reviewer_id: int) -> None:
    """Recompute the reviewer's row in `phase` (delete it when they have no assignment
    left in it). The caller holds the transaction and the lock on the reviewer."""
    m = _models()
    assignments = m["Assignment"].objects.filter(phase=phase, reviewer_id=reviewer_id)
    found = figures(_pairs(assignments))
    if not found.assigned:
        m["ReviewerSummary"].objects.filter(phase=phase, reviewer_id=reviewer_id).delete()
        return
    conflicts = _standing_conflicts(
        m["Conflict"].objects.filter(reviewer_id=reviewer_id), "dossier"
    )
    m["ReviewerSummary"].objects.update_or_create(
        phase=phase,
        reviewer_id=reviewer_id,
        defaults=_reviewer_values(found, conflicts=conflicts),
    )


def _standing_conflicts(conflicts, other: str) -> int:
    """How many reviewers (or dossiers) the conflicts name, undismissed: one conflict may
    have several sources."""
    return conflicts.filter(dismissed_at__isnull=True).values(other).distinct().count()


def _phases_of(summaries, assignments, **where) -> list:
    """The phases where the dossier (or reviewer) has a row or an assignment: those whose
    row may have changed."""
    m = _models()
    ids = set(summaries.objects.filter(**where).values_list("phase_id", flat=True))
    ids |= set(assignments.objects.filter(**where).values_list("phase_id", flat=True))
    return list(m["ReviewPhase"].objects.filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def refresh_reviewers(reviewer_ids: Iterable[int], *, phase=None) -> None:
    """Recompute the rows of these reviewers, in `phase` or in every phase they have one.
    Locks them first, in order of id (see the module's docstring)."""
    m = _models()
    ids = sorted(set(reviewer_ids))
    if not ids:
        return
    list(m["Reviewer"].objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for reviewer_id in ids:
        phases = (
            [phase]
            if phase
            else _phases_of(m["ReviewerSummary"], m["Assignment"], reviewer_id=reviewer_id)
        )
        for each in phases:
            refresh_reviewer_summary(phase=each, reviewer_id=reviewer_id)


@transaction.atomic
def refresh_dossier(dossier_id: int, *, phase=None) -> None:
    """Recompute the dossier's row in `phase`, or in every phase it has one. Locks the
    dossier (after any reviewer the caller locked)."""
    m = _models()
    list(m["Dossier"].objects.select_for_update().filter(pk=dossier_id))
    phases = (
        [phase]
        if phase
        else _phases_of(m["DossierSummary"], m["Assignment"], dossier_id=dossier_id)
    )
    for each in phases:
        refresh_dossier_summary(phase=each, dossier_id=dossier_id)


def refresh_pair(*, reviewer_id: int, dossier_id: int, phase=None) -> None:
    """After a change to an assignment or a conflict between one reviewer and one dossier:
    both their rows (in `phase`, or everywhere)."""
    refresh_reviewers([reviewer_id], phase=phase)
    refresh_dossier(dossier_id, phase=phase)


def refresh_disagreement(phase) -> None:
    """After the phase's disagreement threshold changed: every dossier's flag in it, from
    the spread its row already holds (no other figure depends on the phase)."""
    m = _models()
    rows = m["DossierSummary"].objects.filter(phase=phase)
    rows.filter(range_total__gte=phase.disagreement_threshold).update(disagreement=True)
    rows.exclude(range_total__gte=phase.disagreement_threshold).update(disagreement=False)


def expected_rows(apps=django_apps) -> tuple[dict, dict]:
    """Every summary row's values, computed from the source tables in a few reads:
    ({(phase_id, dossier_id): values}, {(phase_id, reviewer_id): values})."""
    m = _models(apps)
    thresholds = dict(m["ReviewPhase"].objects.values_list("pk", "disagreement_threshold"))
    by_dossier, by_reviewer = defaultdict(list), defaultdict(list)
    rows = m["Assignment"].objects.values_list(
        "phase_id", "dossier_id", "reviewer_id", "review__state", "review__total_score"
    )
    for phase_id, dossier_id, reviewer_id, state, total in rows.iterator(chunk_size=5000):
        by_dossier[phase_id, dossier_id].append((state, total))
        by_reviewer[phase_id, reviewer_id].append((state, total))
    standing = set(
        m["Conflict"]
        .objects.filter(dismissed_at__isnull=True)
        .values_list("reviewer_id", "dossier_id")
    )
    per_dossier, per_reviewer = defaultdict(int), defaultdict(int)
    for reviewer_id, dossier_id in standing:
        per_dossier[dossier_id] += 1
        per_reviewer[reviewer_id] += 1
    dossiers = {
        key: _dossier_values(
            figures(pairs), conflicts=per_dossier[key[1]], threshold=thresholds[key[0]]
        )
        for key, pairs in by_dossier.items()
    }
    reviewers = {
        key: _reviewer_values(figures(pairs), conflicts=per_reviewer[key[1]])
        for key, pairs in by_reviewer.items()
    }
    return dossiers, reviewers


@transaction.atomic
def rebuild_summaries(apps=django_apps) -> tuple[int, int]:
    """Write every summary row again from the source tables (after a bulk load, or to
    repair). `apps` is a migration's historical registry when a migration calls it.
    Returns the numbers of dossier and reviewer rows written."""
    m = _models(apps)
    dossiers, reviewers = expected_rows(apps)
    m["DossierSummary"].objects.all().delete()
    m["ReviewerSummary"].objects.all().delete()
    m["DossierSummary"].objects.bulk_create(
        (
            m["DossierSummary"](phase_id=phase_id, dossier_id=dossier_id, **values)
            for (phase_id, dossier_id), values in dossiers.items()
        ),
        batch_size=1000,
    )
    m["ReviewerSummary"].objects.bulk_create(
        (
            m["ReviewerSummary"](phase_id=phase_id, reviewer_id=reviewer_id, **values)
            for (phase_id, reviewer_id), values in reviewers.items()
        ),
        batch_size=1000,
    )
    return len(dossiers), len(reviewers)
