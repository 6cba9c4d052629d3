"""Rendering emails: the reader's language and a one-line subject (sending, the outbox and
its retries are tested with the notifications app)."""

import pytest
from django.core.mail import EmailMessage

from smartcity.core.mail import SUBJECT_MAX_CHARS, absolute_url, one_line, render_localised
from tests.accounts.factories import InvitationFactory, OrganisationFactory

SUBJECT = "accounts/emails/invitation_subject.txt"
BODY = "accounts/emails/invitation_body.txt"


@pytest.fixture
def context(db):
    organisation = OrganisationFactory(
        name_th="เทศบาลนคร\r\nยะลา", name_en="Yala\r\nCity\tMunicipality"
    )
    invitation = InvitationFactory(organisation=organisation)
    return {
        "invitation": invitation,
        "organisation": organisation,
        "inviter": invitation.invited_by,
        "url": absolute_url("/accounts/invitations/x/"),
    }


@pytest.mark.parametrize(
    ("typed", "subject"),
    [
        ("Yala\r\nCity", "Yala City"),
        ("Yala\nCity\r", "Yala City"),
        ("  Yala \t\r\n\r\n City  ", "Yala City"),
        ("\u2028Yala\u2029City\x0b\x0c", "Yala City"),  # Unicode line and paragraph breaks
    ],
)
def test_one_line_turns_every_line_break_into_one_space(typed, subject):
    assert one_line(typed) == subject


def test_one_line_cuts_a_long_subject_with_an_ellipsis():
    subject = one_line("เมืองอัจฉริยะ" * 40)

    assert len(subject) == SUBJECT_MAX_CHARS
    assert subject.endswith("…")


def test_absolute_url_starts_with_the_sites_address(settings):
    settings.SMARTCITY = {**settings.SMARTCITY, "SITE_URL": "https://smartcity.example.go.th"}

    assert absolute_url("/proposals/7/") == "https://smartcity.example.go.th/proposals/7/"


@pytest.mark.parametrize(
    ("language", "name", "other"),
    [("th", "เทศบาลนคร ยะลา", "Yala City"), ("en", "Yala City Municipality", "ยะลา")],
)
def test_mail_is_written_in_the_readers_language_with_a_one_line_subject(
    context, language, name, other
):
    subject, body = render_localised(
        subject_template=SUBJECT, body_template=BODY, context=context, languages=[language]
    )

    assert name in subject
    assert other not in subject
    assert "\n" not in subject and "\r" not in subject
    message = EmailMessage(subject, body, "from@example.go.th", ["to@example.go.th"])
    assert message.message()["Subject"]  # Django builds the header without BadHeaderError


def test_mail_in_several_languages_joins_the_subjects_and_the_bodies(context):
    subject, body = render_localised(
        subject_template=SUBJECT, body_template=BODY, context=context, languages=["th", "en"]
    )

    assert subject.count(" / ") == 1
    thai, english = body.split("――――――――――")
    assert "ยะลา" in thai and "Municipality" in english
