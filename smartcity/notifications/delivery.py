"""Sending one outbox message, through the task queue ("mail"), with bounded retries.

A message is sent by the task `send_message`. A failed attempt (mail server down) keeps the
message queued with its error and the time of the next attempt, each further apart
(RETRY_AFTER); after MAX_ATTEMPTS it is failed and stays on the secretariat's outbox page,
where it can be retried. A backend that can defer (the database worker) runs the retry at
its time; the scheduled sweep (`notifications.outbox.sweep`) re-enqueues any queued message
whose time has passed, which also covers a task lost before it ran.
"""

import datetime as dt
import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from smartcity.core import audit
from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

# After the first failed attempt wait 1 minute, then 5, 30, 2 hours; the 5th failure is final.
RETRY_AFTER = [
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
]
MAX_ATTEMPTS = len(RETRY_AFTER) + 1

# The only moves of OutboxMessage.status (one writer: `_move`).
TRANSITIONS = {
    (MessageStatus.QUEUED, MessageStatus.SENT),  # sent
    (MessageStatus.QUEUED, MessageStatus.QUEUED),  # an attempt failed, another is due
    (MessageStatus.QUEUED, MessageStatus.FAILED),  # the last attempt failed
    (MessageStatus.FAILED, MessageStatus.QUEUED),  # the secretariat retries it
}

_ADDRESS = re.compile(r"[^\s@<>\"'(),;:]+@[^\s@<>\"'(),;:]+")


def redacted(error: BaseException) -> str:
    """The error in one line, any email address in it (an SMTP refusal names the
    recipient) replaced: addresses stay out of the logs and the outbox page."""
    text = _ADDRESS.sub("<address>", f"{type(error).__name__}: {error}")
    return " ".join(text.split())[:500]


def who(message: OutboxMessage) -> str:
    return f"user {message.user_id}" if message.user_id else "an address without an account"


def _move(message: OutboxMessage, to: str, **fields) -> None:
    if (message.status, to) not in TRANSITIONS:
        raise ValueError(f"An outbox message cannot go from {message.status} to {to}.")
    message.status = to
    for name, value in fields.items():
        setattr(message, name, value)
    message.save(update_fields=["status", *fields])


def _email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage(
        message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.address]
    )
    for item in message.attachments:
        email.attach(item["filename"], item["content"], item["mimetype"])
    return email


def enqueue(message_id: int, *, run_after: dt.datetime | None = None) -> None:
    """Hand the message to the queue. If even that fails (the database went away), the
    message stays queued and the sweep finds it."""
    try:
        if run_after is not None:
            if not send_message.get_backend().supports_defer:
                return  # the sweep sends it when its time comes
            send_message.using(run_after=run_after).enqueue(message_id)
        else:
            send_message.enqueue(message_id)
    except Exception:
        logger.exception("Could not enqueue outbox message %s", message_id)


def attempt(message_id: int, *, now: dt.datetime | None = None) -> str:
    """One attempt at sending the message, if it is queued and due. Returns what happened."""
    now = now or timezone.now()
    retry_at = None
    with transaction.atomic():
        # The sweep and a deferred retry can both enqueue a message: the second task waits
        # on this lock, then finds it sent (or not yet due) and does nothing.
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != MessageStatus.QUEUED:
            return "nothing to send"
        if message.next_attempt_at and message.next_attempt_at > now:
            return "not due yet"
        attempts = message.attempts + 1
        try:
            _email(message).send()
        except Exception as error:
            reason = redacted(error)
            if attempts >= MAX_ATTEMPTS:
                _move(
                    message,
                    MessageStatus.FAILED,
                    attempts=attempts,
                    last_error=reason,
                    next_attempt_at=None,
                )
                audit.record(
                    action="notifications.message.failed",
                    target=message,
                    after={"event": message.event, "attempts": attempts},
                    note=reason,
                )
                logger.error(
                    "Could not send the %s email to %s, attempt %d of %d, giving up: %s",
                    message.event,
                    who(message),
                    attempts,
                    MAX_ATTEMPTS,
                    reason,
                )
                return "failed"
            retry_at = now + RETRY_AFTER[attempts - 1]
            _move(
                message,
                MessageStatus.QUEUED,
                attempts=attempts,
                last_error=reason,
                next_attempt_at=retry_at,
            )
            logger.warning(
                "Could not send the %s email to %s, attempt %d of %d, next at %s: %s",
                message.event,
                who(message),
                attempts,
                MAX_ATTEMPTS,
                retry_at.isoformat(),
                reason,
            )
        else:
            _move(
                message,
                MessageStatus.SENT,
                attempts=attempts,
                sent_at=now,
                next_attempt_at=None,
            )
            return "sent"
    enqueue(message_id, run_after=retry_at)
    return "retry scheduled"


@task(queue_name="mail")
def send_message(message_id: int) -> str:
    return attempt(message_id)
