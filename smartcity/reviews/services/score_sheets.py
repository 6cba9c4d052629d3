"""Score sheets: saved as the reviewer types, submitted (results computed once), reopened.
`transition_review()` is the only writer of `Review.state`."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.core.enums import Domain
from smartcity.reviews.enums import PhaseStatus, Recommendation, ReviewState
from smartcity.reviews.models import Assignment, CriterionResult, Review, ReviewScore
from smartcity.reviews.services.errors import EvaluationError, StaleReview
from smartcity.reviews.services.summaries import refresh_pair

HUNDRED = Decimal(100)
R = ReviewState

# Every allowed move of a score sheet's state; transition_review() is its only writer.
REVIEW_TRANSITIONS: dict[tuple[str, str], str] = {
    (R.DRAFT, R.SUBMITTED): "submitted",
    (R.REOPENED, R.SUBMITTED): "submitted",
    (R.SUBMITTED, R.REOPENED): "reopened",
}


def _criteria(assignment: Assignment) -> list[dict]:
    return assignment.dossier.rubric


@transaction.atomic
def start_review(*, assignment: Assignment, by) -> Review:
    """The assignment's score sheet, created (a draft) the first time the reviewer saves or
    submits it: never on opening the page. Side effects: a Review, an audit row and the
    summary rows of the reviewer and the dossier in the phase (one more draft), once."""
    review, created = Review.objects.get_or_create(assignment=assignment)
    if created:
        audit.record(action="reviews.review.started", by=by, target=review)
        _refresh(assignment)
    return review


def _refresh(assignment: Assignment) -> None:
    refresh_pair(
        reviewer_id=assignment.reviewer_id,
        dossier_id=assignment.dossier_id,
        phase=assignment.phase,
    )


def transition_review(*, review: Review, to_state: str, by, note: str = "", after=None) -> Review:
    """The only writer of `Review.state`: moves `review` (locked by the caller) to
    `to_state` if REVIEW_TRANSITIONS allows it. Side effects: state saved; an audit row;
    the summary rows of the reviewer and the dossier in the phase."""
    previous = review.state
    if (previous, to_state) not in REVIEW_TRANSITIONS:
        if previous == R.SUBMITTED:
            raise EvaluationError(
                _("This review was submitted and is locked. Ask the secretariat to reopen it.")
            )
        raise EvaluationError(_("Only a submitted review can be reopened."))
    review.state = to_state
    fields = ["state", "updated_at"]
    if to_state == R.SUBMITTED:
        review.submitted_at = timezone.now()
        fields += ["total_score", "submitted_at"]
    review.save(update_fields=fields)
    audit.record(
        action=f"reviews.review.{REVIEW_TRANSITIONS[(previous, to_state)]}",
        by=by,
        target=review,
        before={"state": previous},
        after={"state": to_state, **(after or {})},
        note=note,
    )
    _refresh(review.assignment)
    return review


def _editable(review: Review) -> None:
    if review.state == ReviewState.SUBMITTED:
        raise EvaluationError(
            _("This review was submitted and is locked. Ask the secretariat to reopen it.")
        )
    phase = review.assignment.phase
    if phase.status != PhaseStatus.OPEN or not phase.reviewers_may_score:
        raise EvaluationError(_("Scoring is closed in this phase."))


@transaction.atomic
def save_review_draft(
    *,
    review: Review,
    revision: int,
    by,
    scores: list[dict] | None = None,
    recommendation: str | None = None,
    conditions: str | None = None,
    domain_assessments: dict | None = None,
) -> Review:
    """Save a score sheet as the reviewer types. Refuses a stale revision (the same sheet
    open in two tabs). Side effects: revision bumped; an audit row."""
    review = (
        Review.objects.select_for_update().select_related("assignment__phase").get(pk=review.pk)
    )
    _editable(review)
    if revision != review.revision:
        raise StaleReview(
            _(
                "This score sheet was saved from another window. Reload it; your text is kept on this page."
            )
        )
    for row in scores or []:
        ReviewScore.objects.update_or_create(
            review=review,
            criterion=row["criterion"],
            item=row["item"],
            defaults={"score": row.get("score"), "comment": row.get("comment", "")},
        )
    if recommendation is not None:
        review.recommendation = recommendation
    if conditions is not None:
        review.conditions = conditions
    if domain_assessments is not None:
        review.domain_assessments = domain_assessments
    review.revision += 1
    review.save()
    audit.record(
        action="reviews.review.draft_saved",
        by=by,
        target=review,
        after={"revision": review.revision},
    )
    return review


def _percent(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def compute_results(
    criteria: list[dict], scores: dict[tuple[str, int], int]
) -> tuple[Decimal, list[dict]]:
    """Weighted total (0-100) and per-criterion results from sub-item scores.

    A criterion's percent is the weighted mean of its items' scores over the criterion's
    maximum; it passes when that percent reaches pass_mark / max_score. The total is the
    sum of each criterion's percent times its weight, over 100."""
    total = Decimal(0)
    results = []
    for criterion in criteria:
        maximum = Decimal(criterion["max_score"])
        items = criterion["items"] or [{"weight": "100"}]
        weights = [Decimal(str(item["weight"])) for item in items]
        achieved = sum(
            Decimal(scores[(criterion["code"], position)]) / maximum * weight
            for position, weight in enumerate(weights, start=1)
        )
        percent = achieved / sum(weights) * HUNDRED
        passed = percent >= Decimal(str(criterion["pass_mark"])) / maximum * HUNDRED
        results.append(
            {"criterion": criterion["code"], "percent": _percent(percent), "passed": passed}
        )
        total += percent * Decimal(str(criterion["weight"])) / HUNDRED
    return _percent(total), results


def missing_in_review(review: Review | None, *, assignment: Assignment | None = None) -> list[str]:
    """What the reviewer must still fill in before submitting (everything, for a sheet not
    started yet: pass its `assignment`)."""
    missing = []
    assignment = assignment or review.assignment
    stored = {(s.criterion, s.item): s for s in review.scores.all()} if review else {}
    for criterion in _criteria(assignment):
        items = criterion["items"] or [
            {"title_en": criterion["title_en"], "title_th": criterion["title_th"]}
        ]
        for position, item in enumerate(items, start=1):
            row = stored.get((criterion["code"], position))
            label = item.get("title_th") or item.get("title_en")
            if row is None or row.score is None:
                missing.append(_("A score for “%(item)s”") % {"item": label})
            elif not (0 <= row.score <= criterion["max_score"]):
                missing.append(
                    _("A score between 0 and %(max)s for “%(item)s”")
                    % {"max": criterion["max_score"], "item": label}
                )
            elif not row.comment.strip():
                missing.append(_("A comment on “%(item)s”") % {"item": label})
    assessments = (review.domain_assessments if review else None) or {}
    for domain in sorted(set(assignment.dossier.domains)):
        if not assessments.get(domain, "").strip():
            missing.append(
                _("An assessment of the domain “%(domain)s”") % {"domain": Domain(domain).label}
            )
    if review is None or not review.recommendation:
        missing.append(_("An overall recommendation"))
    elif (
        review.recommendation == Recommendation.APPROVE_WITH_CONDITIONS
        and not review.conditions.strip()
    ):
        missing.append(_("The conditions the proponent must revise"))
    return missing


@transaction.atomic
def submit_review(*, review: Review, by) -> Review:
    """Lock a complete score sheet and compute its results. Side effects, in order: row
    locked; completeness checked (EvaluationError lists what is missing); CriterionResult
    rows and the weighted total stored; state submitted; an audit row."""
    review = (
        Review.objects.select_for_update()
        .select_related("assignment__phase", "assignment__dossier")
        .get(pk=review.pk)
    )
    _editable(review)
    missing = missing_in_review(review)
    if missing:
        raise EvaluationError(
            _("The review is not complete: %(items)s.") % {"items": "; ".join(missing)}
        )
    scores = {(s.criterion, s.item): s.score for s in review.scores.all()}
    total, results = compute_results(_criteria(review.assignment), scores)
    review.criterion_results.all().delete()
    CriterionResult.objects.bulk_create(CriterionResult(review=review, **row) for row in results)
    review.total_score = total
    return transition_review(
        review=review,
        to_state=R.SUBMITTED,
        by=by,
        after={"total": total, "recommendation": review.recommendation},
    )


@transaction.atomic
def reopen_review(*, review: Review, reason: str, by) -> Review:
    """The secretariat reopens a submitted review so the reviewer can correct it."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.SUBMITTED:
        raise EvaluationError(_("Only a submitted review can be reopened."))
    if not reason.strip():
        raise EvaluationError(_("Give the reason for reopening the review."))
    return transition_review(review=review, to_state=R.REOPENED, by=by, note=reason.strip())
