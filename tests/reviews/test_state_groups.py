"""The groups of evaluation states, and who may score a review in every state."""

import datetime as dt

import pytest
from django.utils import translation

from smartcity.reviews.enums import DossierStatus, PhaseStatus, ReviewState, ScoreVisibility
from smartcity.reviews.models import Assignment, Review
from tests.accounts.factories import UserFactory
from tests.reviews.factories import PhaseFactory, ReviewerFactory, dossier_of, in_evaluation

# Moving a state in or out of a group is a decision: change this table with it.
GROUPS = {
    (ReviewState, "editable"): {ReviewState.DRAFT, ReviewState.REOPENED},
    (PhaseStatus, "not_closed"): {PhaseStatus.PLANNED, PhaseStatus.OPEN},
}


@pytest.mark.parametrize(("enum", "name"), sorted(GROUPS, key=lambda k: (k[0].__name__, k[1])))
def test_group_holds_the_states_of_the_table(enum, name):
    assert getattr(enum, name)() == GROUPS[(enum, name)]


@pytest.mark.parametrize("enum", [ReviewState, PhaseStatus, DossierStatus])
def test_every_group_on_the_enums_is_in_the_table(enum):
    defined = {n for n, v in vars(enum).items() if isinstance(v, classmethod)}
    assert defined == {name for (e, name) in GROUPS if e is enum}


@pytest.fixture
def assignment(db):
    officer = UserFactory(is_secretariat=True)
    dossier = dossier_of(in_evaluation(officer))
    return Assignment.objects.create(
        phase=PhaseFactory(score_visibility=ScoreVisibility.AFTER_SUBMITTING),
        dossier=dossier,
        reviewer=ReviewerFactory(),
        due_on=dt.date(2030, 1, 31),
        assigned_by=officer,
    )


@pytest.mark.parametrize("phase_status", list(PhaseStatus))
@pytest.mark.parametrize("review_state", [None, *ReviewState])
def test_who_may_score_and_see_scores_in_each_state(assignment, phase_status, review_state):
    assignment.phase.status = phase_status
    assignment.phase.save()
    if review_state is not None:
        Review.objects.create(assignment=assignment, state=review_state)
    assignment = Assignment.objects.select_related("phase", "review").get(pk=assignment.pk)
    people = {
        "reviewer": assignment.reviewer.user,
        "other reviewer": ReviewerFactory().user,
        "officer": UserFactory(is_secretariat=True),
    }
    may_score = phase_status == PhaseStatus.OPEN and review_state != ReviewState.SUBMITTED
    expected = {
        "view_assignment": {"reviewer", "officer"},
        "score_assignment": {"reviewer"} if may_score else set(),
        # The phase shows the others' scores once one's own review is submitted.
        "see_other_scores": {"reviewer", "officer"}
        if review_state == ReviewState.SUBMITTED
        else {"officer"},
    }
    allowed = {
        perm: {who for who, user in people.items() if user.has_perm(f"reviews.{perm}", assignment)}
        for perm in expected
    }
    assert allowed == expected


@pytest.mark.parametrize("state", list(ReviewState))
def test_a_review_reads_as_submitted_only_when_it_is(state):
    assert Review(state=state).is_submitted is (state == ReviewState.SUBMITTED)


@pytest.mark.parametrize("status", list(PhaseStatus))
def test_a_phase_reads_as_open_or_closed_from_its_status(status):
    phase = PhaseFactory.build(status=status)
    assert (phase.is_open, phase.is_closed) == (
        status == PhaseStatus.OPEN,
        status == PhaseStatus.CLOSED,
    )


def test_a_closed_phase_reads_as_a_closed_round_in_thai_not_a_closed_meeting():
    with translation.override("th"):
        assert str(PhaseStatus.CLOSED.label) == "ปิดรอบแล้ว"
