from django.utils.translation import gettext as _

from smartcity.core.i18n import localised


def proposal_label(assignment, *, hide_identity: bool) -> str:
    """What a reviewer calls the proposal: its name, or in a blind phase a neutral label
    that says nothing of the proponent. Pages and emails to reviewers use this alone."""
    proposal = assignment.proposal
    if hide_identity:
        return _("Proposal #%(pk)s") % {"pk": proposal.pk}
    return localised(proposal, "name") or _("Untitled proposal")
