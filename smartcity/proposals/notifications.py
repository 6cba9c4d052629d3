"""Emails about a proposal, each in its recipient's language. Called after commit."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Organisation, User
from smartcity.core.mail import absolute_url, send_localised_mail
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal

# States decided by a committee, and the heading of the note that explains the decision.
DECISIONS = {
    ProposalState.APPROVED: _("Resolution"),
    ProposalState.REVISING: _("Conditions to revise"),
    ProposalState.REJECTED: _("Reasons"),
}


def proponent_recipients(organisation: Organisation) -> QuerySet[User]:
    """Who hears about the proponent's proposals: its active owners and editors."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role__in=[MembershipRole.OWNER, MembershipRole.EDITOR],
    ).distinct()


def _recipients(proposal: Proposal, to_state: str) -> list[User]:
    people: dict[int, User] = {}
    if to_state in ProposalState.told_to_proponent():
        for user in proponent_recipients(proposal.organisation):
            people[user.pk] = user
    if to_state in ProposalState.told_to_secretariat():
        for user in User.objects.filter(is_active=True, is_secretariat=True):
            people[user.pk] = user
    return list(people.values())


def decision_text(step) -> str:
    """The step's meeting and its note, evaluated when the email is rendered (in the
    recipient's language, which names the meeting in it)."""
    return lazy(lambda: "\n".join(filter(None, [step.reference_text(), step.note])), str)()


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
        # The secretariat works on the proposal from its review page; the proponent's
        # people from the proposal's own page.
        page = (
            "proposals:review"
            if user.is_secretariat and to_state in ProposalState.told_to_secretariat()
            else "proposals:detail"
        )
        sent += send_localised_mail(
            event=f"proposals.proposal.{to_state}",
            to=user,
            subject_template="proposals/email/state_changed_subject.txt",
            body_template="proposals/email/state_changed.txt",
            context={
                "user": user,
                "proposal": proposal,
                "state": ProposalState(to_state),
                "screening": screening if to_state in ProposalState.screened_out() else None,
                "secretariat": page == "proposals:review",
                # Rendered inside the recipient's language, so the meeting reads in it.
                "decision": decision_text(step) if step else "",
                "decision_heading": DECISIONS.get(to_state, ""),
                "url": absolute_url(reverse(page, kwargs={"pk": proposal.pk})),
            },
        )
    return sent


def information_due_moved(*, proposal_id: int) -> int:
    """Tell the proponent's owners and editors the new date by which a returned proposal's
    missing information is due, and why it moved. Returns how many were sent."""
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    step = proposal.state_changes.filter(due_on__isnull=False).order_by("-at", "-pk").first()
    sent = 0
    for user in _recipients(proposal, ProposalState.RETURNED):
        sent += send_localised_mail(
            event="proposals.proposal.information_due_moved",
            to=user,
            subject_template="proposals/email/due_moved_subject.txt",
            body_template="proposals/email/due_moved.txt",
            context={
                "user": user,
                "proposal": proposal,
                "step": step,
                "url": absolute_url(reverse("proposals:detail", kwargs={"pk": proposal.pk})),
            },
        )
    return sent
