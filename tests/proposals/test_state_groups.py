"""The groups of proposal states, and who may do what with a proposal in every state."""

import pytest

from smartcity.accounts.enums import MembershipRole
from smartcity.proposals.enums import ProposalState as S
from tests.accounts.factories import UserFactory
from tests.proposals.factories import ProposalFactory, member

# Moving a state in or out of a group is a decision: change this table with it.
GROUPS = {
    "editable": {S.DRAFT, S.RETURNED, S.REVISING},
    "withdrawable": {S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.REVISING},
    "awaiting_screening": {S.SUBMITTED, S.RESUBMITTED},
    "screenable": {S.SUBMITTED, S.RESUBMITTED, S.SCREENING},
    "asked_of_proponent": {S.RETURNED, S.REVISING},
    "awaiting_decision": {S.EVALUATED, S.REVISED},
    "dropped": {S.WITHDRAWN, S.INELIGIBLE},
    "seen_by_secretariat": set(S) - {S.DRAFT},
    "told_to_proponent": {
        S.SUBMITTED,
        S.RESUBMITTED,
        S.RETURNED,
        S.IN_EVALUATION,
        S.INELIGIBLE,
        S.APPROVED,
        S.REVISING,
        S.REVISED,
        S.REJECTED,
    },
    "told_to_secretariat": {S.SUBMITTED, S.RESUBMITTED, S.REVISED, S.WITHDRAWN},
    "decided": {S.APPROVED, S.REVISING, S.REJECTED, S.CERTIFIED},
    "screened_out": {S.RETURNED, S.INELIGIBLE},
}


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_group_holds_the_states_of_the_table(name):
    assert getattr(S, name)() == GROUPS[name]


def test_every_group_on_the_enum_is_in_the_table():
    defined = {n for n, v in vars(S).items() if isinstance(v, classmethod)}
    assert defined == set(GROUPS)


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(S))
def test_who_may_do_what_with_a_proposal_in_each_state(state):
    proposal = ProposalFactory(state=state)
    owner = member(proposal.organisation, role=MembershipRole.OWNER)
    editor = member(proposal.organisation, role=MembershipRole.EDITOR)
    viewer = member(proposal.organisation, role=MembershipRole.VIEWER)
    officer = UserFactory(is_secretariat=True)
    outsider = UserFactory()
    people = {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "officer": officer,
        "outsider": outsider,
    }
    editable = state in {S.DRAFT, S.RETURNED, S.REVISING}
    withdrawable = state in {S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.REVISING}
    screenable = state in {S.SUBMITTED, S.RESUBMITTED, S.SCREENING}
    expected = {
        "view_proposal": {"owner", "editor", "viewer", "officer"},
        "edit_proposal": {"owner", "editor"} if editable else set(),
        "submit_proposal": {"owner", "editor"} if editable else set(),
        "withdraw_proposal": {"owner"} if withdrawable else set(),
        "screen_proposal": {"officer"} if screenable else set(),
    }
    allowed = {
        perm: {who for who, user in people.items() if user.has_perm(f"proposals.{perm}", proposal)}
        for perm in expected
    }
    assert allowed == expected
