"""People with work waiting: a proposal to screen, a late return, an evaluation ready to
complete, an overdue review, a meeting with an item one member is recused from."""

import datetime as dt
from dataclasses import dataclass

from django.test import Client
from django.utils import timezone

from smartcity.accounts.models import User
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.screening import MissingItem, screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal
from smartcity.reviews.enums import ConflictSource
from smartcity.reviews.models import Assignment, Conflict, Dossier
from smartcity.reviews.services import assign_reviewer
from tests.committee.views.world import World, build_world
from tests.proposals.factories import ProposalFactory, complete, member
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of, in_evaluation

LATE_RETURN_TH = "ข้อเสนอที่ส่งข้อมูลเพิ่มเติมล่าช้า"
TO_SCREEN_TH = "ข้อเสนอที่รอการกลั่นกรอง"
TO_SCORE_TH = "ข้อเสนอที่รอการให้คะแนน"


def client_for(user, language: str = "th") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["smartcity_language"] = language
    return client


def submitted(name_th: str) -> Proposal:
    proposal = complete(ProposalFactory(name_th=name_th))
    submit_proposal(proposal=proposal, by=member(proposal.organisation))
    proposal.refresh_from_db()
    return proposal


def returned_late(officer, name_th: str = LATE_RETURN_TH) -> Proposal:
    """Returned for information with a due date that has since passed."""
    proposal = submitted(name_th)
    start_screening(proposal=proposal, by=officer)
    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=timezone.localdate(),
        by=officer,
    )
    # Time passes: the due date is yesterday.
    Proposal.objects.filter(pk=proposal.pk).update(
        information_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    proposal.refresh_from_db()
    return proposal


@dataclass
class People:
    committee: World
    to_screen: Proposal
    late_return: Proposal
    to_score: Proposal
    assignment: Assignment  # overdue
    reviewer: User
    conflicted: User  # a reviewer assigned to `to_score`, then found conflicted
    applicant: User  # of the late return's organisation


def build_people(officer) -> People:
    world = build_world(officer)
    to_screen = submitted(TO_SCREEN_TH)
    late_return = returned_late(officer)
    to_score = in_evaluation(officer)
    to_score.name_th = TO_SCORE_TH
    to_score.save(update_fields=["name_th"])
    # What reviewers are shown is the dossier's title, taken when screening passed.
    Dossier.objects.filter(pk=dossier_of(to_score).pk).update(title_th=TO_SCORE_TH)
    phase = PhaseFactory()
    reviewer, conflicted = ReviewerFactory(), ReviewerFactory()
    assignment = assign_reviewer(
        phase=phase, dossier=dossier_of(to_score), reviewer=reviewer, due_on=DUE, by=officer
    )
    assign_reviewer(
        phase=phase, dossier=dossier_of(to_score), reviewer=conflicted, due_on=DUE, by=officer
    )
    Assignment.objects.filter(pk=assignment.pk).update(due_on=dt.date(2020, 1, 31))
    # The conflict comes to light after the assignment; the assignment row stays.
    Conflict.objects.create(
        reviewer=conflicted, dossier=dossier_of(to_score), source=ConflictSource.SAME_PROVINCE
    )
    return People(
        committee=world,
        to_screen=to_screen,
        late_return=late_return,
        to_score=to_score,
        assignment=assignment,
        reviewer=reviewer.user,
        conflicted=conflicted.user,
        applicant=member(late_return.organisation),
    )
