"""Rendering emails: the reader's language, a one-line subject, absolute links.

Sending is the notifications app's (`smartcity.notifications.services.notify`): it renders
each email with `render_localised()`, keeps it in the outbox and sends it through the task
queue after the action that caused it has committed.
"""

from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator

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
