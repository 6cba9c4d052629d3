"""Moving a review's due date: recorded, audited, told to the reviewer, and refused when
the date or the review does not allow it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import translation

from smartcity.core.models import AuditEntry
from smartcity.reviews.enums import ConflictSource
from smartcity.reviews.models import Assignment, Conflict
from smartcity.reviews.reminders import send_reminders
from smartcity.reviews.services import EvaluationError, assign_reviewer
from smartcity.reviews.services.deadlines import extend_review_due
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

LATER = DUE + dt.timedelta(days=14)


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


@pytest.fixture
def phase(db):
    return PhaseFactory()


def assigned(officer, phase, language="th") -> Assignment:
    reviewer = ReviewerFactory(user=UserFactory(preferred_language=language))
    return assign_reviewer(
        phase=phase,
        dossier=dossier_of(in_evaluation(officer)),
        reviewer=reviewer,
        due_on=DUE,
        by=officer,
    )


@pytest.mark.parametrize(
    ("language", "subject", "date"),
    [
        ("th", "กำหนดส่งผลการประเมินของท่านเลื่อนเป็น", "14 กุมภาพันธ์ 2573"),
        ("en", "now due", "14 February 2030"),
    ],
)
def test_moving_a_review_due_date_audits_and_tells_the_reviewer_in_their_language(
    officer, phase, django_capture_on_commit_callbacks, language, subject, date
):
    assignment = assigned(officer, phase, language=language)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        extend_review_due(
            assignment=assignment,
            due_on=LATER,
            reason=" ผู้ประเมินเดินทางราชการ ",
            by=officer,
            site_url="https://smartcity.example/",
        )

    assignment.refresh_from_db()
    assert assignment.due_on == LATER
    entry = AuditEntry.objects.get(action="reviews.assignment.due_extended")
    assert (entry.actor, entry.before, entry.after, entry.note) == (
        officer,
        {"due_on": DUE.isoformat()},
        {"due_on": LATER.isoformat()},
        "ผู้ประเมินเดินทางราชการ",
    )
    [email] = mail.outbox
    assert email.to == [assignment.reviewer.user.email]
    assert subject in email.subject and date in email.subject
    assert "ผู้ประเมินเดินทางราชการ" in email.body
    assert f"https://smartcity.example/reviews/{assignment.pk}/" in email.body


def test_after_a_move_the_reminders_follow_the_new_date(
    officer, phase, django_capture_on_commit_callbacks
):
    assignment = assigned(officer, phase)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=DUE + dt.timedelta(days=1))
        extend_review_due(assignment=assignment, due_on=LATER, reason="ขอขยาย", by=officer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        quiet = send_reminders(today=DUE + dt.timedelta(days=2))
        due_soon = send_reminders(today=LATER - dt.timedelta(days=2))

    assert (quiet.before, quiet.after, due_soon.before) == (0, 0, 1)


@pytest.mark.parametrize(
    ("due_on", "reason", "message"),
    [
        (dt.date(2020, 1, 1), "ขอขยาย", "in the past"),
        (DUE - dt.timedelta(days=1), "ขอขยาย", "later than the current one"),
        (DUE, "ขอขยาย", "later than the current one"),
        (LATER, "  ", "reason"),
    ],
)
def test_moving_a_review_due_date_refuses_bad_dates_and_changes_nothing(
    officer, phase, due_on, reason, message
):
    assignment = assigned(officer, phase)

    with pytest.raises(EvaluationError, match=message):
        extend_review_due(assignment=assignment, due_on=due_on, reason=reason, by=officer)

    assignment.refresh_from_db()
    assert assignment.due_on == DUE
    assert not AuditEntry.objects.filter(action="reviews.assignment.due_extended").exists()


def test_a_submitted_review_has_no_due_date_to_move(officer, phase):
    proposal = reviewed(officer, phase, FIRST)
    assignment = Assignment.objects.get(dossier=dossier_of(proposal))

    with pytest.raises(EvaluationError, match="submitted"):
        extend_review_due(assignment=assignment, due_on=LATER, reason="ขอขยาย", by=officer)


def test_a_conflicted_reviewer_hears_nothing_of_a_moved_date(
    officer, phase, django_capture_on_commit_callbacks
):
    assignment = assigned(officer, phase)
    Conflict.objects.create(
        reviewer=assignment.reviewer,
        dossier=assignment.dossier,
        source=ConflictSource.SAME_PROVINCE,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EvaluationError):
        extend_review_due(assignment=assignment, due_on=LATER, reason="ขอขยาย", by=officer)

    assert mail.outbox == []
    assert Assignment.objects.get(pk=assignment.pk).due_on == DUE
