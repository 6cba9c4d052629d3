"""The registry of notification events: every email and inbox line the platform sends.

Each event names its templates (in the owning app's templates/<app>/ folder, rendered in the
recipient's language) and whether it also lands in the person's in-app inbox. The owning
apps call `notifications.services.notify(event_name, ...)`; this module names them only by
string, so notifications imports none of them. docs/architecture.md lists the same events.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Event:
    name: str
    description: str
    subject_template: str
    body_template: str
    # Into the recipient's in-app inbox as well (a person with an account). A password
    # reset link is for the mailbox only.
    inbox: bool = True


EVENTS: dict[str, Event] = {}


def register(name, description, subject_template, body_template, *, inbox=True) -> Event:
    if name in EVENTS:
        raise ValueError(f"A notification event named {name!r} is already registered.")
    EVENTS[name] = event = Event(name, description, subject_template, body_template, inbox)
    return event


def get(name: str) -> Event:
    try:
        return EVENTS[name]
    except KeyError:
        raise ValueError(f"No notification event named {name!r} (notifications.events).") from None


# accounts ------------------------------------------------------------------------------------
register(
    "accounts.invitation",
    _("An invitation to join an organisation, to its address"),
    "accounts/emails/invitation_subject.txt",
    "accounts/emails/invitation_body.txt",
)
register(
    "accounts.password_reset",
    _("A link to choose a new password"),
    "accounts/emails/password_reset_subject.txt",
    "accounts/emails/password_reset_body.txt",
    inbox=False,
)
register(
    "accounts.signup_attempt",
    _("Someone tried to sign up with the address of an account"),
    "accounts/emails/signup_attempt_subject.txt",
    "accounts/emails/signup_attempt_body.txt",
    inbox=False,
)

# proposals: one event per new state of a proposal, to the proponent or the secretariat ------
PROPOSAL_STATES = {
    "submitted": _("A proposal was submitted"),
    "resubmitted": _("A returned proposal was submitted again"),
    "returned": _("A proposal was returned for more information"),
    "ineligible": _("A proposal was found ineligible"),
    "in_evaluation": _("A proposal went to evaluation"),
    "approved": _("The committee's resolution released: approved"),
    "revising": _("The committee's resolution released: to revise"),
    "revised": _("A revised proposal was submitted"),
    "rejected": _("The committee's resolution released: not approved"),
    "withdrawn": _("A proposal was withdrawn"),
}
for _state, _description in PROPOSAL_STATES.items():
    register(
        f"proposals.proposal.{_state}",
        _description,
        "proposals/email/state_changed_subject.txt",
        "proposals/email/state_changed.txt",
    )
register(
    "proposals.proposal.information_due_moved",
    _("The date for missing information moved"),
    "proposals/email/due_moved_subject.txt",
    "proposals/email/due_moved.txt",
)
register(
    "proposals.information.due_soon",
    _("Reminder: missing information is due soon"),
    "proposals/email/information_due_soon_subject.txt",
    "proposals/email/information_due_soon.txt",
)
register(
    "proposals.information.overdue",
    _("The date for missing information has passed"),
    "proposals/email/information_overdue_subject.txt",
    "proposals/email/information_overdue.txt",
)

# reviews ------------------------------------------------------------------------------------
register(
    "reviews.reviewer.invited",
    _("A person was invited to the reviewer pool"),
    "reviews/email/reviewer_invitation_subject.txt",
    "reviews/email/reviewer_invitation.txt",
)
register(
    "reviews.assignment.created",
    _("A reviewer was given proposals to review"),
    "reviews/email/assigned_subject.txt",
    "reviews/email/assigned.txt",
)
register(
    "reviews.reminder.before",
    _("Reminder: a review is due soon"),
    "reviews/email/reminder_subject.txt",
    "reviews/email/reminder.txt",
)
register(
    "reviews.reminder.after",
    _("Reminder: a review is overdue"),
    "reviews/email/reminder_subject.txt",
    "reviews/email/reminder.txt",
)
register(
    "reviews.assignment.due_extended",
    _("A reviewer was given more time"),
    "reviews/email/due_moved_subject.txt",
    "reviews/email/due_moved.txt",
)

# committee ----------------------------------------------------------------------------------
register(
    "committee.meeting.invited",
    _("A committee member was invited to a meeting"),
    "committee/email/meeting_invited_subject.txt",
    "committee/email/meeting_invited.txt",
)
register(
    "committee.meeting.pack_ready",
    _("A meeting's pack is ready"),
    "committee/email/pack_ready_subject.txt",
    "committee/email/pack_ready.txt",
)
register(
    "committee.minutes.circulated",
    _("A meeting's minutes were circulated for comment"),
    "committee/email/minutes_circulated_subject.txt",
    "committee/email/minutes_circulated.txt",
)

# certification ------------------------------------------------------------------------------
register(
    "certification.area.certified",
    _("An area was certified"),
    "certification/email/certified_subject.txt",
    "certification/email/certified.txt",
)
register(
    "certification.certificate.suspended",
    _("A certificate was suspended"),
    "certification/email/status_changed_subject.txt",
    "certification/email/status_changed.txt",
)
register(
    "certification.certificate.reinstated",
    _("A suspended certificate was reinstated"),
    "certification/email/status_changed_subject.txt",
    "certification/email/status_changed.txt",
)
register(
    "certification.certificate.revoked",
    _("A certificate was revoked"),
    "certification/email/status_changed_subject.txt",
    "certification/email/status_changed.txt",
)
register(
    "certification.certificate.expiring",
    _("A certificate expires soon"),
    "certification/email/expiring_subject.txt",
    "certification/email/expiring.txt",
)
