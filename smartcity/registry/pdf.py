"""The announcement after a steering meeting, as PDF: a public document of the registry,
built from the same announcement as its page (`registry.selectors.announcement`)."""

from django.utils import translation

from smartcity.committee.pdf import meeting_reference
from smartcity.core.documents import kept_pdf
from smartcity.core.pdf import pdf_from_html, render_html
from smartcity.registry.selectors import Announcement

TEMPLATE = "registry/pdf/announcement.html"


def announcement_html(announcement: Announcement, language: str) -> str:
    """The announcement's page as HTML in `language`: what its PDF is drawn from, and its
    version."""
    with translation.override(language):
        context = {
            "announcement": announcement,
            "meeting": announcement.meeting,
            "figures": announcement.figures,
            "meeting_reference": meeting_reference(announcement.meeting, language),
            "approving_meetings": [
                meeting_reference(m, language) for m in announcement.approving_meetings
            ],
        }
    return render_html(TEMPLATE, context, language=language)


def announcement_pdf(announcement: Announcement, language: str) -> bytes:
    """The secretariat's announcement after a steering meeting, in `language`, drawn now:
    the areas certified (numbered, with their provinces), this batch's count, and the
    national totals as of the meeting, with declared figures marked as declared."""
    return pdf_from_html(announcement_html(announcement, language))


def kept_announcement_pdf(announcement: Announcement, language: str):
    """The announcement as its kept PDF in `language` (an open file), drawn and kept first
    when this version has not been (bytes then): an area certified or revoked at the
    meeting, a renamed area or province, a corrected meeting reference or national total
    changes the page and so the version (core.documents)."""
    return kept_pdf(
        kind="announcements",
        key=announcement.meeting.pk,
        language=language,
        html=announcement_html(announcement, language),
    )


def announcement_filename(announcement: Announcement, language: str) -> str:
    meeting = announcement.meeting
    number = f"{meeting.number}-{meeting.year_be}" if meeting.number else str(meeting.year_be)
    return f"announcement-{number}-{language}.pdf"
