"""Who may do what in evaluation. Views, exports and (later) the API ask these names."""

import rules

from smartcity.accounts.rules import is_secretariat
from smartcity.reviews.enums import PhaseStatus, ReviewState, ScoreVisibility
from smartcity.reviews.models import Conflict


def _reviewer(user):
    return getattr(user, "reviewer", None) if getattr(user, "is_authenticated", False) else None


@rules.predicate
def is_reviewer(user) -> bool:
    reviewer = _reviewer(user)
    return reviewer is not None and reviewer.is_active


@rules.predicate
def is_conflicted(user, dossier) -> bool:
    reviewer = _reviewer(user)
    return (
        reviewer is not None
        and Conflict.objects.filter(
            reviewer=reviewer, dossier=dossier, dismissed_at__isnull=True
        ).exists()
    )


@rules.predicate
def is_assigned_reviewer(user, assignment) -> bool:
    """The reviewer of this assignment, and not (any longer) conflicted with its dossier."""
    reviewer = _reviewer(user)
    return (
        reviewer is not None
        and assignment.reviewer_id == reviewer.pk
        and not is_conflicted(user, assignment.dossier_id)
    )


@rules.predicate
def phase_allows_scoring(_user, assignment) -> bool:
    phase = assignment.phase
    return phase.status == PhaseStatus.OPEN and phase.reviewers_may_score


@rules.predicate
def review_is_open(_user, assignment) -> bool:
    review = getattr(assignment, "review", None)
    return review is None or review.state in ReviewState.editable()


@rules.predicate
def may_see_other_scores(user, assignment) -> bool:
    """The phase's rule: never, after submitting one's own, or always."""
    visibility = assignment.phase.score_visibility
    if visibility == ScoreVisibility.ALWAYS:
        return True
    if visibility == ScoreVisibility.NEVER:
        return False
    review = getattr(assignment, "review", None)
    return review is not None and review.state == ReviewState.SUBMITTED


rules.add_perm("reviews.view_assignment", is_assigned_reviewer | is_secretariat)
rules.add_perm(
    "reviews.score_assignment", is_assigned_reviewer & phase_allows_scoring & review_is_open
)
rules.add_perm(
    "reviews.see_other_scores", (is_assigned_reviewer & may_see_other_scores) | is_secretariat
)
rules.add_perm("reviews.declare_conflict", is_assigned_reviewer)
rules.add_perm("reviews.manage_evaluation", is_secretariat)
rules.add_perm("reviews.view_own_assignments", is_reviewer)
