"""The secretariat's screening: taking a submitted proposal in, deciding (pass to
evaluation, return for information, ineligible), and moving a returned proposal's due
date for the missing information."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit, dates
from smartcity.notifications.services import after_commit
from smartcity.proposals import evaluation, notifications
from smartcity.proposals.enums import ProposalState, ScreeningOutcome
from smartcity.proposals.models import Proposal, ScreeningDecision, StateChange
from smartcity.proposals.services.errors import ProposalError, TransitionError
from smartcity.proposals.services.state import locked, transition_proposal

S = ProposalState


@transaction.atomic
def start_screening(*, proposal: Proposal, by) -> Proposal:
    """The secretariat takes a submitted proposal into screening."""
    return transition_proposal(proposal=proposal, to_state=S.SCREENING, by=by)


@dataclass(frozen=True)
class MissingItem:
    criterion: str
    text: str


@transaction.atomic
def screen_proposal(
    *,
    proposal: Proposal,
    outcome: str,
    by,
    checklist: dict | None = None,
    missing_items: list[MissingItem] | None = None,
    due_on: dt.date | None = None,
    reason: str = "",
) -> ScreeningDecision:
    """Record the secretariat's screening of the latest version and act on it: pass to
    evaluation, return for information (naming the missing items and a due date), or
    declare ineligible (with a reason). Side effects: a ScreeningDecision; the state
    transition (timeline, audit, notification of the proponent)."""
    missing_items = missing_items or []
    if outcome == ScreeningOutcome.RETURN:
        if not missing_items:
            raise ProposalError(_("Name at least one missing item when returning a proposal."))
        if due_on is None or due_on < timezone.localdate():
            raise ProposalError(_("Give a due date that is not in the past."))
    if outcome == ScreeningOutcome.INELIGIBLE and not reason.strip():
        raise ProposalError(_("Give the reason the proposal is ineligible."))
    to_state = {
        ScreeningOutcome.PASS: S.IN_EVALUATION,
        ScreeningOutcome.RETURN: S.RETURNED,
        ScreeningOutcome.INELIGIBLE: S.INELIGIBLE,
    }[ScreeningOutcome(outcome)]
    current = transition_proposal(proposal=proposal, to_state=to_state, by=by, note=reason)
    if to_state == S.IN_EVALUATION:
        evaluation.open_dossier(proposal=current, by=by)
    version = current.versions.order_by("-number").first()
    decision = ScreeningDecision.objects.create(
        proposal=current,
        version=version,
        outcome=outcome,
        checklist=checklist or {},
        missing_items=[{"criterion": m.criterion, "text": m.text} for m in missing_items],
        due_on=due_on if outcome == ScreeningOutcome.RETURN else None,
        reason=reason,
        decided_by=by,
    )
    if outcome == ScreeningOutcome.RETURN:
        current.information_due_on = due_on
        current.save(update_fields=["information_due_on"])
    audit.record(
        action="proposals.screening.decided",
        by=by,
        target=current,
        after={
            "outcome": outcome,
            "version": version.number,
            "missing_items": decision.missing_items,
            "due_on": due_on,
        },
    )
    return decision


def check_new_due_date(*, current: dt.date | None, due_on: dt.date | None, reason: str) -> None:
    """core.dates.check_new_due_date(), refusing with a ProposalError."""
    dates.check_new_due_date(current=current, due_on=due_on, reason=reason, error=ProposalError)


@transaction.atomic
def extend_information_due(*, proposal: Proposal, due_on: dt.date, reason: str, by) -> Proposal:
    """Give the proponent of a returned proposal more time to send the missing
    information, with a reason (check_new_due_date() says which dates are accepted).

    Side effects, in order: the row locked (two officers, or a double click: the second
    sees the date the first set); `information_due_on` saved; a timeline row the
    proponent sees (same state, the new date, the reason); an audit row with the old and
    new dates; after the commit, an email to the proponent's owners and editors, each in
    their language."""
    current = locked(proposal)
    if current.state != S.RETURNED:
        raise TransitionError(
            _(
                "Only a returned proposal has an information due date to move; this one is “%(state)s”."
            )
            % {"state": current.get_state_display()}
        )
    check_new_due_date(current=current.information_due_on, due_on=due_on, reason=reason)
    previous = current.information_due_on
    current.information_due_on = due_on
    current.save(update_fields=["information_due_on", "updated_at"])
    StateChange.objects.create(
        proposal=current,
        from_state=current.state,
        to_state=current.state,
        by=by,
        note=reason.strip(),
        due_on=due_on,
    )
    audit.record(
        action="proposals.proposal.information_due_extended",
        by=by,
        target=current,
        before={"information_due_on": previous},
        after={"information_due_on": due_on},
        note=reason.strip(),
    )
    after_commit(
        notifications.information_due_moved,
        proposal_id=current.pk,
        event="proposals.proposal.information_due_extended",
    )
    proposal.information_due_on = due_on
    return current
