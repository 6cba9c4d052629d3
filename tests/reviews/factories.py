import datetime as dt

import factory

from smartcity.proposals.models import Proposal
from smartcity.proposals.services import screen_proposal, start_screening, submit_proposal
from smartcity.reviews.models import Dossier, Reviewer, ReviewPhase
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
