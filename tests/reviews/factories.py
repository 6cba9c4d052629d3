import datetime as dt

import factory

from smartcity.proposals.models import Proposal
from smartcity.proposals.services.screening import screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal
from smartcity.reviews.models import Dossier, Review, Reviewer, ReviewPhase
from smartcity.reviews.services import (
    assign_reviewer,
    save_review_draft,
    start_review,
    submit_review,
)
from tests.accounts.factories import UserFactory
from tests.proposals.factories import ProposalFactory, complete, member

DUE = dt.date(2030, 1, 31)


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    user = factory.SubFactory(UserFactory)
    organisation_name = factory.Sequence(lambda n: f"มหาวิทยาลัยทดสอบ {n}")
    expertise = factory.LazyFunction(lambda: ["mobility"])
    max_load = 5


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewPhase

    name_th = "การประเมินรอบที่ 1/2570"
    name_en = "Evaluation round 1/2027"
    status = "open"
    reviewers_per_proposal = 2


def in_evaluation(officer, **complete_kwargs):
    """A complete proposal submitted, screened and passed to evaluation."""
    proposal = complete(ProposalFactory(), **complete_kwargs)
    submit_proposal(proposal=proposal, by=member(proposal.organisation))
    start_screening(proposal=proposal, by=officer)
    screen_proposal(proposal=proposal, outcome="pass", by=officer)
    proposal.refresh_from_db()
    return proposal


def dossier_of(proposal) -> Dossier:
    """The evaluation dossier the proposals' adapter opened for `proposal`."""
    return Dossier.objects.get(subject_kind="proposal", subject_id=proposal.pk)


def dossiers_of(proposals) -> list[Dossier]:
    return [dossier_of(p) for p in proposals]


def proposal_of(assignment):
    """The proposal an assignment's dossier evaluates."""
    return Proposal.objects.get(pk=assignment.dossier.subject_id)


# Sub-item scores of the default criteria set (items weighted 40/40/20, 50/50, 40/30/30,
# 60/40, 50/50; each criterion weighs 20%, out of 10, passes at 6).
FIRST = {
    ("area_vision", 1): 8, ("area_vision", 2): 6, ("area_vision", 3): 5,  # 32+24+10 = 66%
    ("infrastructure", 1): 7, ("infrastructure", 2): 5,  # 35+25 = 60% (passes exactly)
    ("data_platform", 1): 5, ("data_platform", 2): 5, ("data_platform", 3): 5,  # 50%
    ("services", 1): 9, ("services", 2): 10,  # 54+40 = 94%
    ("management", 1): 4, ("management", 2): 6,  # 20+30 = 50%
}  # fmt: skip
PERFECT = dict.fromkeys(FIRST, 10)


def fill(review, scores, by, recommendation="approve"):
    return save_review_draft(
        review=review,
        revision=review.revision,
        by=by,
        scores=[
            {"criterion": c, "item": i, "score": s, "comment": "เหตุผลประกอบ"}
            for (c, i), s in scores.items()
        ],
        recommendation=recommendation,
        domain_assessments={"mobility": "ดี", "environment": "พอใช้"},
    )


def reviewed(officer, phase, *score_sets):
    proposal = in_evaluation(officer)
    for scores in score_sets:
        reviewer = ReviewerFactory()
        assignment = assign_reviewer(
            phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
        )
        review = fill(start_review(assignment=assignment, by=reviewer.user), scores, reviewer.user)
        submit_review(review=review, by=reviewer.user)
    return proposal


def items(proposal) -> list[tuple[str, int, int]]:
    """(criterion, position, max score) of every sub-item of the proposal's frozen criteria."""
    return [
        (c["code"], position, c["max_score"])
        for c in proposal.frozen_criteria["criteria"]
        for position in range(1, len(c["items"] or [None]) + 1)
    ]


def sheet(proposal, revision: int, *, score=7, comment="เหตุผลประกอบ", **extra) -> dict:
    """The score sheet as the browser posts it, every sub-item scored."""
    data = {"revision": revision, "recommendation": "approve", "conditions": ""}
    for code, position, _max in items(proposal):
        data[f"score-{code}-{position}"] = score
        data[f"comment-{code}-{position}"] = comment
    for domain in proposal.solutions.values_list("domain", flat=True):
        data[f"domain-{domain}"] = "ตอบโจทย์พื้นที่"
    return {**data, **extra}


def fill_and_submit(assignment, score=7) -> Review:
    """A complete review, through the services, as another reviewer would leave it."""
    user = assignment.reviewer.user
    review = start_review(assignment=assignment, by=user)
    review = save_review_draft(
        review=review,
        revision=review.revision,
        by=user,
        scores=[
            {"criterion": code, "item": position, "score": score, "comment": "ดี"}
            for code, position, _max in items(proposal_of(assignment))
        ],
        recommendation="approve",
        domain_assessments=dict.fromkeys(
            proposal_of(assignment).solutions.values_list("domain", flat=True), "ดี"
        ),
    )
    return submit_review(review=review, by=user)
