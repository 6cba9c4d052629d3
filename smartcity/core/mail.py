"""Rendering emails: the reader's language, a one-line subject, absolute links.

Sending is the notifications app's (`smartcity.notifications.services.notify`): it renders
each email with `render_localised()`, keeps it in the outbox and sends it through the task
queue after the action that caused it has committed.
"""

import logging
from collections.abc import Callable, Sequence
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator

logger = logging.getLogger(__name__)

# Mail clients show about this much of a subject; a longer one (a very long proposal name)
# is cut with an ellipsis rather than folded over several header lines.
SUBJECT_MAX_CHARS = 150
# Between the versions of an email written in several languages (a reader we do not know).
LANGUAGE_SEPARATOR = "\n\n――――――――――\n\n"
LANGUAGE_JOINER = " / "


def absolute_url(path: str) -> str:
    """The address of a page of the site (`path` from `reverse()`), for emails and PDFs."""
    return f"{settings.SMARTCITY['SITE_URL']}{path}"


def one_line(text: str, *, limit: int = SUBJECT_MAX_CHARS) -> str:
    """`text` as a subject: every run of whitespace (spaces, tabs, CR, LF) becomes one
    space, and text longer than `limit` characters is cut with an ellipsis."""
    return Truncator(" ".join(str(text).split())).chars(limit)


def render_localised(
    *, subject_template: str, body_template: str, context: dict, languages: Sequence[str]
) -> tuple[str, str]:
    """The subject and body of an email in `languages` (one, or several for a reader we do
    not know: each version in turn, the subjects joined by " / "). The subject is made one
    line (a line break typed in a proposal's name would otherwise make Django refuse the
    header) and cut to SUBJECT_MAX_CHARS."""
    subjects, bodies = [], []
    for language in languages:
        with translation.override(language):
            subjects.append(one_line(render_to_string(subject_template, context)))
            bodies.append(render_to_string(body_template, context).strip())
    return one_line(LANGUAGE_JOINER.join(subjects)), LANGUAGE_SEPARATOR.join(bodies) + "\n"


# TEMPORARY (until every caller is on notifications.notify): the old sender.


def _recipient(to) -> tuple[str, int | None, str | None]:
    """Address, user id (for the log) and preferred language of a user or an address."""
    if isinstance(to, str):
        return to, None, None
    return to.email, to.pk, getattr(to, "preferred_language", None) or None


def send_localised_mail(
    *,
    event: str,
    to,
    subject_template: str,
    body_template: str,
    context: dict,
    language: str | Sequence[str] | None = None,
) -> bool:
    """Render and send one email to `to` (a user, or a bare address for someone without
    an account). Returns whether it was sent.

    `language` is the reader's language; by default the user's preferred language, else
    the site's. Several languages (for a reader we do not know) give one email with each
    version in turn, the subjects joined by " / ". The subject is made one line and cut to
    SUBJECT_MAX_CHARS. Any failure, rendering or sending, is logged with `event` and the
    user id, and not raised."""
    address, user_id, preferred = _recipient(to)
    if language is None:
        languages = [preferred or settings.LANGUAGE_CODE]
    elif isinstance(language, str):
        languages = [language]
    else:
        languages = list(language)
    try:
        subjects, bodies = [], []
        for lang in languages:
            with translation.override(lang):
                subjects.append(one_line(render_to_string(subject_template, context)))
                bodies.append(render_to_string(body_template, context).strip())
        subject = one_line(LANGUAGE_JOINER.join(subjects))
        body = LANGUAGE_SEPARATOR.join(bodies) + "\n"
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()
    except Exception:
        logger.exception(
            "Could not send the %s email to %s",
            event,
            f"user {user_id}" if user_id else "an address without an account",
        )
        return False
    return True


def after_commit(func: Callable, /, *args, event: str, **kwargs) -> None:
    """Run `func(*args, **kwargs)` (which sends emails) once the current transaction
    commits. Whatever it raises is logged with `event` and swallowed: the action has
    committed, so the person acting must see it succeed."""
    transaction.on_commit(partial(_run_logged, func, args, kwargs, event))


def _run_logged(func: Callable, args: tuple, kwargs: dict, event: str) -> None:
    try:
        func(*args, **kwargs)
    except Exception:
        logger.exception("Could not send the emails of %s", event)
