"""A meeting's documents as PDF: the meeting pack and the minutes.

The pack is built for one reader: the items come from visible_items(), so a member
recused from an item finds nothing of it in their pack (not its title, papers, scores or
recommendation)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartcity.committee import subjects
from smartcity.committee.enums import CommitteeKind, DatePrecision, ItemKind
from smartcity.committee.models import AgendaItem, Meeting, Minutes
from smartcity.committee.selectors import attendees, minutes_for, visible_items
from smartcity.committee.subjects import Subject
from smartcity.core.dates import format_date
from smartcity.core.pdf import render_pdf


@dataclass
class PackItem:
    item: AgendaItem
    subject: Subject | None
    papers: dict  # what the subject's papers template reads, from its owner


def meeting_reference(meeting: Meeting | None, language: str) -> str:
    """ "ครั้งที่ 1/2565, 9 พฤศจิกายน 2565": the number (or the year alone when the public
    record gives none) and the date as precisely as it is known. Call it with the
    language active."""
    if meeting is None:
        return _("not on record")
    if meeting.number:
        text = _("Meeting %(reference)s") % {"reference": meeting.reference}
    else:
        text = _("A meeting of %(year)s") % {"year": meeting.year_be}
    if meeting.held_on and meeting.held_on_precision == DatePrecision.DAY:
        text += f", {format_date(meeting.held_on, language)}"
    elif meeting.held_on and meeting.held_on_precision == DatePrecision.MONTH:
        text += f", {format_date(meeting.held_on, language, style='month')}"
    return text


def _pack_items(items: list[AgendaItem]) -> list[PackItem]:
    """Each item with its subject's papers, asking each kind once for all of its own."""
    papers: dict[tuple[str, int], dict] = {}
    by_kind: dict[str, list[Subject]] = {}
    for item in items:
        if item.subject is not None:
            by_kind.setdefault(item.subject_kind, []).append(item.subject)
    for code, found in by_kind.items():
        kind = subjects.get(code)
        if kind.papers is not None:
            for pk, context in kind.papers(subjects=found).items():
                papers[(code, pk)] = context
    return [
        PackItem(item, item.subject, papers.get((item.subject_kind, item.subject_id), {}))
        for item in items
    ]


def _language(user) -> str:
    return getattr(user, "preferred_language", "") or get_language() or "th"


def meeting_pack_pdf(meeting: Meeting, user, language: str | None = None) -> bytes:
    """The pack `user` receives for `meeting`: the cover (committee, number, date, time,
    place or link), who is invited, the agenda, and each item's papers as its subject's
    owner sets them out (for a proposal: its proponent, provinces, domains, evaluation
    figures and the secretariat's recommendation; for an acknowledgement, the
    sub-committee's resolution)."""
    language = language or _language(user)
    items = subjects.attach(visible_items(meeting, user))
    with translation.override(language):  # labels computed here are the reader's
        context = {
            "meeting": meeting,
            "attendees": list(attendees(meeting)),
            "items": _pack_items(items),
            "information": [item for item in items if item.kind == ItemKind.FOR_INFORMATION],
            "decision": [item for item in items if item.kind == ItemKind.FOR_DECISION],
            "reader": user,
        }
    return render_pdf("committee/pdf/meeting_pack.html", context, language=language)


def meeting_pack_filename(meeting: Meeting) -> str:
    return f"meeting-pack-{_slug(meeting)}.pdf"


class MinutesWithheld(Exception):
    """The reader may not read these minutes (a draft, or naming an item they are
    recused from)."""


def minutes_pdf(minutes: Minutes, language: str = "th", reader=None) -> bytes:
    """The minutes as kept (their body is the Thai record), with a heading; marked as a
    draft on every page until adopted, and with the adoption date once adopted.

    For a `reader` recused from items, the paragraph of each such item is left out."""
    body = minutes.body
    if reader is not None:
        # The same reading as the pages: without the paragraphs of items the reader is
        # recused from, or nothing at all if the text still names such an item.
        body = minutes_for(minutes.meeting, reader)
        if body is None:
            raise MinutesWithheld
    paragraphs = _paragraphs(body)
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "adopted": minutes.is_adopted,
        "paragraphs": paragraphs,
    }
    return render_pdf("committee/pdf/minutes.html", context, language=language)


def minutes_filename(minutes: Minutes) -> str:
    return f"minutes-{_slug(minutes.meeting)}.pdf"


def _paragraphs(body: str) -> list[list[str]]:
    """The body's blank-line separated paragraphs, each a list of its lines."""
    paragraphs, current = [], []
    for line in body.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _slug(meeting: Meeting) -> str:
    kind = "steering" if meeting.committee.kind == CommitteeKind.STEERING else "sub-committee"
    number = f"{meeting.number}-{meeting.year_be}" if meeting.number else str(meeting.year_be)
    return f"{kind}-{number}"
