"""Notifications: an event in; inbox lines, outbox messages and emails out.

    notify(
        "committee.meeting.invited",
        members,                      # users (inbox and email) or bare addresses (email only)
        context={"meeting": meeting},
        link=reverse("committee:my_meeting", args=[meeting.pk]),
        calendar=[meeting_item],      # .ics attachment, in each reader's language
    )

Everything happens after the caller's transaction commits, so a rolled-back action tells
no one and a committed action never fails because of mail.
"""

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core import audit
from smartcity.core.errors import ActionRefused
from smartcity.core.mail import absolute_url, one_line, render_localised
from smartcity.notifications import delivery, events, ical
from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.models import CalendarFeed, Notification, OutboxMessage

logger = logging.getLogger(__name__)

# Someone without an account has no preferred language yet: Thai first, English below.
UNKNOWN_READER_LANGUAGES = ("th", "en")
# A queued message whose time passed this long ago has lost its task (a worker died, the
# queue was emptied): the sweep enqueues it again. Shorter would race a busy worker (which
# is harmless, only wasteful: the task locks the row and sends once).
SWEEP_GRACE = dt.timedelta(minutes=5)


class NotificationError(ActionRefused):
    pass


def notify(
    event: str,
    recipients: Iterable,
    *,
    context: dict,
    link: str | None = None,
    calendar: Sequence[ical.CalendarItem] = (),
    attachments: Sequence[dict] = (),
    language: str | Sequence[str] | None = None,
    once: str = "",
) -> None:
    """Tell `recipients` of `event` (a name in `notifications.events`), after the current
    transaction commits.

    Per recipient, in order: the event's templates are rendered in their language (a
    user's preferred language, Thai by default; `language` for a bare address, else Thai
    then English), with `user` added to `context` for a user; a user gets an inbox line
    linking to `link` (a path); everyone gets an outbox message, with `calendar` as an .ics
    attachment written in their language and any `attachments` ({filename, content,
    mimetype}); then the message is handed to the "mail" queue. A recipient whose email
    cannot be rendered is logged (event and user id, never the address) and skipped.

    `once` (a key naming what is told, e.g. "proposal-12-due-2026-12-05") makes the event
    idempotent per recipient: whoever was already told under that key is skipped, so a
    daily job run twice tells no one twice (a unique constraint settles two runs at once)."""
    spec = events.get(event)
    people = list(recipients)
    transaction.on_commit(
        partial(
            _deliver,
            spec,
            people,
            context,
            link,
            tuple(calendar),
            tuple(attachments),
            language,
            once,
        )
    )


def _languages(recipient, language) -> tuple[object | None, str, list[str]]:
    if isinstance(recipient, str):
        if language is None:
            return None, recipient, list(UNKNOWN_READER_LANGUAGES)
        return None, recipient, [language] if isinstance(language, str) else list(language)
    return recipient, recipient.email, [recipient.preferred_language or settings.LANGUAGE_CODE]


def _deliver(spec, people, context, link, calendar, attachments, language, once) -> None:
    for recipient in people:
        user, address, languages = _languages(recipient, language)
        # Cut to the column's length here, so that the check below and the row agree.
        key = f"{spec.name}:{once}:{user.pk if user else address.lower()}"[:200] if once else ""
        if key and OutboxMessage.objects.filter(dedupe_key=key).exists():
            continue
        try:
            message = _write(
                spec, user, address, languages, context, link, calendar, attachments, key
            )
        except IntegrityError:
            continue  # told under this key by a run at the same moment
        except Exception:
            logger.exception(
                "Could not send the %s email to %s",
                spec.name,
                f"user {user.pk}" if user else "an address without an account",
            )
            continue
        transaction.on_commit(partial(delivery.enqueue, message.pk))


def _write(
    spec, user, address, languages, context, link, calendar, attachments, key
) -> OutboxMessage:
    context = {**context, "user": user} if user else dict(context)
    if link and "url" not in context:
        context["url"] = absolute_url(link)
    subject, body = render_localised(
        subject_template=spec.subject_template,
        body_template=spec.body_template,
        context=context,
        languages=languages,
    )
    files = list(attachments)
    if calendar:
        files.append(ical.attachment(calendar, language=languages[0]))
    with transaction.atomic():
        if user is not None and spec.inbox:
            Notification.objects.create(
                user=user,
                event=spec.name,
                title=one_line(subject, limit=300),
                body=body.strip(),
                link=link or "",
            )
        return OutboxMessage.objects.create(
            event=spec.name,
            user=user,
            address=address,
            language=",".join(languages),
            subject=subject,
            body=body,
            attachments=files,
            dedupe_key=key,
            next_attempt_at=timezone.now(),
        )


def after_commit(func: Callable, /, *args, event: str, **kwargs) -> None:
    """Run `func(*args, **kwargs)` once the current transaction commits: for a caller
    that reads what it tells only after the commit (who is still unconflicted, the
    meeting's final agenda) and then calls `notify()`. Whatever it raises is logged with
    `event` and swallowed: the action has committed, so the person acting must see it
    succeed."""
    transaction.on_commit(partial(_run_logged, func, args, kwargs, event))


def _run_logged(func: Callable, args: tuple, kwargs: dict, event: str) -> None:
    try:
        func(*args, **kwargs)
    except Exception:
        logger.exception("Could not send the emails of %s", event)


# The inbox ---------------------------------------------------------------------------------


def mark_read(*, notification: Notification, by) -> Notification:
    """Mark one of `by`'s notifications read (again is a no-op)."""
    if notification.user_id != by.pk:
        raise NotificationError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, by) -> int:
    """Mark every unread notification of `by` read; returns how many."""
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


# The outbox --------------------------------------------------------------------------------


def retry_message(*, message_id: int, by) -> OutboxMessage:
    """Give a failed message a new round of attempts (the secretariat, once the mail
    server is back or the address is corrected). Audited; the message is enqueued after
    the commit."""
    with transaction.atomic():
        # Two officers pressing Retry at once: the second finds it queued and is refused.
        message = OutboxMessage.objects.select_for_update().get(pk=message_id)
        if message.status != MessageStatus.FAILED:
            raise NotificationError(
                _("This message is not failed (it is %(status)s): there is nothing to retry.")
                % {"status": message.get_status_display()}
            )
        attempts = message.attempts
        delivery._move(message, MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now())
        audit.record(
            action="notifications.message.retried",
            by=by,
            target=message,
            before={"status": MessageStatus.FAILED, "attempts": attempts},
            after={"status": MessageStatus.QUEUED},
        )
        transaction.on_commit(partial(delivery.enqueue, message.pk))
    return message


def sweep_outbox(*, now: dt.datetime | None = None) -> int:
    """Enqueue again every queued message whose attempt was due more than SWEEP_GRACE
    ago: its retry was not deferred (a backend that cannot defer) or its task was lost.
    Returns how many."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(
            status=MessageStatus.QUEUED, next_attempt_at__lte=now - SWEEP_GRACE
        ).values_list("pk", flat=True)
    )
    for pk in due:
        delivery.enqueue(pk)
    return len(due)


# The calendar feed --------------------------------------------------------------------------


def regenerate_calendar_feed(*, by) -> CalendarFeed:
    """Give `by` a calendar feed at a new secret address; the old address stops working."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=by).first()
        if feed is None:
            feed = CalendarFeed.objects.create(user=by)
            action = "notifications.calendar_feed.created"
        else:
            feed.token = CalendarFeed._meta.get_field("token").default()
            feed.save(update_fields=["token"])
            action = "notifications.calendar_feed.regenerated"
        audit.record(action=action, by=by, target=feed)
    return feed


def revoke_calendar_feed(*, by) -> bool:
    """Stop `by`'s calendar feed (its address answers 404). Returns whether there was one."""
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=by).delete()
        if deleted:
            audit.record(action="notifications.calendar_feed.revoked", by=by, target=by)
    return bool(deleted)
