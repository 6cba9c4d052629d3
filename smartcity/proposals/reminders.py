"""Reminding applicants of the information the secretariat asked for: a few days before its
due date, and once the date has passed. Run once a day (`proposals.information.reminders`)."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from smartcity.notifications.services import notify
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.notifications import information_due_item, proponent_recipients

DAYS_BEFORE = 3
DUE_SOON, OVERDUE = "proposals.information.due_soon", "proposals.information.overdue"


@dataclass
class InformationReminders:
    due_soon: int = 0  # proposals whose applicants were reminded the date is near
    overdue: int = 0  # proposals whose applicants were told the date has passed


def send_information_reminders(*, today: dt.date) -> InformationReminders:
    """For each returned proposal: when its information is due within DAYS_BEFORE days, a
    reminder (with the date for their calendar); once the date has passed, a notice. Each
    goes once per due date and person (`notify(once=...)`): a second run the same day, or
    the next day, tells no one again, and a moved date (extend_information_due) brings a
    new reminder for the new date."""
    run = InformationReminders()
    proposals = (
        Proposal.objects.filter(
            state=ProposalState.RETURNED,
            information_due_on__isnull=False,
            information_due_on__lte=today + dt.timedelta(days=DAYS_BEFORE),
        )
        .select_related("organisation")
        .order_by("information_due_on", "pk")
    )
    for proposal in proposals:
        due = proposal.information_due_on
        event = DUE_SOON if due >= today else OVERDUE
        notify(
            event,
            proponent_recipients(proposal.organisation),
            link=reverse("proposals:detail", kwargs={"pk": proposal.pk}),
            calendar=[information_due_item(proposal)] if event == DUE_SOON else (),
            context={"proposal": proposal, "due_on": due, "today": today},
            once=f"proposal-{proposal.pk}-due-{due.isoformat()}",
        )
        if event == DUE_SOON:
            run.due_soon += 1
        else:
            run.overdue += 1
    return run
