"""Every PDF speaks the language it is printed in, down to its running footer: a Thai
document is numbered "หน้า 1 / 2", an English one "Page 1 / 2"."""

import pytest

from smartcity.certification.models import Certificate
from smartcity.certification.pdf import certificate_pdf
from smartcity.committee.pdf import meeting_pack_pdf, minutes_pdf
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.minutes import draft_minutes
from smartcity.registry.pdf import announcement_pdf
from smartcity.registry.selectors import announcement
from tests.documents.pdftext import Reader, page_count

FOOTER = {"th": ("หน้า", "เมืองอัจฉริยะประเทศไทย"), "en": ("Page", "Smart City Thailand")}
OTHER = {"th": "en", "en": "th"}


def _first_announcement():
    meeting = Certificate.objects.get(number="SCT-2564-001").acknowledging_meeting
    return announcement(meeting)


def _minutes(meeting, officer):
    close_meeting(meeting=meeting, by=officer)
    return draft_minutes(meeting=meeting, by=officer)


def assert_numbered_in(pdf: bytes, language: str) -> None:
    text = Reader(pdf)
    pages = page_count(pdf)
    word, site = FOOTER[language]
    foreign = FOOTER[OTHER[language]][0]
    assert [n for n in range(1, pages + 1) if f"{word} {n} / {pages}" not in text] == []
    assert f"{foreign} 1 / {pages}" not in text
    assert site in text


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_announcement_is_numbered_in_its_language(programme_data, language):
    assert_numbered_in(announcement_pdf(_first_announcement(), language), language)


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_meeting_pack_is_numbered_in_its_language(agenda, secretariat_user, language):
    assert_numbered_in(meeting_pack_pdf(agenda, secretariat_user, language=language), language)


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_minutes_are_numbered_in_their_language(agenda, secretariat_user, language):
    minutes = _minutes(agenda, secretariat_user)

    assert_numbered_in(minutes_pdf(minutes, language=language), language)


def test_the_bilingual_certificate_carries_no_page_footer(programme_data):
    certificate = Certificate.objects.get(number="SCT-2564-001")

    text = Reader(certificate_pdf(certificate))

    assert "Page 1 / 1" not in text and "หน้า 1 / 1" not in text
