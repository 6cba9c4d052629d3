"""Emails about a proposal, each in its recipient's language. Called after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import User
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal

# Who hears about each new state: the proponent's owners and editors, or the secretariat.
TO_PROPONENT = {
    ProposalState.RETURNED,
    ProposalState.IN_EVALUATION,
    ProposalState.INELIGIBLE,
    ProposalState.SUBMITTED,
    ProposalState.RESUBMITTED,
    ProposalState.APPROVED,
    ProposalState.REVISING,
    ProposalState.REVISED,
    ProposalState.REJECTED,
    ProposalState.CERTIFIED,
}
TO_SECRETARIAT = {
    ProposalState.SUBMITTED,
    ProposalState.RESUBMITTED,
    ProposalState.REVISED,
    ProposalState.WITHDRAWN,
}

# States decided by a committee, and the heading of the note that explains the decision.
DECISIONS = {
    ProposalState.APPROVED: _("Resolution"),
    ProposalState.REVISING: _("Conditions to revise"),
    ProposalState.REJECTED: _("Reasons"),
    ProposalState.CERTIFIED: _("Resolution"),
}


def _recipients(proposal: Proposal, to_state: str) -> list[User]:
    people: dict[int, User] = {}
    if to_state in TO_PROPONENT:
        for user in User.objects.filter(
            is_active=True,
            memberships__organisation=proposal.organisation,
            memberships__role__in=[MembershipRole.OWNER, MembershipRole.EDITOR],
        ):
            people[user.pk] = user
    if to_state in TO_SECRETARIAT:
        for user in User.objects.filter(is_active=True, is_secretariat=True):
            people[user.pk] = user
    return list(people.values())


def state_changed(*, proposal_id: int, to_state: str) -> int:
    """Send one email per person concerned; returns how many were sent."""
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    screening = proposal.screenings.order_by("-decided_at").first()
    # The committee's conditions or reasons travel in the step's note, its meeting in
    # the step's reference (named in each recipient's language).
    step = None
    if to_state in DECISIONS:
        step = proposal.state_changes.filter(to_state=to_state).order_by("-at", "-pk").first()
    sent = 0
    for user in _recipients(proposal, to_state):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "user": user,
                "proposal": proposal,
                "state": ProposalState(to_state),
                "screening": screening
                if to_state in {ProposalState.RETURNED, ProposalState.INELIGIBLE}
                else None,
                "secretariat": user.is_secretariat,
                "decision": "\n".join(filter(None, [step.reference_text(), step.note]))
                if step
                else "",
                "decision_heading": DECISIONS.get(to_state, ""),
            }
            subject = render_to_string("proposals/email/state_changed_subject.txt", context).strip()
            body = render_to_string("proposals/email/state_changed.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent
