"""The proposal's state machine. `transition_proposal` is the only function that writes
`Proposal.state`; every other service moves a proposal through it."""

from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.notifications.services import after_commit
from smartcity.proposals import notifications
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal, StateChange
from smartcity.proposals.services.errors import TransitionError

S = ProposalState

# Every allowed move of a proposal's state. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): "submit",
    (S.DRAFT, S.WITHDRAWN): "withdraw",
    (S.SUBMITTED, S.SCREENING): "start_screening",
    (S.SUBMITTED, S.WITHDRAWN): "withdraw",
    (S.SCREENING, S.RETURNED): "screen",
    (S.SCREENING, S.IN_EVALUATION): "screen",
    (S.SCREENING, S.INELIGIBLE): "screen",
    (S.RETURNED, S.RESUBMITTED): "submit",
    (S.RETURNED, S.WITHDRAWN): "withdraw",
    (S.RESUBMITTED, S.SCREENING): "start_screening",
    (S.RESUBMITTED, S.WITHDRAWN): "withdraw",
    # Driven by the review engine (through proposals.evaluation) when the secretariat
    # completes the evaluation of the proposal's dossier.
    (S.IN_EVALUATION, S.EVALUATED): "evaluate",
    # Driven by the committee app when the secretariat releases a meeting's resolutions.
    (S.EVALUATED, S.APPROVED): "decide",
    (S.EVALUATED, S.REVISING): "decide",
    (S.EVALUATED, S.REJECTED): "decide",
    (S.REVISING, S.REVISED): "submit",
    (S.REVISING, S.WITHDRAWN): "withdraw",
    (S.REVISED, S.APPROVED): "decide",
    (S.REVISED, S.REVISING): "decide",
    (S.REVISED, S.REJECTED): "decide",
    (S.APPROVED, S.CERTIFIED): "certify",
}
# Where a submission goes from each editable state.


def locked(proposal: Proposal) -> Proposal:
    """The proposal's row, locked and re-read. Two people acting on one proposal at once
    (two secretariat officers, a double click): the second waits, then sees the first
    one's state."""
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def transition_proposal(
    *, proposal: Proposal, to_state: str, by, note: str = "", reference: dict | None = None
) -> Proposal:
    """Move a proposal to `to_state` if the table allows it from its current state.
    `note` is what a person wrote; `reference` the version or meeting the step refers to
    (StateChange.reference), shown in each reader's language.

    Must run inside a transaction (callers are atomic). Side effects, in order: the row is
    locked and re-read; state saved; a StateChange row (the timeline); an audit row; the
    people concerned are notified after commit. Raises TransitionError otherwise."""
    current = locked(proposal)
    if (current.state, to_state) not in TRANSITIONS:
        if current.state != proposal.state:
            message = _(
                "This proposal was changed to “%(state)s” by someone else a moment ago; your action was not applied."
            ) % {"state": current.get_state_display()}
        else:
            message = _("A proposal that is “%(state)s” cannot be moved to “%(target)s”.") % {
                "state": current.get_state_display(),
                "target": ProposalState(to_state).label,
            }
        raise TransitionError(message)
    previous = current.state
    current.state = to_state
    current.save(update_fields=["state", "updated_at"])
    step = StateChange.objects.create(
        proposal=current,
        from_state=previous,
        to_state=to_state,
        by=by,
        note=note,
        reference=reference or {},
    )
    audit.record(
        action=f"proposals.proposal.{to_state}",
        by=by,
        target=current,
        before={"state": previous},
        after={"state": to_state},
        note="\n".join(filter(None, [step.reference_text(), note])),
    )
    after_commit(
        notifications.state_changed,
        proposal_id=current.pk,
        to_state=to_state,
        event=f"proposals.proposal.{to_state}",
    )
    proposal.state = to_state
    return current
