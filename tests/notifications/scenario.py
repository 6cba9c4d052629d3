"""Proposals in the states the notification tests need, made through the services."""

import datetime as dt

from smartcity.proposals.models import Proposal
from smartcity.proposals.services.screening import MissingItem, screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal
from tests.proposals.factories import ProposalFactory, complete, member


def returned(officer, *, due_on: dt.date, **proposal_fields) -> Proposal:
    """A complete proposal submitted, then returned for information due on `due_on`."""
    proposal = complete(ProposalFactory(**proposal_fields))
    submit_proposal(proposal=proposal, by=member(proposal.organisation))
    start_screening(proposal=proposal, by=officer)
    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=due_on,
        by=officer,
    )
    proposal.refresh_from_db()
    return proposal
