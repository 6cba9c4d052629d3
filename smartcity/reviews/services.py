"""Writes for evaluation: conflicts of interest, assignments, score sheets, summaries."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.core.enums import Domain
from smartcity.reviews import emails, subjects
from smartcity.reviews.enums import (
    ConflictSource,
    DossierStatus,
    PhaseStatus,
    Recommendation,
    ReviewState,
)
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    ConflictRules,
    CriterionResult,
    Dossier,
    Review,
    Reviewer,
    ReviewPhase,
    ReviewScore,
    SummaryRecommendation,
)

HUNDRED = Decimal(100)
R = ReviewState

# Every allowed move of a score sheet's state; transition_review() is its only writer.
REVIEW_TRANSITIONS: dict[tuple[str, str], str] = {
    (R.DRAFT, R.SUBMITTED): "submitted",
    (R.REOPENED, R.SUBMITTED): "submitted",
    (R.SUBMITTED, R.REOPENED): "reopened",
}


class EvaluationError(Exception):
    """An evaluation action that cannot be done; the message is for the person acting."""


class StaleReview(EvaluationError):
    pass


def conflict_rules() -> ConflictRules:
    return ConflictRules.objects.first() or ConflictRules()


# Conflicts of interest -------------------------------------------------------------------


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
    Side effects: Conflict rows created; one audit row per new conflict."""
    rules = conflict_rules()
    reviewers = reviewers if reviewers is not None else Reviewer.objects.filter(is_active=True)
    province_ids = set(dossier.provinces.values_list("pk", flat=True))
    found = []
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
                audit.record(
                    action="reviews.conflict.detected",
                    by=by,
                    target=conflict,
                    after={"source": source},
                )
            found.append(conflict)
    return found


@transaction.atomic
def declare_conflict(*, reviewer: Reviewer, dossier: Dossier, reason: str, by) -> Conflict:
    """A reviewer declares a conflict. If they were assigned, the assignment and its draft
    review are removed: they must see nothing of the subject from now on."""
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
    return conflict


def has_conflict(reviewer: Reviewer, dossier: Dossier) -> bool:
    return Conflict.objects.filter(
        reviewer=reviewer, dossier=dossier, dismissed_at__isnull=True
    ).exists()


# Assignment ---------------------------------------------------------------------------------


def _load(phase: ReviewPhase, reviewer: Reviewer) -> int:
    return Assignment.objects.filter(phase=phase, reviewer=reviewer).count()


def assign_reviewer(
    *, phase: ReviewPhase, dossier: Dossier, reviewer: Reviewer, due_on: dt.date, by
) -> Assignment:
    """Assign one reviewer to one dossier. Refuses a conflicted reviewer, a reviewer at
    their cap, a dossier no longer in evaluation, a duplicate. Side effects, in order:
    conflicts detected and kept even when the assignment is refused; an Assignment; an
    audit row; after the commit, the reviewer's email with the link to the score sheet."""
    assignment = _assign(phase=phase, dossier=dossier, reviewer=reviewer, due_on=due_on, by=by)
    emails.tell_assigned([assignment])
    return assignment


def _assign(
    *, phase: ReviewPhase, dossier: Dossier, reviewer: Reviewer, due_on: dt.date, by
) -> Assignment:
    """assign_reviewer() without the email: rounds of several assignments send one email
    per reviewer at the end."""
    if dossier.status != DossierStatus.IN_EVALUATION:
        raise EvaluationError(_("Only a proposal in evaluation can be assigned to reviewers."))
    detect_conflicts(dossier=dossier, reviewers=[reviewer], by=by)
    with transaction.atomic():
        # Lock the reviewer: two assignments at once must not both slip under the cap.
        reviewer = Reviewer.objects.select_for_update().get(pk=reviewer.pk)
        if has_conflict(reviewer, dossier):
            raise EvaluationError(
                _("%(reviewer)s has a conflict of interest with this proposal.")
                % {"reviewer": reviewer}
            )
        if Assignment.objects.filter(phase=phase, dossier=dossier, reviewer=reviewer).exists():
            raise EvaluationError(
                _("%(reviewer)s is already assigned to this proposal.") % {"reviewer": reviewer}
            )
        if _load(phase, reviewer) >= reviewer.max_load:
            raise EvaluationError(
                _("%(reviewer)s already has %(n)s proposals, their limit.")
                % {"reviewer": reviewer, "n": reviewer.max_load}
            )
        assignment = Assignment.objects.create(
            phase=phase, dossier=dossier, reviewer=reviewer, due_on=due_on, assigned_by=by
        )
        audit.record(
            action="reviews.assignment.created",
            by=by,
            target=assignment,
            after={"dossier": dossier.pk, "reviewer": reviewer.pk, "due_on": due_on},
        )
    return assignment


@transaction.atomic
def assign_in_bulk(
    *, phase: ReviewPhase, pairs: list[tuple[Dossier, Reviewer]], due_on: dt.date, by
) -> list[Assignment]:
    """A confirmed selection, with exactly the checks and side effects of one-by-one
    assignment, all or nothing; but each reviewer gets one email listing their new
    assignments."""
    assignments = [
        _assign(phase=phase, dossier=d, reviewer=r, due_on=due_on, by=by) for d, r in pairs
    ]
    emails.tell_assigned(assignments)
    return assignments


@dataclass(frozen=True)
class Shortfall:
    """A dossier automatic assignment could not fully cover, and why: every active
    reviewer it did not get is either conflicted with it or at their cap, or the pool is
    smaller than the reviewers a proposal needs."""

    dossier: Dossier
    wanted: int  # the phase's reviewers per proposal
    assigned: int  # reviewers it has in the phase after this run
    conflicted: int  # active reviewers with a standing conflict of interest with it
    at_cap: int  # other active reviewers already carrying their most proposals
    pool: int  # active reviewers in the pool

    @property
    def missing(self) -> int:
        return self.wanted - self.assigned

    @property
    def pool_too_small(self) -> bool:
        return self.pool < self.wanted


@dataclass
class AutoAssignment:
    assigned: list[Assignment] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)


@transaction.atomic
def assign_automatically(*, phase: ReviewPhase, dossiers, due_on: dt.date, by) -> AutoAssignment:
    """Give each dossier `phase.reviewers_per_proposal` reviewers: never a conflicted one,
    never over a reviewer's cap, preferring reviewers whose expertise covers the
    proposal's domains, then the least loaded. Idempotent: a second run adds nothing to a
    proposal that has its reviewers. Proposals are served in order of submission, so the
    scarce experts go first to those waiting longest. Returns what was assigned and, for
    each proposal still short, how many reviewers it lacks and why (a Shortfall). After the
    commit, each reviewer given proposals gets one email listing them."""
    result = AutoAssignment()
    reviewers = list(Reviewer.objects.filter(is_active=True).select_related("user").order_by("pk"))
    load = {
        row["reviewer"]: row["n"]
        for row in Assignment.objects.filter(phase=phase).values("reviewer").annotate(n=Count("id"))
    }
    for dossier in sorted(dossiers, key=lambda d: (d.received_at or timezone.now(), d.pk)):
        detect_conflicts(dossier=dossier, reviewers=reviewers, by=by)
        blocked = set(
            Conflict.objects.filter(dossier=dossier, dismissed_at__isnull=True).values_list(
                "reviewer_id", flat=True
            )
        )
        taken = set(
            Assignment.objects.filter(phase=phase, dossier=dossier).values_list(
                "reviewer_id", flat=True
            )
        )
        needed = phase.reviewers_per_proposal - len(taken)
        if needed <= 0:
            continue
        domains = set(dossier.domains)
        free = [r for r in reviewers if r.pk not in blocked and r.pk not in taken]
        candidates = [r for r in free if load.get(r.pk, 0) < r.max_load]
        candidates.sort(key=lambda r: (-len(domains & set(r.expertise)), load.get(r.pk, 0), r.pk))
        for reviewer in candidates[:needed]:
            result.assigned.append(
                _assign(phase=phase, dossier=dossier, reviewer=reviewer, due_on=due_on, by=by)
            )
            load[reviewer.pk] = load.get(reviewer.pk, 0) + 1
        if len(candidates) < needed:
            result.shortfalls.append(
                Shortfall(
                    dossier=dossier,
                    wanted=phase.reviewers_per_proposal,
                    assigned=len(taken) + len(candidates),
                    conflicted=sum(r.pk in blocked and r.pk not in taken for r in reviewers),
                    at_cap=len(free) - len(candidates),
                    pool=len(reviewers),
                )
            )
    emails.tell_assigned(result.assigned)
    return result


# Score sheets -------------------------------------------------------------------------------


def _criteria(assignment: Assignment) -> list[dict]:
    return assignment.dossier.rubric


@transaction.atomic
def start_review(*, assignment: Assignment, by) -> Review:
    """The assignment's score sheet, created (a draft) the first time the reviewer saves or
    submits it: never on opening the page. Side effects: a Review and an audit row, once."""
    review, created = Review.objects.get_or_create(assignment=assignment)
    if created:
        audit.record(action="reviews.review.started", by=by, target=review)
    return review


def transition_review(*, review: Review, to_state: str, by, note: str = "", after=None) -> Review:
    """The only writer of `Review.state`: moves `review` (locked by the caller) to
    `to_state` if REVIEW_TRANSITIONS allows it. Side effects: state saved; an audit row."""
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
        Q(review__isnull=True) | ~Q(review__state=ReviewState.SUBMITTED)
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
