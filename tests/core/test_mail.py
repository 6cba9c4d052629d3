"""The platform's one email sender: the reader's language, a one-line subject, and no
exception after a commit."""

import logging

import pytest
from django.core import mail

from smartcity.core.mail import (
    SUBJECT_MAX_CHARS,
    absolute_url,
    after_commit,
    one_line,
    send_localised_mail,
)
from tests.accounts.factories import InvitationFactory, OrganisationFactory, UserFactory

DOWN = "tests.core.backends.DownBackend"
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
def test_mail_is_written_in_the_recipients_language_with_a_one_line_subject(
    context, language, name, other
):
    user = UserFactory(preferred_language=language)

    sent = send_localised_mail(
        event="test.event", to=user, subject_template=SUBJECT, body_template=BODY, context=context
    )

    assert sent is True
    [message] = mail.outbox
    assert message.to == [user.email]
    assert name in message.subject
    assert other not in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.message()["Subject"]  # Django builds the header without BadHeaderError


def test_mail_in_several_languages_joins_the_subjects_and_the_bodies(context):
    send_localised_mail(
        event="test.event",
        to="someone@example.go.th",
        language=("th", "en"),
        subject_template=SUBJECT,
        body_template=BODY,
        context=context,
    )

    [message] = mail.outbox
    assert message.subject.count(" / ") == 1
    thai, english = message.body.split("――――――――――")
    assert "ยะลา" in thai and "Municipality" in english


def test_mail_that_cannot_be_sent_is_logged_with_the_event_and_user_id_only(
    context, settings, caplog
):
    settings.EMAIL_BACKEND = DOWN
    user = UserFactory(email="private.person@example.go.th")

    with caplog.at_level(logging.ERROR, logger="smartcity.core.mail"):
        sent = send_localised_mail(
            event="test.event",
            to=user,
            subject_template=SUBJECT,
            body_template=BODY,
            context=context,
        )

    assert sent is False
    assert f"Could not send the test.event email to user {user.pk}" in caplog.text
    assert "private.person" not in caplog.text


def test_a_failing_after_commit_callback_is_logged_not_raised(
    db, caplog, django_capture_on_commit_callbacks
):
    def broken():
        raise RuntimeError("template exploded")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        after_commit(broken, event="test.event")

    assert len(callbacks) == 1
    assert "Could not send the emails of test.event" in caplog.text
