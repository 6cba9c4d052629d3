import pytest
from django.core import mail
from django.test import TestCase

from smartcity.core.dates import ENGLISH_MONTHS, THAI_MONTHS
from smartcity.notifications.receivers import tell_invitee
from tests.accounts.factories import InvitationFactory, OrganisationFactory, UserFactory

SITE = "https://smartcity.example.go.th/"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name_th="เทศบาลนครยะลา", name_en="Yala City Municipality")


def send(invitation) -> None:
    # The email is written and sent after the commit (notifications).
    with TestCase.captureOnCommitCallbacks(execute=True):
        tell_invitee(invitation, site_url=SITE)


def months_in(text: str) -> tuple[bool, bool]:
    return any(m in text for m in THAI_MONTHS), any(m in text for m in ENGLISH_MONTHS)


@pytest.mark.django_db
def test_invitation_to_someone_without_an_account_is_in_thai_then_english(organisation):
    invitation = InvitationFactory(organisation=organisation, email="new@example.go.th")

    send(invitation)

    message = mail.outbox[0]
    thai, english = message.body.split("――――――――――")
    assert message.to == ["new@example.go.th"]
    assert message.subject.index("เทศบาลนครยะลา") < message.subject.index("Yala City Municipality")
    assert "เทศบาลนครยะลา" in thai
    assert months_in(thai) == (True, False)
    assert "Yala City Municipality" in english
    assert months_in(english) == (False, True)
    assert thai.count(f"{SITE}accounts/invitations/{invitation.token}/") == 1
    assert english.count(f"{SITE}accounts/invitations/{invitation.token}/") == 1


@pytest.mark.parametrize(
    ("language", "name", "other"),
    [
        ("en", "Yala City Municipality", "เทศบาลนครยะลา"),
        ("th", "เทศบาลนครยะลา", "Yala City Municipality"),
    ],
)
@pytest.mark.django_db
def test_invitation_to_someone_with_an_account_is_in_their_language(
    organisation, language, name, other
):
    UserFactory(email="known@example.go.th", preferred_language=language)
    invitation = InvitationFactory(organisation=organisation, email="Known@example.go.th")

    send(invitation)

    message = mail.outbox[0]
    assert name in message.subject
    assert other not in message.body
    assert months_in(message.body) == (language == "th", language == "en")


@pytest.mark.django_db
def test_invitation_email_that_cannot_be_sent_is_logged_not_raised(organisation, settings, caplog):
    settings.EMAIL_BACKEND = "tests.accounts.test_emails.BrokenBackend"
    invitation = InvitationFactory(organisation=organisation)

    send(invitation)

    assert "Could not send the accounts.invitation email" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


@pytest.mark.parametrize("field", ["name_th", "name_en"])
@pytest.mark.django_db
def test_a_line_break_in_the_organisations_name_gives_a_one_line_subject(field):
    organisation = OrganisationFactory(**{field: "เทศบาลนคร\r\nยะลา\n"})
    invitation = InvitationFactory(organisation=organisation)

    send(invitation)

    [message] = mail.outbox
    assert "เทศบาลนคร ยะลา" in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
    message.message()  # the headers build
