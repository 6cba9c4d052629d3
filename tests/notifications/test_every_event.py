"""Every notification event, sent through the code of the app that owns it, to a Thai and
an English reader: each gets an outbox message (sent), the email, an inbox line (when the
event has one and the reader an account), written in their own language. And a failing
mail server leaves an event's messages queued for a retry, then sent: never lost."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from smartcity.accounts.forms import PasswordResetForm
from smartcity.accounts.services import report_signup_with_taken_email
from smartcity.certification.emails import send_certified
from smartcity.certification.notices import send_expiry_notices, tell_status_changed
from smartcity.committee.models import CommitteeMember, MeetingAttendee
from smartcity.committee.notices import tell_invited, tell_minutes_circulated, tell_pack_ready
from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.events import EVENTS
from smartcity.notifications.models import Notification, OutboxMessage
from smartcity.notifications.receivers import tell_invitee
from smartcity.notifications.services import sweep_outbox
from smartcity.proposals import notifications as proposal_notices
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.reminders import send_information_reminders
from smartcity.reviews.emails import send_assigned
from smartcity.reviews.reminders import send_reminders
from smartcity.reviews.services import assign_reviewer
from smartcity.reviews.services.deadlines import send_due_moved
from smartcity.reviews.services.reviewers import send_invitation
from tests.accounts.factories import InvitationFactory, MembershipFactory, UserFactory
from tests.certification.factories import CertifiedAreaFactory, CommitteeFactory, MeetingFactory
from tests.proposals.factories import ProposalFactory
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of, in_evaluation

pytestmark = pytest.mark.django_db
THAI = re.compile(r"[\u0e00-\u0e7f]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{4,}")
SITE = "https://smartcity.example.go.th/"
DOWN = "tests.core.backends.DownBackend"


class World:
    """A Thai and an English reader who are everything an event can be sent to: editors
    of a proponent with a proposal and a certificate, secretariat officers, reviewers with
    an assignment, members of a committee invited to a meeting."""

    def __init__(self, officer):
        self.officer = officer
        self.th = UserFactory(preferred_language="th", full_name="สมชาย ใจดี", is_secretariat=True)
        self.en = UserFactory(preferred_language="en", full_name="Ann Smith", is_secretariat=True)
        self.readers = [self.th, self.en]
        self.proposal = ProposalFactory()
        organisation = self.proposal.organisation
        for user in self.readers:
            MembershipFactory(user=user, organisation=organisation, role="editor")
        # Reviewers with one assignment each on a proposal in evaluation.
        dossier = dossier_of(in_evaluation(officer))
        phase = PhaseFactory(name_en="Evaluation round 1/2027")
        self.reviewers, self.assignments = [], []
        for user in self.readers:
            reviewer = ReviewerFactory(user=user)
            self.reviewers.append(reviewer)
            self.assignments.append(
                assign_reviewer(
                    phase=phase, dossier=dossier, reviewer=reviewer, due_on=DUE, by=officer
                )
            )
        # Committee members invited to a meeting.
        committee = CommitteeFactory()
        self.meeting = MeetingFactory(
            committee=committee, held_on=timezone.localdate() + dt.timedelta(days=10)
        )
        for user in self.readers:
            seat = CommitteeMember.objects.create(
                committee=committee, user=user, term_starts_on=dt.date(2020, 1, 1)
            )
            MeetingAttendee.objects.create(meeting=self.meeting, member=seat)
        # A certificate held by the proponent, ending in 20 days.
        self.area = CertifiedAreaFactory(
            proponent=organisation,
            proposal=self.proposal,
            valid_until=timezone.localdate() + dt.timedelta(days=20),
        )
        self.certificate = self.area.certificate

    def returned(self, due_on: dt.date) -> None:
        Proposal.objects.filter(pk=self.proposal.pk).update(
            state=ProposalState.RETURNED, information_due_on=due_on
        )


def reset_password(world):
    for user in world.readers:
        form = PasswordResetForm({"email": user.email})
        assert form.is_valid()
        form.save(domain_override="smartcity.example.go.th")


def invite(world):
    for user in world.readers:
        tell_invitee(InvitationFactory(email=user.email), site_url=SITE)


def signup_attempted(world):
    for user in world.readers:
        report_signup_with_taken_email(email=user.email.upper(), site_url=SITE)


def state(to_state):
    return lambda w: proposal_notices.state_changed(proposal_id=w.proposal.pk, to_state=to_state)


def information_due_moved(world):
    world.returned(timezone.localdate() + dt.timedelta(days=20))
    proposal_notices.information_due_moved(proposal_id=world.proposal.pk)


def information_due_soon(world):
    world.returned(timezone.localdate() + dt.timedelta(days=2))
    send_information_reminders(today=timezone.localdate())


def information_overdue(world):
    world.returned(timezone.localdate() - dt.timedelta(days=1))
    send_information_reminders(today=timezone.localdate())


def reviewer_invited(world):
    for reviewer in world.reviewers:
        send_invitation(reviewer.pk, site_url=SITE)


def assigned(world):
    for assignment in world.assignments:
        send_assigned([assignment.pk])


def due_moved(world):
    for assignment in world.assignments:
        send_due_moved(assignment.pk, reason="ขอขยายเวลา", site_url="")


def certificate(kind):
    return lambda w: tell_status_changed(w.certificate.pk, kind=kind)


# How each event is sent: by the function of its owning app that sends it.
TRIGGERS = {
    "accounts.invitation": invite,
    "accounts.password_reset": reset_password,
    "accounts.signup_attempt": signup_attempted,
    **{
        f"proposals.proposal.{s}": state(s)
        for s in [
            "submitted",
            "resubmitted",
            "returned",
            "ineligible",
            "in_evaluation",
            "approved",
            "revising",
            "revised",
            "rejected",
            "withdrawn",
        ]
    },
    "proposals.proposal.information_due_moved": information_due_moved,
    "proposals.information.due_soon": information_due_soon,
    "proposals.information.overdue": information_overdue,
    "reviews.reviewer.invited": reviewer_invited,
    "reviews.assignment.created": assigned,
    "reviews.reminder.before": lambda w: send_reminders(today=DUE - dt.timedelta(days=1)),
    "reviews.reminder.after": lambda w: send_reminders(today=DUE + dt.timedelta(days=1)),
    "reviews.assignment.due_extended": due_moved,
    "committee.meeting.invited": lambda w: tell_invited(w.meeting.pk),
    "committee.meeting.pack_ready": lambda w: tell_pack_ready(w.meeting.pk),
    "committee.minutes.circulated": lambda w: tell_minutes_circulated(w.meeting.pk),
    "certification.area.certified": lambda w: send_certified(w.certificate.pk),
    "certification.certificate.suspended": certificate("suspended"),
    "certification.certificate.reinstated": certificate("reinstated"),
    "certification.certificate.revoked": certificate("revoked"),
    "certification.certificate.expiring": lambda w: send_expiry_notices(today=timezone.localdate()),
}


def test_every_registered_event_is_sent_by_this_test():
    assert sorted(TRIGGERS) == sorted(EVENTS)


@pytest.fixture
def world(secretariat_user):
    return World(secretariat_user)


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_every_event_reaches_a_thai_and_an_english_reader_each_in_their_language(
    world, event, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        TRIGGERS[event](world)

    for reader in world.readers:
        [row] = OutboxMessage.objects.filter(event=event, address=reader.email)
        assert row.status == MessageStatus.SENT
        [email] = [m for m in mail.outbox if m.to == [reader.email] and m.subject == row.subject]
        assert "\n" not in email.subject
        inbox = Notification.objects.filter(event=event, user=reader)
        # An invitation goes to an address (its owner may have no account): email only.
        has_inbox = EVENTS[event].inbox and event != "accounts.invitation"
        assert inbox.count() == (1 if has_inbox else 0)
        if has_inbox:
            assert inbox.get().title == email.subject
        if reader.preferred_language == "th":
            assert THAI.search(email.subject), email.subject
            # Nothing left in English: no English word (a certificate number is letters
            # and digits, "SCT-2566-1001").
            assert not ENGLISH_WORD.search(email.subject), email.subject
            assert "Dear" not in email.body
        else:
            assert not THAI.search(email.subject), email.subject
            assert row.language == "en"


def test_a_failing_mail_server_leaves_an_events_messages_retried_not_lost(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tell_invited(world.meeting.pk)

    rows = OutboxMessage.objects.filter(event="committee.meeting.invited")
    assert [(r.status, r.attempts) for r in rows] == [(MessageStatus.QUEUED, 1)] * 2
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rows.update(next_attempt_at=timezone.now() - dt.timedelta(hours=1))
    assert sweep_outbox() == 2

    assert [(r.status, r.attempts) for r in rows] == [(MessageStatus.SENT, 2)] * 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in world.readers)
