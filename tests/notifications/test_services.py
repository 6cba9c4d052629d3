"""notify(): after the commit, an inbox line per user and an outbox message per email, in
each reader's language, sent through the mail queue; a failing mail server leaves the
message retried (bounded, with backoff), never lost; the secretariat can retry a failed one."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from smartcity.core.models import AuditEntry
from smartcity.core.scheduled import run_all
from smartcity.notifications import delivery
from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.models import Notification, OutboxMessage
from smartcity.notifications.services import (
    NotificationError,
    after_commit,
    notify,
    retry_message,
    sweep_outbox,
)
from tests.accounts.factories import InvitationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
DOWN = "tests.core.backends.DownBackend"
SMTP = "django.core.mail.backends.locmem.EmailBackend"
EVENT = "accounts.invitation"  # a registered event whose templates need little context


@pytest.fixture
def context():
    organisation = OrganisationFactory(
        name_th="เทศบาลนคร\r\nยะลา", name_en="Yala\r\nCity\tMunicipality"
    )
    invitation = InvitationFactory(organisation=organisation)
    return {
        "invitation": invitation,
        "organisation": organisation,
        "inviter": invitation.invited_by,
        "url": "https://smartcity.example.go.th/accounts/invitations/x/",
    }


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            notify(*args, **kwargs)

    return run


def past_due(message: OutboxMessage) -> None:
    """Time passes: the message's next attempt is long due."""
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(hours=3)
    )


@pytest.mark.parametrize(
    ("language", "name", "other"),
    [("th", "เทศบาลนคร ยะลา", "Yala City"), ("en", "Yala City Municipality", "ยะลา")],
)
def test_a_user_gets_an_inbox_line_and_an_email_in_their_language(
    told, context, language, name, other
):
    user = UserFactory(preferred_language=language)

    told(EVENT, [user], context=context, link="/accounts/me/")

    [message] = mail.outbox
    assert message.to == [user.email]
    assert name in message.subject and other not in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
    [line] = Notification.objects.filter(user=user)
    assert line.title == message.subject
    assert line.link == "/accounts/me/"
    assert line.read_at is None
    [row] = OutboxMessage.objects.all()
    assert (row.status, row.attempts, row.language, row.user) == (
        MessageStatus.SENT,
        1,
        language,
        user,
    )


def test_an_address_without_an_account_gets_email_only_in_thai_then_english(told, context):
    told(EVENT, ["new.person@example.go.th"], context=context)

    [message] = mail.outbox
    assert message.to == ["new.person@example.go.th"]
    assert message.subject.count(" / ") == 1
    thai, english = message.body.split("――――――――――")
    assert "ยะลา" in thai and "Municipality" in english
    assert Notification.objects.count() == 0
    assert OutboxMessage.objects.get().user is None


def test_nothing_is_told_when_the_action_rolls_back(django_capture_on_commit_callbacks, context):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(EVENT, [user], context=context)
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass

    assert mail.outbox == []
    assert OutboxMessage.objects.count() == 0
    assert Notification.objects.count() == 0


def test_an_unknown_event_is_refused_at_once(context):
    with pytest.raises(ValueError, match="No notification event named 'nope'"):
        notify("nope", [UserFactory()], context=context)


def test_a_message_that_cannot_be_rendered_is_logged_and_the_others_still_go(told, caplog):
    broken, fine = UserFactory(), UserFactory()
    told(EVENT, [broken], context={"organisation": Unreadable()})
    told(EVENT, [fine], context={"organisation": OrganisationFactory(), "url": "x"})

    assert f"Could not send the {EVENT} email to user {broken.pk}" in caplog.text
    assert [m.to for m in mail.outbox] == [[fine.email]]


class Unreadable:
    """An object whose name cannot be read: the template breaks on it."""

    @property
    def name_th(self):
        raise RuntimeError("the template broke")

    name_en = name_th


def test_once_tells_each_person_once_per_key(told, context):
    user = UserFactory()

    told(EVENT, [user], context=context, once="due-2026-12-05")
    told(EVENT, [user], context=context, once="due-2026-12-05")
    told(EVENT, [user], context=context, once="due-2026-12-12")

    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=user).count() == 2


def test_a_failing_mail_server_leaves_the_message_queued_for_a_retry_not_lost(
    told, context, settings, caplog
):
    settings.EMAIL_BACKEND = DOWN
    user = UserFactory(email="private.person@example.go.th")

    with caplog.at_level(logging.WARNING):
        told(EVENT, [user], context=context)

    row = OutboxMessage.objects.get()
    assert row.status == MessageStatus.QUEUED
    assert row.attempts == 1
    assert row.last_error == "ConnectionRefusedError: the mail server is down"
    assert row.next_attempt_at > timezone.now()
    assert f"Could not send the {EVENT} email to user {user.pk}, attempt 1 of 5" in caplog.text
    assert "private.person" not in caplog.text
    # The inbox line is there whatever the mail server does.
    assert Notification.objects.filter(user=user).count() == 1

    # Not yet due: the sweep leaves it; once due and the server back, the sweep sends it.
    assert sweep_outbox() == 0
    settings.EMAIL_BACKEND = SMTP
    past_due(row)
    assert run_all(only={"notifications.outbox.sweep"}) == {
        "notifications.outbox.sweep": "1 message(s) enqueued again"
    }

    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_at is not None) == (MessageStatus.SENT, 2, True)
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_message_failing_every_attempt_is_failed_audited_and_can_be_retried(
    told, context, settings, secretariat_user, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    told(EVENT, [UserFactory()], context=context)
    row = OutboxMessage.objects.get()
    for _ in range(delivery.MAX_ATTEMPTS - 1):
        past_due(row)
        sweep_outbox()

    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (
        MessageStatus.FAILED,
        delivery.MAX_ATTEMPTS,
        None,
    )
    assert AuditEntry.objects.filter(action="notifications.message.failed").count() == 1
    past_due(row)
    assert sweep_outbox() == 0  # a failed message waits for a person

    settings.EMAIL_BACKEND = SMTP
    with django_capture_on_commit_callbacks(execute=True):
        retry_message(message_id=row.pk, by=secretariat_user)

    row.refresh_from_db()
    assert row.status == MessageStatus.SENT
    assert len(mail.outbox) == 1
    entry = AuditEntry.objects.get(action="notifications.message.retried")
    assert entry.actor == secretariat_user
    assert entry.before == {"status": "failed", "attempts": delivery.MAX_ATTEMPTS}


def test_retrying_a_message_that_is_not_failed_is_refused(told, context, secretariat_user):
    told(EVENT, [UserFactory()], context=context)
    row = OutboxMessage.objects.get()

    with pytest.raises(NotificationError, match="ไม่มีสิ่งใดต้องส่งใหม่"):
        retry_message(message_id=row.pk, by=secretariat_user)


def test_a_message_enqueued_twice_is_sent_once(told, context):
    told(EVENT, [UserFactory()], context=context)
    row = OutboxMessage.objects.get()

    assert delivery.attempt(row.pk) == "nothing to send"
    assert len(mail.outbox) == 1


def test_an_address_in_a_mail_servers_error_is_kept_out_of_the_outbox():
    error = ValueError("{'Private.Person@example.go.th': (550, b'no such user')}")

    assert delivery.redacted(error) == "ValueError: {'<address>': (550, b'no such user')}"


def test_a_failing_after_commit_callback_is_logged_not_raised(
    caplog, django_capture_on_commit_callbacks
):
    def broken():
        raise RuntimeError("template exploded")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        after_commit(broken, event="test.event")

    assert len(callbacks) == 1
    assert "Could not send the emails of test.event" in caplog.text
