"""Committees with members, meetings in session, and proposals ready for a meeting."""

import datetime as dt

from django.db import transaction

from smartcity.certification.agenda import KIND as APPROVAL
from smartcity.certification.decision import KIND as PROPOSAL
from smartcity.committee.enums import Attendance, CommitteeKind, MemberRole
from smartcity.committee.models import CommitteeMember
from smartcity.committee.services.agenda import add_item, eligible_subjects
from smartcity.committee.services.attendance import record_attendance
from smartcity.committee.services.committees import ensure_committees
from smartcity.committee.services.meetings import open_meeting, schedule_meeting
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.state import transition_proposal
from smartcity.reviews.models import SummaryRecommendation
from tests.accounts.factories import UserFactory
from tests.reviews.factories import dossier_of, in_evaluation

TERM_START = dt.date(2020, 1, 1)


def committee(kind=CommitteeKind.SUB_COMMITTEE, members: int = 5):
    """The standing committee of `kind` with a chair, a secretary and ordinary members
    (all serving since 2020)."""
    result = ensure_committees()[kind]
    if not result.members.exists():
        roles = [MemberRole.CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * (members - 2)
        for number, role in enumerate(roles, 1):
            CommitteeMember.objects.create(
                committee=result,
                user=UserFactory(full_name=f"กรรมการ {kind} {number}"),
                role=role,
                term_starts_on=TERM_START,
            )
    return result


def evaluated(officer, *, recommendation="approve", **complete_kwargs):
    """A proposal the secretariat has finished evaluating, with its summary."""
    proposal = in_evaluation(officer, **complete_kwargs)
    SummaryRecommendation.objects.create(
        dossier=dossier_of(proposal),
        recommendation=recommendation,
        summary="ผู้ประเมินเห็นว่าข้อเสนอมีความพร้อม",
        written_by=officer,
    )
    with transaction.atomic():  # as every caller of the state service is
        transition_proposal(proposal=proposal, to_state=ProposalState.EVALUATED, by=officer)
    proposal.refresh_from_db()
    return proposal


def meeting_in_session(officer, kind=CommitteeKind.SUB_COMMITTEE, held_on=None, present=None):
    """A meeting scheduled, with everyone (or the first `present`) present, opened."""
    board = committee(kind)
    meeting = schedule_meeting(
        committee=board,
        held_on=held_on or dt.date(2026, 11, 20),
        place="ห้องประชุม ดีป้า",
        by=officer,
    )
    rows = list(meeting.attendees.order_by("pk"))
    count = len(rows) if present is None else present
    record_attendance(
        meeting=meeting,
        attendance={
            row.pk: Attendance.PRESENT if i < count else Attendance.ABSENT
            for i, row in enumerate(rows)
        },
        by=officer,
    )
    open_meeting(meeting=meeting, by=officer)
    meeting.refresh_from_db()
    return meeting


def add_proposal_item(*, meeting, proposal, by):
    """Put `proposal` on the agenda as the meeting's committee takes it: for decision by
    the sub-committee, or its approval for the steering committee to acknowledge."""
    kind = APPROVAL if meeting.committee.kind == CommitteeKind.STEERING else PROPOSAL
    return add_item(meeting=meeting, kind=kind, subject_id=proposal.pk, by=by)


def proposal_of(item):
    """The proposal an agenda item is about."""
    return Proposal.objects.get(pk=item.subject_id)


def eligible_proposals(meeting):
    """The proposals the agenda builder offers for `meeting`, in its order."""
    return [Proposal.objects.get(pk=subject.id) for subject in eligible_subjects(meeting)]
