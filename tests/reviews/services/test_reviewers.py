"""Editing a reviewer in the pool: what changes, what is refused, what is recorded."""

import pytest
from django.utils import translation

from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province
from smartcity.reviews.enums import ConflictSource, PhaseStatus
from smartcity.reviews.models import Conflict, Reviewer
from smartcity.reviews.services import EvaluationError, assign_reviewer
from smartcity.reviews.services.reviewers import update_reviewer
from tests.accounts.factories import UserFactory
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of, in_evaluation


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def details(reviewer: Reviewer, **changes) -> dict:
    values = {
        "organisation_name": reviewer.organisation_name,
        "province": reviewer.province,
        "expertise": reviewer.expertise,
        "max_load": reviewer.max_load,
    }
    return values | changes


def loaded(officer, reviewer: Reviewer, n: int, phase=None):
    phase = phase or PhaseFactory(reviewers_per_proposal=1)
    for _ in range(n):
        assign_reviewer(
            phase=phase,
            dossier=dossier_of(in_evaluation(officer)),
            reviewer=reviewer,
            due_on=DUE,
            by=officer,
        )
    return phase


def test_update_reviewer_changes_the_cap_and_expertise_and_audits_what_changed(officer):
    reviewer = ReviewerFactory(max_load=5, expertise=["mobility"])

    update_reviewer(
        reviewer=reviewer,
        by=officer,
        **details(reviewer, max_load=8, expertise=["energy", "mobility", "energy"]),
    )

    reviewer.refresh_from_db()
    assert (reviewer.max_load, reviewer.expertise) == (8, ["mobility", "energy"])
    entry = AuditEntry.objects.get(action="reviews.reviewer.updated")
    assert (entry.actor, entry.before, entry.after) == (
        officer,
        {"max_load": 5, "expertise": ["mobility"]},
        {"max_load": 8, "expertise": ["mobility", "energy"]},
    )


def test_update_reviewer_without_a_change_writes_no_audit_row(officer):
    reviewer = ReviewerFactory()

    update_reviewer(reviewer=reviewer, by=officer, **details(reviewer))

    assert not AuditEntry.objects.filter(action="reviews.reviewer.updated").exists()


def test_a_cap_below_the_current_load_is_refused_in_thai_and_nothing_changes(officer):
    reviewer = ReviewerFactory(max_load=5, expertise=["mobility"])
    loaded(officer, reviewer, 3)

    with translation.override("th"), pytest.raises(EvaluationError) as refused:
        update_reviewer(
            reviewer=reviewer, by=officer, **details(reviewer, max_load=2, expertise=["energy"])
        )

    assert "3" in str(refused.value)
    assert "ไม่สามารถกำหนดจำนวนสูงสุดให้น้อยกว่านั้นได้" in str(refused.value)
    reviewer.refresh_from_db()
    assert (reviewer.max_load, reviewer.expertise) == (5, ["mobility"])
    assert not AuditEntry.objects.filter(action="reviews.reviewer.updated").exists()


def test_a_cap_equal_to_the_load_is_accepted_and_a_closed_phase_does_not_count(officer):
    reviewer = ReviewerFactory(max_load=5)
    loaded(officer, reviewer, 2)
    closed = loaded(officer, reviewer, 3)
    closed.status = PhaseStatus.CLOSED
    closed.save()

    update_reviewer(reviewer=reviewer, by=officer, **details(reviewer, max_load=2))

    reviewer.refresh_from_db()
    assert reviewer.max_load == 2


@pytest.mark.parametrize(("max_load", "expertise"), [(0, []), (51, []), (3, ["astrology"])])
def test_update_reviewer_refuses_a_cap_out_of_range_or_an_unknown_domain(
    officer, max_load, expertise
):
    reviewer = ReviewerFactory(max_load=5)

    with pytest.raises(EvaluationError):
        update_reviewer(
            reviewer=reviewer,
            by=officer,
            **details(reviewer, max_load=max_load, expertise=expertise),
        )

    reviewer.refresh_from_db()
    assert reviewer.max_load == 5


def test_moving_a_reviewer_to_the_proponents_organisation_detects_the_conflict(officer):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()

    update_reviewer(
        reviewer=reviewer,
        by=officer,
        **details(
            reviewer,
            organisation_name=f"  {proposal.organisation.name_th} ",
            province=Province.objects.get(code="65"),
        ),
    )

    reviewer.refresh_from_db()
    assert (reviewer.organisation_name, reviewer.province.code) == (
        proposal.organisation.name_th,
        "65",
    )
    assert list(Conflict.objects.values_list("reviewer", "dossier__subject_id", "source")) == [
        (reviewer.pk, proposal.pk, ConflictSource.SAME_ORGANISATION)
    ]
