"""The applicant is reminded before the information the secretariat asked for is due and
told once the date has passed: once per due date (a moved date brings a new reminder)."""

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from smartcity.core.scheduled import run_all
from smartcity.proposals.reminders import send_information_reminders
from smartcity.proposals.services.screening import extend_information_due
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.notifications.scenario import returned

pytestmark = pytest.mark.django_db


def remind(today: dt.date):
    """The day's reminders, sent (the notices go after the commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_information_reminders(today=today)


@pytest.fixture
def setting(secretariat_user):
    due = timezone.localdate() + dt.timedelta(days=10)
    proposal = returned(secretariat_user, due_on=due)
    mail.outbox.clear()
    english = UserFactory(preferred_language="en")
    MembershipFactory(user=english, organisation=proposal.organisation, role="owner")
    return proposal, due, english


def test_applicants_are_reminded_three_days_before_the_due_date_once(setting):
    _proposal, due, english = setting

    assert remind(due - dt.timedelta(days=4)).due_soon == 0
    remind(due - dt.timedelta(days=3))
    remind(due - dt.timedelta(days=2))

    mine = [m for m in mail.outbox if m.to == [english.email]]
    assert len(mine) == 1
    assert mine[0].subject.startswith("[Smart City Thailand]")
    assert "information due on" in mine[0].subject
    [(filename, _content, _mimetype)] = mine[0].attachments
    assert filename == "invite.ics"
    assert len(mail.outbox) == 2  # the owner and the editor who submitted it


def test_applicants_are_told_once_when_the_date_has_passed(setting):
    _proposal, due, english = setting

    remind(due + dt.timedelta(days=1))
    remind(due + dt.timedelta(days=5))

    mine = [m for m in mail.outbox if m.to == [english.email]]
    assert len(mine) == 1
    assert "has passed" in mine[0].subject


def test_a_moved_date_brings_a_new_reminder(setting, secretariat_user):
    proposal, due, english = setting
    remind(due - dt.timedelta(days=1))
    new_due = due + dt.timedelta(days=7)
    extend_information_due(
        proposal=proposal, due_on=new_due, reason="ขอขยายเวลา", by=secretariat_user
    )
    mail.outbox.clear()

    remind(new_due - dt.timedelta(days=1))

    assert len([m for m in mail.outbox if m.to == [english.email]]) == 1


def test_the_reminders_run_as_a_scheduled_job(setting):
    _proposal, due, _english = setting

    with TestCase.captureOnCommitCallbacks(execute=True):
        result = run_all(today=due, only={"proposals.information.reminders"})

    assert result == {"proposals.information.reminders": "1 proposal(s) due soon, 0 overdue"}
