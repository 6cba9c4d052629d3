"""Emails about a proposal: one line of subject whatever its name holds, never a 500
after the state has changed, and the link to the page each reader works on."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartcity.accounts.enums import MembershipRole
from smartcity.core.mail import absolute_url
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.screening import MissingItem, screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal, withdraw_proposal
from tests.accounts.factories import UserFactory
from tests.proposals.factories import ProposalFactory, complete, member

S = ProposalState
DOWN = "tests.core.backends.DownBackend"
# The field of the name that each reader's language shows in the subject.
NAME_FIELDS = [("name_th", "th"), ("name_en", "en")]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def proposal_named(field: str, name: str) -> Proposal:
    return complete(ProposalFactory(**{field: name}))


def one_line(message) -> bool:
    return "\r" not in message.subject and "\n" not in message.subject


def to(address: str):
    return next(m for m in mail.outbox if m.to == [address])


@pytest.mark.parametrize(("field", "language"), NAME_FIELDS)
def test_submitting_a_proposal_whose_name_has_a_line_break_succeeds_and_emails(
    transactional_db, field, language
):
    """Real commits: the after-commit emails run inside the request, as in production."""
    officer = UserFactory(is_secretariat=True, preferred_language=language)
    proposal = proposal_named(field, "เมืองอัจฉริยะ\r\nแม่สอด")
    editor = member(proposal.organisation, preferred_language=language)

    response = client_for(editor).post(reverse("proposals:submit", kwargs={"pk": proposal.pk}))

    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == S.SUBMITTED
    for user in (editor, officer):
        message = to(user.email)
        assert one_line(message)
        assert "เมืองอัจฉริยะ แม่สอด" in message.subject
        message.message()  # the headers build


@pytest.mark.parametrize(("field", "language"), NAME_FIELDS)
@pytest.mark.django_db
def test_screening_a_proposal_whose_name_has_a_line_break_as_passed_succeeds_and_emails(
    field, language, secretariat_user, django_capture_on_commit_callbacks
):
    proposal = proposal_named(field, "Mae Sot\r\nSmart\nCity\r")
    editor = member(proposal.organisation, preferred_language=language)
    submit_proposal(proposal=proposal, by=editor)
    start_screening(proposal=proposal, by=secretariat_user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(secretariat_user).post(
            reverse("proposals:screen", args=[proposal.pk]),
            {"outcome": "pass", "seen_state": "screening"},
        )

    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == S.IN_EVALUATION
    message = to(editor.email)
    assert one_line(message)
    assert "Mae Sot Smart City" in message.subject


def test_submitting_while_the_mail_server_is_down_succeeds_and_logs(
    transactional_db, settings, caplog
):
    """Real commits, as above."""
    settings.EMAIL_BACKEND = DOWN
    proposal = complete(ProposalFactory())
    editor = member(proposal.organisation)

    response = client_for(editor).post(reverse("proposals:submit", kwargs={"pk": proposal.pk}))

    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == S.SUBMITTED
    assert proposal.versions.count() == 1
    assert f"Could not send the proposals.proposal.submitted email to user {editor.pk}" in (
        caplog.text
    )
    assert editor.email not in caplog.text


@pytest.mark.django_db
def test_an_ampersand_in_the_name_stays_an_ampersand_in_the_subject(
    django_capture_on_commit_callbacks,
):
    proposal = complete(ProposalFactory(name_th="ยะลา & เบตง <เมืองใหม่>"))
    editor = member(proposal.organisation)

    with django_capture_on_commit_callbacks(execute=True):
        submit_proposal(proposal=proposal, by=editor)

    assert "ยะลา & เบตง <เมืองใหม่>" in to(editor.email).subject


# Links -------------------------------------------------------------------------------------


@pytest.fixture
def submitted(secretariat_user, django_capture_on_commit_callbacks):
    proposal = complete(ProposalFactory())
    owner = member(proposal.organisation, role=MembershipRole.OWNER)
    with django_capture_on_commit_callbacks(execute=True):
        submit_proposal(proposal=proposal, by=owner)
    return proposal, owner


@pytest.mark.django_db
def test_the_submission_email_links_each_reader_to_their_own_page(submitted, secretariat_user):
    proposal, owner = submitted
    applicant_page = absolute_url(reverse("proposals:detail", kwargs={"pk": proposal.pk}))
    review_page = absolute_url(reverse("proposals:review", kwargs={"pk": proposal.pk}))

    assert applicant_page.startswith("http")
    assert applicant_page in to(owner.email).body
    assert review_page not in to(owner.email).body
    assert review_page in to(secretariat_user.email).body
    assert applicant_page not in to(secretariat_user.email).body


@pytest.mark.parametrize(
    ("outcome", "details"),
    [
        ("pass", {}),
        (
            "return",
            {
                "missing_items": [MissingItem(criterion="management", text="แผนการลงทุน")],
                "due_on": timezone.localdate() + dt.timedelta(days=30),
            },
        ),
        ("ineligible", {"reason": "ไม่ใช่หน่วยงานที่มีสิทธิ์เสนอ"}),
    ],
)
@pytest.mark.django_db
def test_the_screening_email_links_the_applicant_to_the_proposal(
    submitted, secretariat_user, outcome, details, django_capture_on_commit_callbacks
):
    proposal, owner = submitted
    start_screening(proposal=proposal, by=secretariat_user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        screen_proposal(proposal=proposal, outcome=outcome, by=secretariat_user, **details)

    [message] = mail.outbox
    assert message.to == [owner.email]
    assert absolute_url(reverse("proposals:detail", kwargs={"pk": proposal.pk})) in message.body


@pytest.mark.django_db
def test_the_withdrawal_email_links_the_secretariat_to_its_review_page(
    submitted, secretariat_user, django_capture_on_commit_callbacks
):
    proposal, owner = submitted
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_proposal(proposal=proposal, by=owner, reason="เปลี่ยนแผน")

    [message] = mail.outbox
    assert message.to == [secretariat_user.email]
    assert absolute_url(reverse("proposals:review", kwargs={"pk": proposal.pk})) in message.body
