"""A sub-committee meeting in session with three items, one of them a proposal a member is
recused from, and the people who look at it."""

import datetime as dt
from dataclasses import dataclass

from django.test import Client

from smartcity.accounts.models import Membership
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import AgendaItem, CommitteeMember, Meeting
from smartcity.committee.services.agenda import add_information_item
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.state import transition_proposal
from smartcity.reviews.models import SummaryRecommendation
from tests.committee.factories import add_proposal_item, committee, evaluated, meeting_in_session
from tests.reviews.factories import FIRST, PERFECT, PhaseFactory, dossier_of, reviewed

HELD_ON = dt.date(2026, 11, 20)
SECRET_NAME_TH = "เมืองลับเฉพาะกรรมการ"
SECRET_NAME_EN = "Confidential Smart City"


def client_for(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["smartcity_language"] = language
    return client


def evaluated_with_reviews(officer, *score_sets, recommendation="approve") -> Proposal:
    """An evaluated proposal with submitted reviews (FIRST totals 64, PERFECT 100)."""
    proposal = reviewed(officer, PhaseFactory(), *score_sets)
    SummaryRecommendation.objects.create(
        dossier=dossier_of(proposal),
        recommendation=recommendation,
        summary="ผู้ประเมินเห็นว่าข้อเสนอมีความพร้อม",
        written_by=officer,
    )
    transition_proposal(proposal=proposal, to_state=ProposalState.EVALUATED, by=officer)
    proposal.refresh_from_db()
    return proposal


@dataclass
class World:
    meeting: Meeting
    open_item: AgendaItem  # item 1: everyone sees it
    secret_item: AgendaItem  # item 2: `recused` takes no part in it
    info_item: AgendaItem  # item 3: for information
    open_proposal: Proposal
    secret_proposal: Proposal
    member: CommitteeMember  # invited, recused from nothing
    recused: CommitteeMember  # invited, recused from item 2 (proponent's staff)
    other_member: CommitteeMember  # sits on the steering committee only


def build_world(officer) -> World:
    sub = committee(CommitteeKind.SUB_COMMITTEE)
    seats = list(sub.members.select_related("user").order_by("pk"))
    open_proposal = evaluated_with_reviews(officer, FIRST, PERFECT)  # mean 82
    secret_proposal = evaluated(officer)
    secret_proposal.name_th, secret_proposal.name_en = SECRET_NAME_TH, SECRET_NAME_EN
    secret_proposal.save(update_fields=["name_th", "name_en"])
    recused = seats[-1]
    Membership.objects.create(
        user=recused.user, organisation=secret_proposal.organisation, role="viewer"
    )
    meeting = meeting_in_session(officer, held_on=HELD_ON)
    open_item = add_proposal_item(meeting=meeting, proposal=open_proposal, by=officer)
    secret_item = add_proposal_item(meeting=meeting, proposal=secret_proposal, by=officer)
    info_item = add_information_item(
        meeting=meeting, title_th="รายงานความก้าวหน้า", title_en="Progress report", by=officer
    )
    steering = committee(CommitteeKind.STEERING)
    return World(
        meeting=meeting,
        open_item=open_item,
        secret_item=secret_item,
        info_item=info_item,
        open_proposal=open_proposal,
        secret_proposal=secret_proposal,
        member=seats[2],
        recused=recused,
        other_member=steering.members.select_related("user").first(),
    )
