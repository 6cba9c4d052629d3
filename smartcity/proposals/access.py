"""Fetching a proposal together with the access decision, in one place."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from smartcity.proposals.models import Proposal


def get_proposal_for(
    user, pk: int, perm: str = "proposals.view_proposal", queryset=None
) -> Proposal:
    """The proposal if `user` may `perm` it. Someone who may not even see it gets 404 (an
    outsider must not learn that another city's draft exists); someone who may see it but
    not do `perm` gets 403."""
    proposal = (
        (queryset or Proposal.objects.select_related("organisation", "call")).filter(pk=pk).first()
    )
    if proposal is None or not user.has_perm("proposals.view_proposal", proposal):
        raise Http404
    if perm != "proposals.view_proposal" and not user.has_perm(perm, proposal):
        raise PermissionDenied
    return proposal
