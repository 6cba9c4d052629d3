"""The refusals of proposal actions; each message is for the person acting."""

from django.utils.translation import gettext as _

from smartcity.core.errors import ActionRefused


class ProposalError(ActionRefused):
    """A proposal action that cannot be done; the message is for the person acting."""


class TransitionError(ProposalError):
    pass


class IncompleteProposal(ProposalError):
    def __init__(self, missing: dict[str, list[str]]):
        self.missing = missing
        super().__init__(_("The proposal is not complete yet."))


class StaleRevision(ProposalError):
    """Someone saved the draft after this person loaded it."""
