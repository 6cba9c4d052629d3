"""Writes for evaluation, one module per concern: conflicts of interest, assignment, score
sheets, dossiers (opened, summarised, completed); phases, the reviewer pool and due dates.
The names most callers need are importable from here."""

from smartcity.reviews.services.assignment import (
    AutoAssignment,
    Shortfall,
    assign_automatically,
    assign_in_bulk,
    assign_reviewer,
)
from smartcity.reviews.services.conflicts import (
    declare_conflict,
    detect_conflicts,
    dismiss_conflict,
    has_conflict,
)
from smartcity.reviews.services.dossiers import complete_evaluation, open_dossier, write_summary
from smartcity.reviews.services.errors import EvaluationError, StaleReview, conflict_rules
from smartcity.reviews.services.score_sheets import (
    REVIEW_TRANSITIONS,
    compute_results,
    missing_in_review,
    reopen_review,
    save_review_draft,
    start_review,
    submit_review,
    transition_review,
)

__all__ = [
    "REVIEW_TRANSITIONS",
    "AutoAssignment",
    "EvaluationError",
    "Shortfall",
    "StaleReview",
    "assign_automatically",
    "assign_in_bulk",
    "assign_reviewer",
    "complete_evaluation",
    "compute_results",
    "conflict_rules",
    "declare_conflict",
    "detect_conflicts",
    "dismiss_conflict",
    "has_conflict",
    "missing_in_review",
    "open_dossier",
    "reopen_review",
    "save_review_draft",
    "start_review",
    "submit_review",
    "transition_review",
    "write_summary",
]
