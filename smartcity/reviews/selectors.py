"""Reads for evaluation, always for a viewer: a conflicted reviewer never sees the
proposal, in any list, count, search or export built from these functions."""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet

from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.reviews.enums import ReviewState
from smartcity.reviews.models import Assignment, Conflict, Review, ReviewPhase


def conflicted_proposal_ids(reviewer) -> QuerySet:
    return Conflict.objects.filter(reviewer=reviewer, dismissed_at__isnull=True).values(
        "proposal_id"
    )


def assignments_for_reviewer(reviewer) -> QuerySet[Assignment]:
    """The reviewer's own assignments, never one of a proposal they are conflicted with."""
    return (
        Assignment.objects.filter(reviewer=reviewer)
        .exclude(proposal_id__in=conflicted_proposal_ids(reviewer))
        .select_related("proposal__organisation", "phase", "review")
        .order_by("due_on", "pk")
    )


def _spread(values: list[Decimal]) -> Decimal:
    return Decimal(str(round(statistics.pstdev(values), 2))) if len(values) > 1 else Decimal(0)


@dataclass
class CriterionAggregate:
    criterion: str
    mean: Decimal
    median: Decimal
    spread: Decimal
    passed: bool  # the mean reaches the criterion's pass mark


@dataclass
class ProposalAggregate:
    reviews: int
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal
    low: Decimal | None
    high: Decimal | None
    disagreement: bool
    criteria: list[CriterionAggregate]
    recommendations: dict[str, int]


def proposal_aggregate(
    proposal: Proposal, *, phase: ReviewPhase | None = None
) -> ProposalAggregate:
    """Mean, median and spread of the submitted reviews, per criterion and overall, and
    whether the reviewers disagree strongly (their totals differ by the phase's threshold
    or more)."""
    reviews = list(
        Review.objects.filter(assignment__proposal=proposal, state=ReviewState.SUBMITTED)
        .prefetch_related("criterion_results")
        .select_related("assignment__phase")
    )
    totals = [r.total_score for r in reviews]
    threshold = phase or (reviews[0].assignment.phase if reviews else None)
    threshold = threshold.disagreement_threshold if threshold else Decimal(20)
    criteria = []
    pass_marks = {
        c["code"]: Decimal(str(c["pass_mark"])) / Decimal(c["max_score"]) * 100
        for c in (proposal.frozen_criteria or {}).get("criteria", [])
    }
    for code, pass_mark in pass_marks.items():
        values = [
            cr.percent for r in reviews for cr in r.criterion_results.all() if cr.criterion == code
        ]
        if not values:
            continue
        mean = Decimal(str(round(statistics.fmean(values), 2)))
        criteria.append(
            CriterionAggregate(
                code,
                mean,
                Decimal(str(statistics.median(values))),
                _spread(values),
                mean >= pass_mark,
            )
        )
    recommendations: dict[str, int] = {}
    for review in reviews:
        recommendations[review.recommendation] = recommendations.get(review.recommendation, 0) + 1
    return ProposalAggregate(
        reviews=len(reviews),
        mean=Decimal(str(round(statistics.fmean(totals), 2))) if totals else None,
        median=Decimal(str(statistics.median(totals))) if totals else None,
        spread=_spread(totals) if totals else Decimal(0),
        low=min(totals) if totals else None,
        high=max(totals) if totals else None,
        disagreement=bool(totals) and max(totals) - min(totals) >= threshold,
        criteria=criteria,
        recommendations=recommendations,
    )


BOARD_FIELDS = (
    "pk",
    "name_th",
    "name_en",
    "state",
    "submitted_at",
    "organisation__name_th",
    "organisation__name_en",
)


def evaluation_board(phase: ReviewPhase) -> QuerySet[Proposal]:
    """Proposals under evaluation in `phase`, ranked by mean weighted total (best first),
    with their counts and range computed by the database."""
    submitted = Q(assignments__phase=phase, assignments__review__state=ReviewState.SUBMITTED)
    return (
        Proposal.objects.filter(assignments__phase=phase)
        .annotate(
            n_assigned=Count("assignments", filter=Q(assignments__phase=phase), distinct=True),
            n_submitted=Count("assignments__review", filter=submitted, distinct=True),
            mean_total=Avg("assignments__review__total_score", filter=submitted),
            low_total=Min("assignments__review__total_score", filter=submitted),
            high_total=Max("assignments__review__total_score", filter=submitted),
        )
        .annotate(range_total=F("high_total") - F("low_total"))
        .select_related("organisation")
        # The rows are grouped by every selected column: only what the board shows, or
        # the database groups 10,000 proposals by their long texts (seconds on SQLite).
        .only(*BOARD_FIELDS)
        .order_by(F("mean_total").desc(nulls_last=True), "pk")
    )


def awaiting_completion() -> QuerySet[Proposal]:
    """Proposals in evaluation whose every assigned review is submitted: what waits for the
    secretariat's summary and the completion of the evaluation (complete_evaluation())."""
    submitted = Q(assignments__review__state=ReviewState.SUBMITTED)
    return (
        Proposal.objects.filter(state=ProposalState.IN_EVALUATION)
        .annotate(
            n_assigned=Count("assignments", distinct=True),
            n_submitted=Count("assignments", filter=submitted, distinct=True),
        )
        .filter(n_assigned__gt=0, n_submitted=F("n_assigned"))
        .select_related("organisation")
        .only(*BOARD_FIELDS)
        .order_by("submitted_at", "pk")
    )
