"""Submitting a proposal as a frozen version (or resubmitting it), and withdrawing it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.proposals.completeness import check_completeness
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal, ProposalVersion
from smartcity.proposals.services.errors import IncompleteProposal, TransitionError
from smartcity.proposals.services.state import locked, transition_proposal
from smartcity.proposals.snapshots import criteria_snapshot, proposal_snapshot

S = ProposalState
# Where a submission goes from each editable state.
SUBMIT_TARGET = {S.DRAFT: S.SUBMITTED, S.RETURNED: S.RESUBMITTED, S.REVISING: S.REVISED}


@transaction.atomic
def submit_proposal(*, proposal: Proposal, by) -> ProposalVersion:
    """Submit a complete draft, or resubmit a returned proposal, as a new frozen version.

    Side effects, in order: row locked; completeness checked against the call's criteria
    set (IncompleteProposal names every missing item); criteria frozen into the proposal
    on first submission; a ProposalVersion with the content; state moved to submitted or
    resubmitted (timeline, audit, notifications)."""
    current = locked(proposal)
    if current.state not in S.editable():
        raise TransitionError(
            _("This proposal was already submitted (it is now “%(state)s”).")
            % {"state": current.get_state_display()}
        )
    criteria_set = current.call.criteria_set
    frozen = current.frozen_criteria or criteria_snapshot(criteria_set)
    missing = check_completeness(current, frozen)
    if missing:
        raise IncompleteProposal(missing)
    now = timezone.now()
    current.frozen_criteria = frozen
    current.version_number += 1
    current.submitted_at = now
    current.information_due_on = None
    current.save(
        update_fields=[
            "frozen_criteria",
            "version_number",
            "submitted_at",
            "information_due_on",
            "updated_at",
        ]
    )
    version = ProposalVersion.objects.create(
        proposal=current,
        number=current.version_number,
        submitted_at=now,
        submitted_by=by,
        content=proposal_snapshot(current),
        criteria=frozen,
    )
    target = SUBMIT_TARGET[current.state]
    transition_proposal(
        proposal=current, to_state=target, by=by, reference={"version": version.number}
    )
    proposal.refresh_from_db()
    return version


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, by, reason: str = "") -> Proposal:
    return transition_proposal(proposal=proposal, to_state=S.WITHDRAWN, by=by, note=reason)
