"""Assigning reviewers to dossiers: one, a confirmed selection, or automatically."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.reviews import emails
from smartcity.reviews.enums import DossierStatus
from smartcity.reviews.models import Assignment, Conflict, Dossier, Reviewer, ReviewPhase
from smartcity.reviews.services.conflicts import detect_conflicts, has_conflict
from smartcity.reviews.services.errors import EvaluationError
from smartcity.reviews.services.summaries import refresh_pair


def _load(phase: ReviewPhase, reviewer: Reviewer) -> int:
    return Assignment.objects.filter(phase=phase, reviewer=reviewer).count()


def assign_reviewer(
    *, phase: ReviewPhase, dossier: Dossier, reviewer: Reviewer, due_on: dt.date, by
) -> Assignment:
    """Assign one reviewer to one dossier. Refuses a conflicted reviewer, a reviewer at
    their cap, a dossier no longer in evaluation, a duplicate. Side effects, in order:
    conflicts detected and kept even when the assignment is refused; an Assignment; an
    audit row; the reviewer's and the dossier's summary rows in the phase; after the commit, the reviewer's email with the link to the score sheet."""
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
        refresh_pair(reviewer_id=reviewer.pk, dossier_id=dossier.pk, phase=phase)
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
