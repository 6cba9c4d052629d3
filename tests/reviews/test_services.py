from decimal import Decimal

import pytest
from django.utils import translation

from smartcity.core.models import AuditEntry
from smartcity.proposals.enums import ProposalState
from smartcity.reviews import selectors
from smartcity.reviews.enums import ReviewState
from smartcity.reviews.models import Assignment, Conflict, ConflictRules, CriterionResult
from smartcity.reviews.services import (
    EvaluationError,
    StaleReview,
    assign_automatically,
    assign_reviewer,
    complete_evaluation,
    compute_results,
    declare_conflict,
    detect_conflicts,
    dismiss_conflict,
    reopen_review,
    save_review_draft,
    start_review,
    submit_review,
    write_summary,
)
from tests.accounts.factories import UserFactory
from tests.reviews.factories import (
    DUE,
    FIRST,
    PERFECT,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    dossiers_of,
    fill,
    in_evaluation,
    reviewed,
)


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


@pytest.fixture
def phase(db):
    return PhaseFactory()


def test_compute_results_matches_the_hand_computed_figures(db, officer):
    proposal = in_evaluation(officer)

    total, results = compute_results(proposal.frozen_criteria["criteria"], FIRST)

    assert total == Decimal("64.00")  # (66 + 60 + 50 + 94 + 50) x 20%
    assert [(r["criterion"], r["percent"], r["passed"]) for r in results] == [
        ("area_vision", Decimal("66.00"), True),
        ("infrastructure", Decimal("60.00"), True),
        ("data_platform", Decimal("50.00"), False),
        ("services", Decimal("94.00"), True),
        ("management", Decimal("50.00"), False),
    ]


def test_submitting_a_review_stores_its_results_and_locks_it(db, officer, phase):
    proposal = reviewed(officer, phase, FIRST)
    review = Assignment.objects.get(dossier=dossier_of(proposal)).review

    assert (review.state, review.total_score) == (ReviewState.SUBMITTED, Decimal("64.00"))
    assert CriterionResult.objects.filter(review=review, passed=False).count() == 2
    with pytest.raises(EvaluationError, match="locked"):
        save_review_draft(
            review=review, revision=review.revision, by=review.assignment.reviewer.user
        )


def test_an_incomplete_review_cannot_be_submitted_and_says_what_is_missing(db, officer, phase):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    assignment = assign_reviewer(
        phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
    )
    review = start_review(assignment=assignment, by=reviewer.user)
    partial = dict(list(FIRST.items())[:3])
    review = save_review_draft(
        review=review,
        revision=0,
        by=reviewer.user,
        scores=[
            {"criterion": c, "item": i, "score": s, "comment": ""} for (c, i), s in partial.items()
        ],
        recommendation="approve_with_conditions",
    )

    with pytest.raises(EvaluationError) as error:
        submit_review(review=review, by=reviewer.user)

    message = str(error.value)
    assert "A comment on" in message
    assert "A score for" in message
    assert "Smart Mobility" in message
    assert "conditions" in message
    assert review.criterion_results.count() == 0


def test_a_stale_score_sheet_is_refused(db, officer, phase):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    review = start_review(
        assignment=assign_reviewer(
            phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
        ),
        by=reviewer.user,
    )
    save_review_draft(review=review, revision=0, by=reviewer.user, recommendation="reject")
    with pytest.raises(StaleReview):
        save_review_draft(review=review, revision=0, by=reviewer.user, recommendation="approve")


def test_aggregate_of_two_reviews_flags_their_disagreement(db, officer, phase):
    proposal = reviewed(officer, phase, FIRST, PERFECT)

    aggregate = selectors.dossier_aggregate(dossier_of(proposal))

    assert (aggregate.reviews, aggregate.mean, aggregate.median) == (
        2,
        Decimal("82.00"),
        Decimal("82.00"),
    )
    assert (aggregate.spread, aggregate.low, aggregate.high) == (
        Decimal("18.00"),
        Decimal("64.00"),
        Decimal("100.00"),
    )
    assert aggregate.disagreement is True  # 100 - 64 = 36 >= 20
    by_criterion = {c.criterion: (c.mean, c.passed) for c in aggregate.criteria}
    assert by_criterion["data_platform"] == (Decimal("75.00"), True)
    assert by_criterion["area_vision"] == (Decimal("83.00"), True)


def test_close_reviews_do_not_flag_disagreement(db, officer, phase):
    nearly = {**PERFECT, ("services", 1): 8}  # 100 - 0.2 x (60 - 48) = 97.60
    aggregate = selectors.dossier_aggregate(dossier_of(reviewed(officer, phase, PERFECT, nearly)))
    assert (aggregate.low, aggregate.disagreement) == (Decimal("97.60"), False)


def test_the_board_ranks_proposals_by_mean_total(db, officer, phase):
    weak = reviewed(officer, phase, FIRST)
    strong = reviewed(officer, phase, PERFECT)

    board = list(selectors.evaluation_board(phase))

    assert [d.subject_id for d in board] == [strong.pk, weak.pk]
    assert (board[0].mean_total, board[0].n_submitted, board[1].range_total) == (
        Decimal("100"),
        1,
        Decimal("0"),
    )


def test_same_organisation_is_a_conflict_and_blocks_assignment(db, officer, phase):
    proposal = in_evaluation(officer)
    colleague = ReviewerFactory(organisation_name=proposal.organisation.name_th.upper())

    with pytest.raises(EvaluationError, match="conflict of interest"):
        assign_reviewer(
            phase=phase, dossier=dossier_of(proposal), reviewer=colleague, due_on=DUE, by=officer
        )

    assert Conflict.objects.get().source == "same_organisation"
    assert Assignment.objects.count() == 0


def test_same_province_is_a_conflict_only_when_the_rule_is_on(db, officer, phase):
    proposal = in_evaluation(officer)
    neighbour = ReviewerFactory(province=proposal.provinces.get())
    assert detect_conflicts(dossier=dossier_of(proposal), reviewers=[neighbour]) == []

    ConflictRules.objects.create(same_province=True)

    assert [
        c.source for c in detect_conflicts(dossier=dossier_of(proposal), reviewers=[neighbour])
    ] == ["same_province"]


def test_a_declared_conflict_removes_the_assignment(db, officer, phase):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    assign_reviewer(
        phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
    )

    declare_conflict(
        reviewer=reviewer,
        dossier=dossier_of(proposal),
        reason="เคยเป็นที่ปรึกษาโครงการ",
        by=reviewer.user,
    )

    assert Assignment.objects.count() == 0
    assert list(selectors.assignments_for_reviewer(reviewer)) == []


def test_dismissing_a_detected_conflict_needs_a_reason_and_is_audited(db, officer, phase):
    proposal = in_evaluation(officer)
    colleague = ReviewerFactory(organisation=proposal.organisation)
    conflict = detect_conflicts(dossier=dossier_of(proposal), reviewers=[colleague])[0]

    with pytest.raises(EvaluationError):
        dismiss_conflict(conflict=conflict, reason=" ", by=officer)
    dismiss_conflict(conflict=conflict, reason="ย้ายหน่วยงานแล้วตั้งแต่ปี 2565", by=officer)
    assignment = assign_reviewer(
        phase=phase, dossier=dossier_of(proposal), reviewer=colleague, due_on=DUE, by=officer
    )

    assert assignment.reviewer == colleague
    assert (
        AuditEntry.objects.filter(action="reviews.conflict.dismissed", actor=officer).count() == 1
    )


def test_a_declared_conflict_cannot_be_dismissed(db, officer):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    conflict = declare_conflict(
        reviewer=reviewer, dossier=dossier_of(proposal), reason="ญาติ", by=reviewer.user
    )
    with pytest.raises(EvaluationError):
        dismiss_conflict(conflict=conflict, reason="ไม่เกี่ยว", by=officer)


def test_automatic_assignment_respects_caps_conflicts_and_domains_and_is_idempotent(
    db, officer, phase
):
    proposals = [in_evaluation(officer, domains=("energy", "economy")) for _ in range(3)]
    energy = ReviewerFactory(expertise=["energy", "economy"], max_load=2)
    economy = ReviewerFactory(expertise=["economy"], max_load=3)
    other = ReviewerFactory(expertise=["people"], max_load=3)
    conflicted = ReviewerFactory(
        organisation=proposals[0].organisation, expertise=["energy", "economy"]
    )

    first = assign_automatically(
        phase=phase, dossiers=dossiers_of(proposals), due_on=DUE, by=officer
    )
    second = assign_automatically(
        phase=phase, dossiers=dossiers_of(proposals), due_on=DUE, by=officer
    )

    loads = {
        r.pk: Assignment.objects.filter(reviewer=r).count()
        for r in (energy, economy, other, conflicted)
    }
    assert len(first.assigned) == 6 and second.assigned == [] and first.shortfalls == []
    assert loads[energy.pk] <= 2 and loads[economy.pk] <= 3
    assert not Assignment.objects.filter(
        reviewer=conflicted, dossier=dossier_of(proposals[0])
    ).exists()
    # The experts come first: the first proposal gets the energy and economy reviewers.
    assert set(
        Assignment.objects.filter(dossier=dossier_of(proposals[0])).values_list(
            "reviewer", flat=True
        )
    ) == {
        economy.pk,
        energy.pk,
    }


def reasons(shortfall) -> dict:
    return {
        "proposal": shortfall.dossier.subject_id,
        "assigned": shortfall.assigned,
        "missing": shortfall.missing,
        "conflicted": shortfall.conflicted,
        "at_cap": shortfall.at_cap,
        "pool_too_small": shortfall.pool_too_small,
    }


def test_automatic_assignment_reports_a_pool_too_small(db, officer, phase):
    proposal = in_evaluation(officer)
    only = ReviewerFactory()

    result = assign_automatically(
        phase=phase, dossiers=dossiers_of([proposal]), due_on=DUE, by=officer
    )

    assert [a.reviewer for a in result.assigned] == [only]
    assert [reasons(s) for s in result.shortfalls] == [
        {
            "proposal": proposal.pk,
            "assigned": 1,
            "missing": 1,
            "conflicted": 0,
            "at_cap": 0,
            "pool_too_small": True,
        }
    ]


def test_automatic_assignment_says_when_the_caps_run_out(db, officer, phase):
    first, second = in_evaluation(officer), in_evaluation(officer)
    ReviewerFactory(max_load=1)
    ReviewerFactory(max_load=2)

    result = assign_automatically(
        phase=phase, dossiers=dossiers_of([first, second]), due_on=DUE, by=officer
    )

    assert len(result.assigned) == 3
    assert [reasons(s) for s in result.shortfalls] == [
        {
            "proposal": second.pk,
            "assigned": 1,
            "missing": 1,
            "conflicted": 0,
            "at_cap": 1,
            "pool_too_small": False,
        }
    ]


def test_automatic_assignment_says_when_conflicts_exclude_everyone(db, officer, phase):
    proposal = in_evaluation(officer)
    for _ in range(3):
        ReviewerFactory(organisation=proposal.organisation)

    result = assign_automatically(
        phase=phase, dossiers=dossiers_of([proposal]), due_on=DUE, by=officer
    )

    assert result.assigned == []
    assert [reasons(s) for s in result.shortfalls] == [
        {
            "proposal": proposal.pk,
            "assigned": 0,
            "missing": 2,
            "conflicted": 3,
            "at_cap": 0,
            "pool_too_small": False,
        }
    ]


def test_reopening_a_review_is_audited_and_lets_the_reviewer_correct_it(db, officer, phase):
    proposal = reviewed(officer, phase, FIRST)
    review = Assignment.objects.get(dossier=dossier_of(proposal)).review

    reopen_review(review=review, reason="คะแนนด้านข้อมูลพิมพ์ผิด", by=officer)
    review.refresh_from_db()
    fill(review, {**FIRST, ("data_platform", 1): 10}, review.assignment.reviewer.user)
    submit_review(review=review, by=review.assignment.reviewer.user)

    review.refresh_from_db()
    assert review.total_score == Decimal("68.00")  # data platform 50% -> 70%
    assert (
        AuditEntry.objects.filter(
            action="reviews.review.reopened", note="คะแนนด้านข้อมูลพิมพ์ผิด"
        ).count()
        == 1
    )


def test_completing_the_evaluation_moves_the_proposal_to_evaluated(db, officer, phase):
    proposal = reviewed(officer, phase, FIRST, PERFECT)

    with pytest.raises(EvaluationError, match="summary"):
        complete_evaluation(dossier=dossier_of(proposal), by=officer)
    write_summary(
        dossier=dossier_of(proposal),
        recommendation="approve",
        summary="ผ่านเกณฑ์ทุกด้านโดยเฉลี่ย",
        by=officer,
    )
    complete_evaluation(dossier=dossier_of(proposal), by=officer)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.EVALUATED
    assert proposal.state_changes.last().to_state == ProposalState.EVALUATED


@pytest.mark.parametrize("to_state", list(ReviewState))
@pytest.mark.parametrize("from_state", list(ReviewState))
def test_a_score_sheet_moves_only_as_its_table_allows(db, officer, phase, from_state, to_state):
    from smartcity.reviews.models import Review
    from smartcity.reviews.services import REVIEW_TRANSITIONS, transition_review

    reviewer = ReviewerFactory()
    assignment = assign_reviewer(
        phase=phase,
        dossier=dossier_of(in_evaluation(officer)),
        reviewer=reviewer,
        due_on=DUE,
        by=officer,
    )
    review = Review.objects.create(assignment=assignment, state=from_state)

    if (from_state, to_state) in REVIEW_TRANSITIONS:
        transition_review(review=review, to_state=to_state, by=officer)
        review.refresh_from_db()
        assert review.state == to_state
        assert AuditEntry.objects.filter(action__startswith="reviews.review.").exists()
    else:
        with pytest.raises(EvaluationError):
            transition_review(review=review, to_state=to_state, by=officer)
        review.refresh_from_db()
        assert review.state == from_state
