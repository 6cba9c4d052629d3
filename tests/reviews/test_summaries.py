"""Summary rows stay equal to a full recomputation from the source rows, whatever the
services do to assignments, score sheets and conflicts, in whatever order; the rebuild
command writes the same rows."""

import contextlib
import io
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command

from smartcity.core.models import AuditEntry
from smartcity.reviews import services
from smartcity.reviews.enums import ConflictSource, ReviewState
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    DossierSummary,
    Review,
    ReviewerSummary,
    ReviewPhase,
)
from smartcity.reviews.services import EvaluationError
from smartcity.reviews.services.phases import update_phase
from tests.accounts.factories import OrganisationFactory
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory

KIND = "summary-test"
RUBRIC = {
    "criteria": [
        {
            "code": "craft",
            "title_th": "ฝีมือ",
            "title_en": "Craft",
            "max_score": 10,
            "pass_mark": 5,
            "weight": 100,
            "items": [
                {"title_th": "ความประณีต", "title_en": "Finish", "weight": 60},
                {"title_th": "ความคิดริเริ่ม", "title_en": "Originality", "weight": 40},
            ],
        }
    ]
}
STEPS = 45


def expected() -> tuple[dict, dict]:
    """Every summary row, computed here in plain Python from the source rows."""
    standing = set(
        Conflict.objects.filter(dismissed_at__isnull=True).values_list("reviewer_id", "dossier_id")
    )
    thresholds = dict(ReviewPhase.objects.values_list("pk", "disagreement_threshold"))
    groups: dict = {"dossier": {}, "reviewer": {}}
    for a in Assignment.objects.select_related("review"):
        review = getattr(a, "review", None)
        pair = (review.state if review else None, review.total_score if review else None)
        groups["dossier"].setdefault((a.phase_id, a.dossier_id), []).append(pair)
        groups["reviewer"].setdefault((a.phase_id, a.reviewer_id), []).append(pair)

    def counts(pairs):
        totals = [t for s, t in pairs if s == ReviewState.SUBMITTED]
        return {
            "assigned": len(pairs),
            "submitted": len(totals),
            "drafts": sum(s in (ReviewState.DRAFT, ReviewState.REOPENED) for s, _t in pairs),
        }, totals

    dossiers = {}
    for (phase_id, dossier_id), pairs in groups["dossier"].items():
        row, totals = counts(pairs)
        mean = low = high = spread = None
        if totals:
            mean = (sum(totals) / len(totals)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
            low, high = min(totals), max(totals)
            spread = high - low
        dossiers[phase_id, dossier_id] = {
            **row,
            "conflicts": sum(1 for _r, d in standing if d == dossier_id),
            "mean_total": mean,
            "low_total": low,
            "high_total": high,
            "range_total": spread,
            "disagreement": spread is not None and spread >= thresholds[phase_id],
        }
    reviewers = {
        key: {**counts(pairs)[0], "conflicts": sum(1 for r, _d in standing if r == key[1])}
        for key, pairs in groups["reviewer"].items()
    }
    return dossiers, reviewers


def stored() -> tuple[dict, dict]:
    dossier_fields = [
        "assigned", "submitted", "drafts", "conflicts", "mean_total", "low_total",
        "high_total", "range_total", "disagreement",
    ]  # fmt: skip
    dossiers = {
        (row["phase_id"], row["dossier_id"]): {f: row[f] for f in dossier_fields}
        for row in DossierSummary.objects.values("phase_id", "dossier_id", *dossier_fields)
    }
    reviewer_fields = ["assigned", "submitted", "drafts", "conflicts"]
    reviewers = {
        (row["phase_id"], row["reviewer_id"]): {f: row[f] for f in reviewer_fields}
        for row in ReviewerSummary.objects.values("phase_id", "reviewer_id", *reviewer_fields)
    }
    return dossiers, reviewers


def _differences(rows: tuple, truth: tuple) -> list:
    return [
        (key, got.get(key), want.get(key))
        for got, want in zip(rows, truth, strict=True)
        for key in sorted(set(got) | set(want))
        if got.get(key) != want.get(key)
    ]


class World:
    """Two phases, four dossiers (two of one organisation), six reviewers (one of that
    organisation, so detection finds conflicts), and the random moves of the services."""

    def __init__(self, seed: int, officer):
        self.random = random.Random(seed)
        self.officer = officer
        self.phases = [PhaseFactory(disagreement_threshold=Decimal(10)), PhaseFactory()]
        shared = OrganisationFactory()
        self.dossiers = [
            services.open_dossier(
                subject_kind=KIND,
                subject_id=n,
                label_th=f"แฟ้ม {n}",
                label_en=f"Dossier {n}",
                organisation=shared if n < 2 else OrganisationFactory(),
                criteria=RUBRIC,
                by=officer,
            )
            for n in range(4)
        ]
        self.reviewers = [ReviewerFactory(max_load=3) for _ in range(5)]
        self.reviewers.append(ReviewerFactory(organisation=shared, max_load=3))

    def pick(self, items):
        items = list(items)
        return self.random.choice(items) if items else None

    def assign(self):
        services.assign_reviewer(
            phase=self.pick(self.phases),
            dossier=self.pick(self.dossiers),
            reviewer=self.pick(self.reviewers),
            due_on=DUE,
            by=self.officer,
        )

    def start(self):
        assignment = self.pick(Assignment.objects.filter(review__isnull=True))
        if assignment:
            services.start_review(assignment=assignment, by=assignment.reviewer.user)

    def submit(self):
        review = self.pick(Review.objects.filter(state__in=ReviewState.editable()))
        if review is None:
            return
        user = review.assignment.reviewer.user
        review = services.save_review_draft(
            review=review,
            revision=review.revision,
            by=user,
            scores=[
                {
                    "criterion": "craft",
                    "item": i,
                    "score": self.random.randint(0, 10),
                    "comment": "ดี",
                }
                for i in (1, 2)
            ],
            recommendation="approve",
        )
        services.submit_review(review=review, by=user)

    def reopen(self):
        review = self.pick(Review.objects.filter(state=ReviewState.SUBMITTED))
        if review:
            services.reopen_review(review=review, reason="แก้คะแนน", by=self.officer)

    def detect(self):
        services.detect_conflicts(dossier=self.pick(self.dossiers), by=self.officer)

    def declare(self):
        reviewer = self.pick(self.reviewers)
        services.declare_conflict(
            reviewer=reviewer, dossier=self.pick(self.dossiers), reason="ญาติ", by=reviewer.user
        )

    def dismiss(self):
        conflict = self.pick(
            Conflict.objects.filter(dismissed_at__isnull=True).exclude(
                source=ConflictSource.DECLARED
            )
        )
        if conflict:
            services.dismiss_conflict(conflict=conflict, reason="ไม่เกี่ยว", by=self.officer)

    def threshold(self):
        update_phase(
            phase=self.pick(self.phases),
            disagreement_threshold=Decimal(self.random.choice([0, 5, 10, 30])),
            by=self.officer,
        )

    # Assigning and scoring more often than the rest, so rows fill up.
    MOVES = (
        ["assign"] * 5
        + ["start", "submit", "submit", "reopen", "detect", "declare"]
        + [
            "dismiss",
            "threshold",
        ]
    )

    def step(self) -> str:
        move = self.random.choice(self.MOVES)
        # Refused (a conflict, a cap, a duplicate): the rows must not move either.
        with contextlib.suppress(EvaluationError):
            getattr(self, move)()
        return move


@pytest.mark.parametrize("seed", range(8))
def test_summary_rows_equal_a_full_recomputation_after_any_sequence(db, secretariat_user, seed):
    world = World(seed, secretariat_user)
    moves = []
    for _ in range(STEPS):
        moves.append(world.step())
        rows, truth = stored(), expected()
        assert rows == truth, (moves, _differences(rows, truth))
    assert DossierSummary.objects.exists()  # the sequence did build a board


def test_the_rebuild_command_writes_the_same_rows(db, secretariat_user):
    world = World(99, secretariat_user)
    for _ in range(STEPS):
        world.step()
    kept = stored()
    DossierSummary.objects.all().delete()
    ReviewerSummary.objects.update(assigned=0, submitted=0)

    out = io.StringIO()
    call_command("rebuild_review_summaries", stdout=out)

    assert stored() == kept == expected()
    assert out.getvalue().startswith(f"{len(kept[0])} dossier rows and {len(kept[1])} reviewer")
    assert AuditEntry.objects.filter(action="reviews.summaries.rebuilt").count() == 1


def test_a_refused_assignment_leaves_no_row(db, secretariat_user):
    world = World(1, secretariat_user)
    colleague = world.reviewers[-1]  # of the first dossier's organisation
    with pytest.raises(EvaluationError):
        services.assign_reviewer(
            phase=world.phases[0],
            dossier=world.dossiers[0],
            reviewer=colleague,
            due_on=DUE,
            by=secretariat_user,
        )
    assert (DossierSummary.objects.count(), ReviewerSummary.objects.count()) == (0, 0)
