"""Notifications about a proposal, each in its recipient's language. Called after commit."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Organisation, User
from smartcity.core.i18n import localised
from smartcity.core.mail import absolute_url
from smartcity.notifications.ical import CalendarItem
from smartcity.notifications.services import notify
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


def information_due_item(proposal: Proposal) -> CalendarItem:
    """The date a returned proposal's missing information is due, as an all-day event (one
    UID per proposal, so a moved date replaces the old one)."""
    return CalendarItem(
        key=f"proposal-information-due-{proposal.pk}",
        summary=format_lazy(
            _("Missing information due: {name}"),
            name=lazy(lambda: localised(proposal, "name"), str)(),
        ),
        start=proposal.information_due_on,
        url=absolute_url(reverse("proposals:detail", kwargs={"pk": proposal.pk})),
    )


def state_changed(*, proposal_id: int, to_state: str) -> int:
    """Tell each person concerned (inbox and email); returns how many."""
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    screening = proposal.screenings.order_by("-decided_at").first()
    # The committee's conditions or reasons travel in the step's note, its meeting in
    # the step's reference (named in each recipient's language).
    step = None
    if to_state in DECISIONS:
        step = proposal.state_changes.filter(to_state=to_state).order_by("-at", "-pk").first()
    people = _recipients(proposal, to_state)
    calendar = []
    if to_state == ProposalState.RETURNED and proposal.information_due_on:
        calendar = [information_due_item(proposal)]
    for user in people:
        # The secretariat works on the proposal from its review page; the proponent's
        # people from the proposal's own page.
        page = (
            "proposals:review"
            if user.is_secretariat and to_state in ProposalState.told_to_secretariat()
            else "proposals:detail"
        )
        notify(
            f"proposals.proposal.{to_state}",
            [user],
            link=reverse(page, kwargs={"pk": proposal.pk}),
            calendar=calendar if page == "proposals:detail" else (),
            context={
                "proposal": proposal,
                "state": ProposalState(to_state),
                "screening": screening if to_state in ProposalState.screened_out() else None,
                "secretariat": page == "proposals:review",
                # Rendered inside the recipient's language, so the meeting reads in it.
                "decision": decision_text(step) if step else "",
                "decision_heading": DECISIONS.get(to_state, ""),
            },
        )
    return len(people)


def information_due_moved(*, proposal_id: int) -> int:
    """Tell the proponent's owners and editors the new date by which a returned proposal's
    missing information is due, and why it moved (with the date for their calendar).
    Returns how many."""
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    step = proposal.state_changes.filter(due_on__isnull=False).order_by("-at", "-pk").first()
    people = _recipients(proposal, ProposalState.RETURNED)
    notify(
        "proposals.proposal.information_due_moved",
        people,
        link=reverse("proposals:detail", kwargs={"pk": proposal.pk}),
        calendar=[information_due_item(proposal)] if proposal.information_due_on else (),
        context={"proposal": proposal, "step": step},
    )
    return len(people)
