"""The agenda: which proposals may go on it, members recused from an item (found
automatically or recorded by the secretariat), the order of items, and the agenda frozen
once the meeting closes."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Membership
from smartcity.certification.agenda import approval_of
from smartcity.committee.enums import CommitteeKind, ItemKind, MeetingStatus, Outcome
from smartcity.committee.models import AgendaItem, Recusal
from smartcity.committee.services.agenda import (
    add_information_item,
    move_item,
    recuse_member,
    remove_item,
)
from smartcity.committee.services.meetings import (
    MeetingError,
    cancel_meeting,
    close_meeting,
    schedule_meeting,
)
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import record_resolution
from smartcity.core.models import AuditEntry
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.reviews.enums import ConflictSource
from smartcity.reviews.models import Conflict
from tests.accounts.factories import UserFactory
from tests.committee.factories import (
    add_proposal_item,
    committee,
    eligible_proposals,
    evaluated,
    meeting_in_session,
)
from tests.reviews.factories import ReviewerFactory, dossier_of

S = ProposalState


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def positions(meeting):
    return list(meeting.items.order_by("position").values_list("position", "title_th"))


def decided(officer, proposal, outcome, **details):
    """`proposal` through a sub-committee meeting with `outcome`, released."""
    meeting = meeting_in_session(officer)
    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)
    record_resolution(item=item, outcome=outcome, by=officer, **details)
    close_meeting(meeting=meeting, by=officer)
    release_results(meeting=meeting, by=officer)
    proposal.refresh_from_db()
    return meeting


def approved(officer):
    proposal = evaluated(officer)
    decided(officer, proposal, Outcome.APPROVE, domains=["mobility"])
    return proposal


# --------------------------------------------------------------------------------------
# Eligibility
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", S.values)
def test_the_sub_committee_decides_evaluated_and_revised_proposals_only(officer, state):
    proposal = evaluated(officer)
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    meeting = meeting_in_session(officer)

    eligible = list(eligible_proposals(meeting))

    assert (eligible == [proposal]) is (state in {S.EVALUATED, S.REVISED})


@pytest.mark.parametrize("state", [s for s in S.values if s not in {S.EVALUATED, S.REVISED}])
def test_an_ineligible_proposal_is_refused_naming_its_state(officer, state):
    proposal = evaluated(officer)
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    meeting = meeting_in_session(officer)

    with pytest.raises(MeetingError) as error:
        add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    label = S(state).label
    assert str(error.value) == f"A proposal that is “{label}” cannot go on this committee's agenda."
    assert meeting.items.count() == 0


def test_the_steering_committee_acknowledges_released_approvals(officer):
    proposal = approved(officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)

    item = add_proposal_item(meeting=steering, proposal=proposal, by=officer)

    assert list(eligible_proposals(steering)) == []  # now on this agenda
    assert item.kind == ItemKind.FOR_INFORMATION
    assert approval_of(item.subject_id).outcome == Outcome.APPROVE
    assert item.title_en.startswith("Acknowledge the sub-committee's approval")


def test_the_steering_committee_never_sees_an_approval_that_was_not_released(officer):
    proposal = evaluated(officer)
    Proposal.objects.filter(pk=proposal.pk).update(state=S.APPROVED)
    proposal.refresh_from_db()
    steering = meeting_in_session(officer, CommitteeKind.STEERING)

    assert list(eligible_proposals(steering)) == []
    with pytest.raises(MeetingError, match="approval of this proposal is not released"):
        add_proposal_item(meeting=steering, proposal=proposal, by=officer)


def test_an_evaluated_proposal_is_not_for_the_steering_committee(officer):
    proposal = evaluated(officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)

    assert list(eligible_proposals(steering)) == []
    with pytest.raises(MeetingError, match="“Evaluated” cannot go on this committee's agenda"):
        add_proposal_item(meeting=steering, proposal=proposal, by=officer)


def test_a_proposal_is_on_one_open_agenda_of_a_committee_at_a_time(officer):
    proposal = evaluated(officer)
    first = meeting_in_session(officer)
    second = meeting_in_session(officer)
    add_proposal_item(meeting=first, proposal=proposal, by=officer)

    assert list(eligible_proposals(second)) == []
    with pytest.raises(MeetingError, match="already on the agenda of meeting 1/2569"):
        add_proposal_item(meeting=second, proposal=proposal, by=officer)
    # Nor twice on the same agenda.
    with pytest.raises(MeetingError, match="already on the agenda of meeting 1/2569"):
        add_proposal_item(meeting=first, proposal=proposal, by=officer)
    assert AgendaItem.objects.filter(subject_id=proposal.pk).count() == 1


def test_a_deferred_proposal_is_free_again_once_the_meeting_is_released(officer):
    proposal = evaluated(officer)
    first = meeting_in_session(officer)
    item = add_proposal_item(meeting=first, proposal=proposal, by=officer)
    record_resolution(item=item, outcome=Outcome.DEFER, by=officer)
    close_meeting(meeting=first, by=officer)
    second = meeting_in_session(officer)

    waiting = list(eligible_proposals(second))  # closed, not released: still busy
    release_results(meeting=first, by=officer)
    after_release = list(eligible_proposals(second))

    proposal.refresh_from_db()
    assert (waiting, after_release, proposal.state) == ([], [proposal], S.EVALUATED)
    assert add_proposal_item(meeting=second, proposal=proposal, by=officer).position == 1


def test_a_cancelled_meeting_frees_its_proposals(officer):
    proposal = evaluated(officer)
    board = committee()
    first = schedule_meeting(
        committee=board, held_on=dt.date(2026, 11, 20), place="ดีป้า", by=officer
    )
    add_proposal_item(meeting=first, proposal=proposal, by=officer)

    cancel_meeting(meeting=first, reason="เลื่อนการประชุม", by=officer)

    second = meeting_in_session(officer)
    assert list(eligible_proposals(second)) == [proposal]


# --------------------------------------------------------------------------------------
# Recusals
# --------------------------------------------------------------------------------------


def test_a_member_of_the_proponent_organisation_is_recused_automatically(officer):
    proposal = evaluated(officer)
    meeting = meeting_in_session(officer)
    seat = meeting.committee.members.order_by("pk")[2]
    Membership.objects.create(
        user=seat.user, organisation=proposal.organisation, role=MembershipRole.EDITOR
    )

    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    recusal = Recusal.objects.get(item=item)
    assert (recusal.member, recusal.automatic, recusal.reason) == (
        seat,
        True,
        "Member of the proponent organisation",
    )


def test_a_reviewer_with_an_undismissed_conflict_is_recused_automatically(officer):
    proposal = evaluated(officer)
    meeting = meeting_in_session(officer)
    seat = meeting.committee.members.order_by("pk")[3]
    reviewer = ReviewerFactory(user=seat.user)
    Conflict.objects.create(
        reviewer=reviewer, dossier=dossier_of(proposal), source=ConflictSource.SAME_PROVINCE
    )

    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    assert list(item.recusals.values_list("member", "automatic", "reason")) == [
        (seat.pk, True, "Conflict of interest recorded in the evaluation")
    ]


def test_a_dismissed_conflict_recuses_nobody(officer):
    proposal = evaluated(officer)
    meeting = meeting_in_session(officer)
    seat = meeting.committee.members.order_by("pk")[3]
    Conflict.objects.create(
        reviewer=ReviewerFactory(user=seat.user),
        dossier=dossier_of(proposal),
        source=ConflictSource.SAME_PROVINCE,
        dismissed_at=timezone.now(),
        dismissal_reason="คนละหน่วยงาน",
    )

    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    assert item.recusals.count() == 0


def test_a_conflict_on_another_proposal_recuses_nobody(officer):
    proposal, other = evaluated(officer), evaluated(officer)
    meeting = meeting_in_session(officer)
    seat = meeting.committee.members.order_by("pk")[3]
    Conflict.objects.create(
        reviewer=ReviewerFactory(user=seat.user),
        dossier=dossier_of(other),
        source=ConflictSource.DECLARED,
    )

    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    assert item.recusals.count() == 0


def test_a_manual_recusal_needs_a_reason(officer):
    meeting = meeting_in_session(officer)
    item = add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้า", by=officer)
    seat = meeting.committee.members.first()

    with pytest.raises(MeetingError, match="Give the reason for the recusal"):
        recuse_member(item=item, member=seat, reason="   ", by=officer)

    assert item.recusals.count() == 0


def test_a_manual_recusal_is_recorded_and_audited(officer):
    meeting = meeting_in_session(officer)
    item = add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้า", by=officer)
    seat = meeting.committee.members.first()

    recusal = recuse_member(item=item, member=seat, reason=" เป็นที่ปรึกษาโครงการ ", by=officer)

    assert (recusal.reason, recusal.automatic, recusal.recorded_by) == (
        "เป็นที่ปรึกษาโครงการ",
        False,
        officer,
    )
    entry = AuditEntry.objects.for_object(meeting).get(action="committee.agenda.recused")
    assert (entry.after, entry.note) == (
        {"item": item.pk, "member": seat.pk},
        "เป็นที่ปรึกษาโครงการ",
    )


def test_a_member_of_another_committee_cannot_be_recused_here(officer):
    meeting = meeting_in_session(officer)
    item = add_information_item(meeting=meeting, title_th="รายงาน", by=officer)
    stranger = committee(CommitteeKind.STEERING).members.first()

    with pytest.raises(MeetingError, match="does not sit on this committee"):
        recuse_member(item=item, member=stranger, reason="ขัดกัน", by=officer)


def test_no_recusal_once_the_results_are_released(officer):
    meeting = meeting_in_session(officer)
    item = add_information_item(meeting=meeting, title_th="รายงาน", by=officer)
    close_meeting(meeting=meeting, by=officer)
    release_results(meeting=meeting, by=officer)

    with pytest.raises(MeetingError, match="The meeting is over"):
        recuse_member(
            item=item, member=meeting.committee.members.first(), reason="ขัดกัน", by=officer
        )


# --------------------------------------------------------------------------------------
# Order of items; the agenda frozen after close
# --------------------------------------------------------------------------------------


@pytest.fixture
def agenda(officer):
    meeting = meeting_in_session(officer)
    for title in ("หนึ่ง", "สอง", "สาม", "สี่"):
        add_information_item(meeting=meeting, title_th=title, by=officer)
    return meeting


def item(meeting, title):
    return meeting.items.get(title_th=title)


def test_items_are_numbered_in_the_order_they_are_added(agenda):
    assert positions(agenda) == [(1, "หนึ่ง"), (2, "สอง"), (3, "สาม"), (4, "สี่")]


def test_moving_an_item_swaps_it_with_its_neighbour(agenda, officer):
    move_item(item=item(agenda, "สาม"), up=True, by=officer)
    move_item(item=item(agenda, "หนึ่ง"), up=False, by=officer)

    assert positions(agenda) == [(1, "สาม"), (2, "หนึ่ง"), (3, "สอง"), (4, "สี่")]


def test_moving_the_first_item_up_or_the_last_down_changes_nothing(agenda, officer):
    move_item(item=item(agenda, "หนึ่ง"), up=True, by=officer)
    move_item(item=item(agenda, "สี่"), up=False, by=officer)

    assert positions(agenda) == [(1, "หนึ่ง"), (2, "สอง"), (3, "สาม"), (4, "สี่")]


def test_removing_an_item_moves_the_later_ones_up(agenda, officer):
    remove_item(item=item(agenda, "สอง"), by=officer)

    assert positions(agenda) == [(1, "หนึ่ง"), (2, "สาม"), (3, "สี่")]
    entry = AuditEntry.objects.for_object(agenda).get(action="committee.agenda.item_removed")
    assert entry.before["title"] == "สอง"


def test_an_item_added_after_a_removal_takes_the_next_position(agenda, officer):
    remove_item(item=item(agenda, "หนึ่ง"), by=officer)

    added = add_information_item(meeting=agenda, title_th="ห้า", by=officer)

    assert added.position == 4
    assert positions(agenda) == [(1, "สอง"), (2, "สาม"), (3, "สี่"), (4, "ห้า")]


def test_a_removed_item_cannot_be_moved(agenda, officer):
    gone = item(agenda, "สอง")
    remove_item(item=gone, by=officer)

    with pytest.raises(MeetingError, match="This item is no longer on the agenda"):
        move_item(item=gone, up=True, by=officer)


def test_an_item_with_a_resolution_stays_on_the_agenda(agenda, officer):
    record_resolution(item=item(agenda, "สอง"), outcome=Outcome.NOTED, by=officer)

    with pytest.raises(MeetingError, match="This item has a resolution"):
        remove_item(item=item(agenda, "สอง"), by=officer)

    assert len(positions(agenda)) == 4


def test_an_information_item_needs_a_thai_title(officer):
    meeting = meeting_in_session(officer)

    with pytest.raises(MeetingError, match="Give the item's title in Thai"):
        add_information_item(meeting=meeting, title_th="  ", title_en="Progress", by=officer)


@pytest.mark.parametrize(
    "action",
    [
        "add_proposal",
        "add_information",
        "remove",
        "move",
    ],
)
def test_the_agenda_is_frozen_once_the_meeting_closes(agenda, officer, action):
    proposal = evaluated(officer)
    close_meeting(meeting=agenda, by=officer)
    before = positions(agenda)
    act = {
        "add_proposal": lambda: add_proposal_item(meeting=agenda, proposal=proposal, by=officer),
        "add_information": lambda: add_information_item(meeting=agenda, title_th="เพิ่ม", by=officer),
        "remove": lambda: remove_item(item=item(agenda, "สอง"), by=officer),
        "move": lambda: move_item(item=item(agenda, "สอง"), up=True, by=officer),
    }[action]

    with pytest.raises(MeetingError, match="The agenda of a closed meeting cannot change"):
        act()

    agenda.refresh_from_db()
    assert (agenda.status, positions(agenda)) == (MeetingStatus.CLOSED, before)
