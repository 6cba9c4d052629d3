"""A reviewer is told by email of their new assignments: one email per reviewer and
round, in their language, with the proposal's label (its number only in a blind phase),
the due date and the link to each score sheet. A conflicted reviewer is never told."""

import pytest
from django.core import mail
from django.urls import reverse

from smartcity.core.mail import absolute_url
from smartcity.proposals.models import Proposal
from smartcity.reviews.models import Assignment, Dossier
from smartcity.reviews.services import (
    EvaluationError,
    assign_automatically,
    assign_in_bulk,
    assign_reviewer,
)
from tests.accounts.factories import UserFactory
from tests.reviews.factories import (
    DUE,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    dossiers_of,
    in_evaluation,
)

pytestmark = pytest.mark.django_db
DOWN = "tests.core.backends.DownBackend"


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Runs an assignment service with its after-commit emails sent."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def reviewer(language="th", **fields):
    return ReviewerFactory(user=UserFactory(preferred_language=language), **fields)


def sheet_url(assignment: Assignment) -> str:
    return absolute_url(reverse("reviews:score_sheet", kwargs={"pk": assignment.pk}))


def messages_to(person) -> list:
    return [m for m in mail.outbox if m.to == [person.user.email]]


def test_an_assigned_reviewer_gets_the_label_due_date_and_score_sheet_link(officer, sent):
    proposal = in_evaluation(officer)
    expert = reviewer("th")
    mail.outbox.clear()

    assignment = sent(
        assign_reviewer,
        phase=PhaseFactory(),
        dossier=dossier_of(proposal),
        reviewer=expert,
        due_on=DUE,
        by=officer,
    )

    [message] = messages_to(expert)
    assert len(mail.outbox) == 1
    assert message.subject.startswith("[เมืองอัจฉริยะประเทศไทย]")
    assert proposal.name_th in message.subject
    assert proposal.name_th in message.body
    assert "31 มกราคม 2573" in message.body  # 31 January 2030, in B.E.
    assert sheet_url(assignment) in message.body
    assert sheet_url(assignment).startswith("http")


def test_the_email_is_in_the_reviewers_language(officer, sent):
    proposal = in_evaluation(officer)
    expert = reviewer("en")
    mail.outbox.clear()

    sent(
        assign_reviewer,
        phase=PhaseFactory(),
        dossier=dossier_of(proposal),
        reviewer=expert,
        due_on=DUE,
        by=officer,
    )

    [message] = messages_to(expert)
    assert message.subject == f"[Smart City Thailand] A proposal to review: {proposal.name_en}"
    assert "31 January 2030" in message.body
    assert proposal.name_th not in message.body


def test_a_blind_phase_gives_the_number_only(officer, sent):
    proposal = in_evaluation(officer)
    expert = reviewer("th")
    mail.outbox.clear()

    sent(
        assign_reviewer,
        phase=PhaseFactory(blind=True),
        dossier=dossier_of(proposal),
        reviewer=expert,
        due_on=DUE,
        by=officer,
    )

    [message] = messages_to(expert)
    text = message.subject + message.body
    assert f"ข้อเสนอหมายเลข {proposal.pk}" in message.subject
    organisation = proposal.organisation
    for secret in (proposal.name_th, proposal.name_en, organisation.name_th, organisation.name_en):
        assert secret not in text


def test_a_line_break_in_the_name_gives_a_one_line_subject(officer, sent):
    proposal = in_evaluation(officer)
    Proposal.objects.filter(pk=proposal.pk).update(name_th="เมืองอัจฉริยะ\r\nแม่สอด")
    Dossier.objects.filter(pk=dossier_of(proposal).pk).update(title_th="เมืองอัจฉริยะ\r\nแม่สอด")
    proposal.refresh_from_db()
    expert = reviewer("th")
    mail.outbox.clear()

    sent(
        assign_reviewer,
        phase=PhaseFactory(),
        dossier=dossier_of(proposal),
        reviewer=expert,
        due_on=DUE,
        by=officer,
    )

    [message] = messages_to(expert)
    assert message.subject.endswith("เมืองอัจฉริยะ แม่สอด")
    message.message()  # the headers build


def test_bulk_assignment_sends_one_email_per_reviewer_listing_their_proposals(officer, sent):
    first, second = in_evaluation(officer), in_evaluation(officer)
    busy, other = reviewer("en"), reviewer("th")
    mail.outbox.clear()

    created = sent(
        assign_in_bulk,
        phase=PhaseFactory(),
        pairs=[
            (dossier_of(first), busy),
            (dossier_of(second), busy),
            (dossier_of(first), other),
        ],
        due_on=DUE,
        by=officer,
    )

    assert len(mail.outbox) == 2
    [to_busy] = messages_to(busy)
    assert to_busy.subject == "[Smart City Thailand] 2 proposals to review"
    for assignment in created[:2]:
        assert sheet_url(assignment) in to_busy.body
    [to_other] = messages_to(other)
    assert sheet_url(created[2]) in to_other.body
    assert sheet_url(created[0]) not in to_other.body


def test_a_refused_bulk_assignment_sends_nothing(officer, sent):
    proposal = in_evaluation(officer)
    expert = reviewer()
    mail.outbox.clear()

    with pytest.raises(EvaluationError):
        sent(
            assign_in_bulk,
            phase=PhaseFactory(),
            pairs=[(dossier_of(proposal), expert)] * 2,  # the second is a duplicate
            due_on=DUE,
            by=officer,
        )

    assert mail.outbox == []


def test_automatic_assignment_emails_each_reviewer_once_and_never_a_conflicted_one(officer, sent):
    proposals = [in_evaluation(officer) for _ in range(3)]
    conflicted = reviewer(organisation=proposals[0].organisation)
    experts = [reviewer(max_load=5) for _ in range(2)]
    mail.outbox.clear()

    result = sent(
        assign_automatically,
        phase=PhaseFactory(reviewers_per_proposal=2),
        dossiers=dossiers_of(proposals),
        due_on=DUE,
        by=officer,
    )

    assert {a.reviewer for a in result.assigned if a.dossier.subject_id == proposals[0].pk} == set(
        experts
    )
    to_conflicted = messages_to(conflicted)
    assert proposals[0].name_th not in "".join(m.subject + m.body for m in to_conflicted)
    for expert in experts:
        [message] = messages_to(expert)
        for assignment in result.assigned:
            assert (sheet_url(assignment) in message.body) == (assignment.reviewer == expert)
    assert len(mail.outbox) == len({a.reviewer_id for a in result.assigned})


def test_assigning_while_the_mail_server_is_down_keeps_the_assignment(
    officer, sent, settings, caplog
):
    settings.EMAIL_BACKEND = DOWN
    proposal = in_evaluation(officer)
    expert = reviewer()

    assignment = sent(
        assign_reviewer,
        phase=PhaseFactory(),
        dossier=dossier_of(proposal),
        reviewer=expert,
        due_on=DUE,
        by=officer,
    )

    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert (
        f"Could not send the reviews.assignment.created email to user {expert.user_id}"
        in caplog.text
    )
