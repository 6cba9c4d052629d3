"""The announcement after a steering meeting, as PDF: a public document of the registry,
built from the same announcement as its page (`registry.selectors.announcement`)."""

from django.utils import translation

from smartcity.committee.pdf import meeting_reference
from smartcity.core.pdf import render_pdf
from smartcity.registry.selectors import Announcement


def announcement_pdf(announcement: Announcement, language: str) -> bytes:
    """The secretariat's announcement after a steering meeting, in `language`: the areas
    certified (numbered, with their provinces), this batch's count, and the national
    totals as of the meeting, with declared figures marked as declared."""
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
    return render_pdf("registry/pdf/announcement.html", context, language=language)


def announcement_filename(announcement: Announcement, language: str) -> str:
    meeting = announcement.meeting
    number = f"{meeting.number}-{meeting.year_be}" if meeting.number else str(meeting.year_be)
    return f"announcement-{number}-{language}.pdf"
