"""Reminders before and after a review's due date: once each, in the reviewer's language,
never about a proposal the reviewer is conflicted with."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from smartcity.core.mail import absolute_url
from smartcity.core.models import AuditEntry
from smartcity.reviews.enums import ConflictSource, PhaseStatus
from smartcity.reviews.models import Assignment, Conflict
from smartcity.reviews.reminders import ReminderRun, send_reminders
from smartcity.reviews.services import assign_reviewer
from tests.accounts.factories import UserFactory
from tests.reviews.factories import (
    DUE,
    FIRST,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    in_evaluation,
    reviewed,
)

THREE_BEFORE = DUE - dt.timedelta(days=3)
DAY_AFTER = DUE + dt.timedelta(days=1)


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def phase(db):
    return PhaseFactory()


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """send_reminders() with its after-commit emails sent."""

    def run(today: dt.date, **kwargs) -> ReminderRun:
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(today=today, **kwargs)

    return run


def assigned(officer, phase, language="th", **reviewer_fields) -> Assignment:
    reviewer = ReviewerFactory(user=UserFactory(preferred_language=language), **reviewer_fields)
    return assign_reviewer(
        phase=phase,
        dossier=dossier_of(in_evaluation(officer)),
        reviewer=reviewer,
        due_on=DUE,
        by=officer,
    )


def test_a_reminder_is_sent_three_days_before_and_only_once(officer, phase, remind):
    assignment = assigned(officer, phase)

    first = remind(THREE_BEFORE)
    second = remind(THREE_BEFORE)
    next_day = remind(THREE_BEFORE + dt.timedelta(days=1))

    assert (first.before, first.after, first.emails) == (1, 0, 1)
    assert second == next_day == ReminderRun()
    assert [m.to for m in mail.outbox] == [[assignment.reviewer.user.email]]
    assignment.refresh_from_db()
    assert assignment.reminded_before_at is not None
    assert (
        AuditEntry.objects.filter(action="reviews.reminder.sent", after__kind="before").count() == 1
    )


def test_nothing_is_sent_earlier_than_three_days_before(officer, phase, remind):
    assigned(officer, phase)

    assert remind(THREE_BEFORE - dt.timedelta(days=1)) == ReminderRun()
    assert mail.outbox == []


def test_a_reminder_is_sent_once_after_the_due_date(officer, phase, remind):
    assignment = assigned(officer, phase)
    remind(THREE_BEFORE)

    on_the_day = remind(DUE)
    after = remind(DAY_AFTER)
    again = remind(DAY_AFTER + dt.timedelta(days=7))

    assert on_the_day == ReminderRun()
    assert (after.before, after.after, after.emails) == (0, 1, 1)
    assert again == ReminderRun()
    assert len(mail.outbox) == 2
    assignment.refresh_from_db()
    assert assignment.reminded_after_at is not None


def test_an_assignment_found_late_gets_only_the_overdue_reminder(officer, phase, remind):
    assigned(officer, phase)

    run = remind(DAY_AFTER)

    assert (run.before, run.after) == (0, 1)


def test_a_submitted_review_is_not_reminded(officer, phase, remind):
    reviewed(officer, phase, FIRST)
    Assignment.objects.update(due_on=DUE)

    assert remind(THREE_BEFORE) == remind(DAY_AFTER) == ReminderRun()
    assert mail.outbox == []


def test_a_conflicted_reviewer_hears_nothing_of_the_proposal(officer, phase, remind):
    assignment = assigned(officer, phase)
    # Detected after the assignment (the rules changed): the assignment stays, silent.
    Conflict.objects.create(
        reviewer=assignment.reviewer,
        dossier=assignment.dossier,
        source=ConflictSource.SAME_PROVINCE,
    )

    assert remind(THREE_BEFORE) == remind(DAY_AFTER) == ReminderRun()
    assert mail.outbox == []


def test_a_closed_phase_reminds_nobody(officer, phase, remind):
    assigned(officer, phase)
    phase.status = PhaseStatus.CLOSED
    phase.save()

    assert remind(DAY_AFTER) == ReminderRun()


def test_reminders_are_written_in_each_reviewers_language(officer, phase, remind):
    thai = assigned(officer, phase, language="th")
    english = assigned(officer, phase, language="en")

    remind(THREE_BEFORE, site_url="https://smartcity.example.go.th/")

    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "2573" in bodies[thai.reviewer.user.email]  # 31 January 2030, in B.E.
    assert "January 2030" in bodies[english.reviewer.user.email]
    assert "https://smartcity.example.go.th/reviews/" in bodies[english.reviewer.user.email]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[english.reviewer.user.email] == "[Smart City Thailand] A review is due soon"


def test_one_email_lists_all_of_a_reviewers_assignments(officer, phase, remind):
    first = assigned(officer, phase, language="en")
    second = assign_reviewer(
        phase=phase,
        dossier=dossier_of(in_evaluation(officer)),
        reviewer=first.reviewer,
        due_on=DUE - dt.timedelta(days=1),
        by=officer,
    )

    run = remind(THREE_BEFORE)

    assert (run.before, run.emails) == (2, 1)
    listed = [line for line in mail.outbox[0].body.splitlines() if line.startswith("- ")]
    assert listed == [
        f"- {second.dossier.title_en} · due on 30 January 2030",
        f"- {first.dossier.title_en} · due on 31 January 2030",
    ]


def test_the_command_prints_the_counts(
    officer, phase, load_command, django_capture_on_commit_callbacks
):
    assigned(officer, phase)

    with django_capture_on_commit_callbacks(execute=True):
        output = load_command("send_review_reminders", "--today", DAY_AFTER.isoformat())

    assert output.strip() == "2030-02-01: 0 due soon, 1 overdue, 1 email(s) sent."
    assert len(mail.outbox) == 1


def test_the_daily_scheduled_jobs_send_the_reminders_once(
    officer, phase, load_command, django_capture_on_commit_callbacks
):
    assigned(officer, phase)

    with django_capture_on_commit_callbacks(execute=True):
        first = load_command("run_scheduled_jobs", "--date", DAY_AFTER.isoformat())
        second = load_command("run_scheduled_jobs", "--date", DAY_AFTER.isoformat())

    assert "reviews.reminders: 0 due soon, 1 overdue, 1 email(s) sent" in first
    assert "reviews.reminders: 0 due soon, 0 overdue, 0 email(s) sent" in second
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_reminder_in_a_blind_phase_does_not_name_the_proposal(django_capture_on_commit_callbacks):
    import datetime as dt

    from django.core import mail

    from smartcity.reviews.reminders import send_reminders
    from smartcity.reviews.services import assign_reviewer
    from tests.accounts.factories import UserFactory
    from tests.reviews.factories import PhaseFactory, ReviewerFactory, in_evaluation

    officer = UserFactory(is_secretariat=True)
    proposal = in_evaluation(officer)
    phase = PhaseFactory(blind=True)
    reviewer = ReviewerFactory()
    today = dt.date(2030, 1, 1)
    assign_reviewer(
        phase=phase,
        dossier=dossier_of(proposal),
        reviewer=reviewer,
        due_on=today + dt.timedelta(days=2),
        by=officer,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=today)

    body = next(m.body for m in mail.outbox if m.to == [reviewer.user.email])
    assert proposal.name_th not in body
    assert proposal.organisation.name_th not in body
    assert f"ข้อเสนอหมายเลข {proposal.pk}" in body  # "Proposal #<pk>" in the reviewer's Thai


def test_a_reminder_links_each_score_sheet_at_the_sites_address(officer, phase, remind):
    assignment = assigned(officer, phase, language="en")

    remind(THREE_BEFORE)

    [message] = mail.outbox
    assert absolute_url(reverse("reviews:score_sheet", kwargs={"pk": assignment.pk})) in (
        message.body
    )
    assert absolute_url(reverse("reviews:assignments")) in message.body
