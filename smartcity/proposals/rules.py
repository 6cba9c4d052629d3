"""Who may do what with a proposal. Views (and later the API) ask these names only."""

import rules

from smartcity.accounts.rules import can_edit_for, is_member_of, is_owner_of, is_secretariat
from smartcity.proposals.enums import ProposalState


@rules.predicate
def is_proponent_member(user, proposal) -> bool:
    return is_member_of(user, proposal.organisation)


@rules.predicate
def is_proponent_editor(user, proposal) -> bool:
    return can_edit_for(user, proposal.organisation)


@rules.predicate
def is_proponent_owner(user, proposal) -> bool:
    return is_owner_of(user, proposal.organisation)


@rules.predicate
def is_editable(_user, proposal) -> bool:
    return proposal.state in ProposalState.editable()


@rules.predicate
def is_withdrawable(_user, proposal) -> bool:
    return proposal.state in ProposalState.withdrawable()


@rules.predicate
def is_screenable(_user, proposal) -> bool:
    return proposal.state in ProposalState.screenable()


rules.add_perm("proposals.view_proposal", is_proponent_member | is_secretariat)
rules.add_perm("proposals.edit_proposal", is_proponent_editor & is_editable)
rules.add_perm("proposals.submit_proposal", is_proponent_editor & is_editable)
rules.add_perm("proposals.withdraw_proposal", is_proponent_owner & is_withdrawable)
rules.add_perm("proposals.screen_proposal", is_secretariat & is_screenable)
rules.add_perm("proposals.view_queue", is_secretariat)
# Checked against an organisation: starting a proposal on its behalf.
rules.add_perm("proposals.create_proposal", can_edit_for)
