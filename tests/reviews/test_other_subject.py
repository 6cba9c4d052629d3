"""The review engine runs for a subject that is not a proposal: a throwaway kind, registered
here as an owning app would register it at start-up, has its dossier opened, assigned,
scored on its own rubric, aggregated and completed, and its owner hears of the completion."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.safestring import mark_safe

from smartcity.reviews import selectors, services, subjects
from smartcity.reviews.enums import DossierStatus, ReviewState
from smartcity.reviews.models import Review
from tests.accounts.factories import OrganisationFactory
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory

KIND = "exhibit"
# One criterion of two sub-items (weighted 60/40), out of 10, passing at 5.
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


@pytest.fixture
def completed():
    """The fake owner: what it shows reviewers, and the completions it was told of."""
    told = []
    subjects.register(
        subjects.SubjectKind(
            kind=KIND,
            summary=lambda dossier, assignment: subjects.SubjectSummary(
                html=mark_safe('<p data-testid="exhibit">นิทรรศการโคมไฟ</p>')
            ),
            on_completed=lambda dossier, by: told.append((dossier.subject_id, by)),
        )
    )
    yield told
    subjects.unregister(KIND)


def test_the_engine_evaluates_a_subject_that_is_not_a_proposal(db, completed, secretariat_user):
    officer = secretariat_user
    owner = OrganisationFactory()
    dossier = services.open_dossier(
        subject_kind=KIND,
        subject_id=7,
        label_th="ผลงานหมายเลข 7",
        label_en="Exhibit #7",
        title_th="โคมไฟไม้ไผ่",
        title_en="Bamboo lamp",
        organisation=owner,
        domains=["economy"],
        criteria=RUBRIC,
        by=officer,
    )
    phase = PhaseFactory(reviewers_per_proposal=2, blind=True)
    colleague = ReviewerFactory(organisation=owner)
    experts = [ReviewerFactory(expertise=["economy"]), ReviewerFactory(expertise=["economy"])]
    ReviewerFactory(expertise=["mobility"])

    result = services.assign_automatically(phase=phase, dossiers=[dossier], due_on=DUE, by=officer)

    # The conflict rule read the dossier's organisation; expertise matched its domains.
    assert {a.reviewer for a in result.assigned} == set(experts)
    assert selectors.active_conflict_user_ids(KIND, 7) == {colleague.user_id}

    # A reviewer opens the sheet: the owner's summary and the blind label, nothing written.
    first, second = sorted(result.assigned, key=lambda a: a.pk)
    client = Client()
    client.force_login(first.reviewer.user)
    page = client.get(reverse("reviews:score_sheet", args=[first.pk]))
    assert page.status_code == 200
    assert 'data-testid="exhibit"' in page.text
    assert "ผลงานหมายเลข 7" in page.text
    assert "โคมไฟไม้ไผ่" not in page.text
    assert not Review.objects.filter(assignment=first).exists()

    for assignment, (finish, originality) in ((first, (10, 5)), (second, (6, 4))):
        review = services.start_review(assignment=assignment, by=assignment.reviewer.user)
        review = services.save_review_draft(
            review=review,
            revision=review.revision,
            by=assignment.reviewer.user,
            scores=[
                {"criterion": "craft", "item": 1, "score": finish, "comment": "ดี"},
                {"criterion": "craft", "item": 2, "score": originality, "comment": "ดี"},
            ],
            recommendation="approve",
            domain_assessments={"economy": "ส่งเสริมรายได้ชุมชน"},
        )
        assert services.submit_review(review=review, by=assignment.reviewer.user).state == (
            ReviewState.SUBMITTED
        )

    # 10*0.6 + 5*0.4 = 80%; 6*0.6 + 4*0.4 = 52%.
    aggregate = selectors.dossier_aggregate(dossier)
    assert (aggregate.reviews, aggregate.mean, aggregate.low, aggregate.high) == (
        2,
        Decimal("66.00"),
        Decimal("52.00"),
        Decimal("80.00"),
    )
    assert [(c.criterion, c.passed) for c in aggregate.criteria] == [("craft", True)]
    assert selectors.evaluations(KIND, [7])[7].reviews == 2

    with pytest.raises(services.EvaluationError):
        services.complete_evaluation(dossier=dossier, by=officer)  # no summary yet
    assert completed == []
    services.write_summary(dossier=dossier, recommendation="approve", summary="ดี", by=officer)
    services.complete_evaluation(dossier=dossier, by=officer)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.EVALUATED
    assert completed == [(7, officer)]
    assert selectors.summaries_for(KIND, [7])[7].recommendation == "approve"
