"""Reads for evaluation, always for a viewer: a conflicted reviewer never sees the
dossier, in any list, count, search or export built from these functions."""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Max, Min, OuterRef, Q, QuerySet, Sum

from smartcity.core.keyset import Keyset
from smartcity.reviews.enums import DossierStatus, ReviewState
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    Dossier,
    DossierSummary,
    Review,
    ReviewerSummary,
    ReviewPhase,
    SummaryRecommendation,
)


def conflicted_dossier_ids(reviewer) -> QuerySet:
    return Conflict.objects.filter(reviewer=reviewer, dismissed_at__isnull=True).values(
        "dossier_id"
    )


def dossier_for(subject_kind: str, subject_id: int) -> Dossier | None:
    """The dossier of a subject, or None if it was never sent to evaluation."""
    return (
        Dossier.objects.select_related("organisation")
        .filter(subject_kind=subject_kind, subject_id=subject_id)
        .first()
    )


def in_evaluation() -> QuerySet[Dossier]:
    """Dossiers whose evaluation is running, the longest waiting first."""
    return (
        Dossier.objects.filter(status=DossierStatus.IN_EVALUATION)
        .select_related("organisation")
        .order_by(F("received_at").asc(nulls_last=True), "pk")
    )


def assignments_for_reviewer(reviewer) -> QuerySet[Assignment]:
    """The reviewer's own assignments, never one of a dossier they are conflicted with."""
    return (
        Assignment.objects.filter(reviewer=reviewer)
        .exclude(dossier_id__in=conflicted_dossier_ids(reviewer))
        .select_related("dossier__organisation", "phase", "review")
        .order_by("due_on", "pk")
    )


def summaries_for(subject_kind: str, subject_ids) -> dict[int, SummaryRecommendation]:
    """The secretariat's summary recommendation per subject id, in one query."""
    rows = SummaryRecommendation.objects.filter(
        dossier__subject_kind=subject_kind, dossier__subject_id__in=list(subject_ids)
    ).select_related("dossier")
    return {row.dossier.subject_id: row for row in rows}


def active_conflict_user_ids(subject_kind: str, subject_id: int) -> set[int]:
    """The users with an undismissed conflict of interest, as reviewers, with a subject."""
    return set(
        Conflict.objects.filter(
            dossier__subject_kind=subject_kind,
            dossier__subject_id=subject_id,
            dismissed_at__isnull=True,
        ).values_list("reviewer__user_id", flat=True)
    )


@dataclass(frozen=True)
class Evaluation:
    reviews: int
    mean_total: Decimal | None


def evaluations(subject_kind: str, subject_ids) -> dict[int, Evaluation]:
    """The submitted reviews' count and mean total per subject id, in one query."""
    rows = (
        Review.objects.filter(
            assignment__dossier__subject_kind=subject_kind,
            assignment__dossier__subject_id__in=list(subject_ids),
            state=ReviewState.SUBMITTED,
        )
        .values("assignment__dossier__subject_id")
        .annotate(n=Count("pk"), mean=Avg("total_score"))
        .order_by()
    )
    return {
        row["assignment__dossier__subject_id"]: Evaluation(row["n"], row["mean"]) for row in rows
    }


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
class DossierAggregate:
    reviews: int
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal
    low: Decimal | None
    high: Decimal | None
    disagreement: bool
    criteria: list[CriterionAggregate]
    recommendations: dict[str, int]


def dossier_aggregate(
    dossier: Dossier | None, *, phase: ReviewPhase | None = None
) -> DossierAggregate:
    """Mean, median and spread of the submitted reviews, per criterion and overall, and
    whether the reviewers disagree strongly (their totals differ by the phase's threshold
    or more)."""
    reviews = list(
        Review.objects.filter(assignment__dossier=dossier, state=ReviewState.SUBMITTED)
        .prefetch_related("criterion_results")
        .select_related("assignment__phase")
    )
    totals = [r.total_score for r in reviews]
    threshold = phase or (reviews[0].assignment.phase if reviews else None)
    threshold = threshold.disagreement_threshold if threshold else Decimal(20)
    criteria = []
    pass_marks = {
        c["code"]: Decimal(str(c["pass_mark"])) / Decimal(c["max_score"]) * 100
        for c in (dossier.rubric if dossier else [])
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
    return DossierAggregate(
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


def aggregate_for(subject_kind: str, subject_id: int) -> DossierAggregate:
    """dossier_aggregate() of a subject (empty if it was never evaluated)."""
    return dossier_aggregate(dossier_for(subject_kind, subject_id))


BOARD_FIELDS = (
    "pk",
    "subject_kind",
    "subject_id",
    "label_th",
    "label_en",
    "title_th",
    "title_en",
    "status",
    "received_at",
    "organisation__name_th",
    "organisation__name_en",
)


def evaluation_board(phase: ReviewPhase) -> QuerySet[Dossier]:
    """Dossiers under evaluation in `phase`, ranked by mean weighted total (best first),
    with their counts and range computed by the database."""
    submitted = Q(assignments__phase=phase, assignments__review__state=ReviewState.SUBMITTED)
    return (
        Dossier.objects.filter(assignments__phase=phase)
        .annotate(
            n_assigned=Count("assignments", filter=Q(assignments__phase=phase), distinct=True),
            n_submitted=Count("assignments__review", filter=submitted, distinct=True),
            mean_total=Avg("assignments__review__total_score", filter=submitted),
            low_total=Min("assignments__review__total_score", filter=submitted),
            high_total=Max("assignments__review__total_score", filter=submitted),
        )
        .annotate(range_total=F("high_total") - F("low_total"))
        .select_related("organisation")
        # The rows are grouped by every selected column: only what the board shows.
        .only(*BOARD_FIELDS)
        .order_by(F("mean_total").desc(nulls_last=True), "pk")
    )


def awaiting_completion() -> QuerySet[Dossier]:
    """Dossiers in evaluation whose every assigned review is submitted: what waits for the
    secretariat's summary and the completion of the evaluation (complete_evaluation())."""
    submitted = Q(assignments__review__state=ReviewState.SUBMITTED)
    return (
        Dossier.objects.filter(status=DossierStatus.IN_EVALUATION)
        .annotate(
            n_assigned=Count("assignments", distinct=True),
            n_submitted=Count("assignments", filter=submitted, distinct=True),
        )
        .filter(n_assigned__gt=0, n_submitted=F("n_assigned"))
        .select_related("organisation")
        .only(*BOARD_FIELDS)
        .order_by("received_at", "pk")
    )


def board(phase: ReviewPhase) -> QuerySet[DossierSummary]:
    """The phase's board: one summary row per dossier assigned in it (kept by the
    services, see services.summaries), with the dossier's columns the board shows. Its
    order (best mean first, then the dossier) is BOARD_ORDER, served by the rows' index."""
    return (
        DossierSummary.objects.filter(phase=phase)
        .select_related("dossier__organisation")
        .only(
            *[f.name for f in DossierSummary._meta.concrete_fields],
            *[f"dossier__{name}" for name in BOARD_FIELDS if name != "pk"],
        )
    )


BOARD_ORDER = Keyset("mean_total", descending=True, tiebreak="dossier_id")


def rank_rows(phase: ReviewPhase, rows: list[DossierSummary]) -> None:
    """Set `rank` on a page of the board (1 is best; equal means share a rank, as SQL's
    RANK(); no mean, no rank) from one count over the phase's rows, however deep the
    page: the first row's rank is one more than the means above it, and each further
    row's is one more than the means at or above the first row's plus those of the page
    between the two."""
    means = [row.mean_total for row in rows]
    top = next((m for m in means if m is not None), None)
    if top is None:
        for row in rows:
            row.rank = None
        return
    counts = DossierSummary.objects.filter(phase=phase).aggregate(
        above=Count("pk", filter=Q(mean_total__gt=top)),
        at_least=Count("pk", filter=Q(mean_total__gte=top)),
    )
    for row in rows:
        mean = row.mean_total
        if mean is None:
            row.rank = None
        elif mean == top:
            row.rank = counts["above"] + 1
        else:
            between = sum(1 for m in means if m is not None and mean < m < top)
            row.rank = counts["at_least"] + between + 1


def board_totals(phase: ReviewPhase) -> dict[str, int]:
    """The phase's assignments and submitted reviews, summed over its summary rows."""
    totals = DossierSummary.objects.filter(phase=phase).aggregate(
        assigned=Sum("assigned"), submitted=Sum("submitted")
    )
    return {name: value or 0 for name, value in totals.items()}


def pool_loads(phase: ReviewPhase) -> QuerySet:
    """The reviewer's assignments in `phase`, from their summary row (none: 0), for an
    annotation of the pool."""
    return ReviewerSummary.objects.filter(phase=phase, reviewer=OuterRef("pk")).values("assigned")[
        :1
    ]
