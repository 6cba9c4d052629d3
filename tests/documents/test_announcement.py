"""The announcement after a steering meeting, in Thai and in English."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartcity.certification.models import Certificate
from smartcity.registry.pdf import announcement_pdf
from smartcity.registry.selectors import announcement
from tests.documents.pdftext import Reader, ink_ratio


def _url(meeting, lang):
    return reverse("registry:announcement_pdf", kwargs={"pk": meeting.pk, "lang": lang})


def test_thai_announcement_lists_the_fifteen_areas_and_the_new_totals(replayed):
    news = announcement(replayed)

    pdf = Reader(announcement_pdf(news, "th"))

    rows = [f"{n} {a.name_th} {a.province.name_th}" for n, a in enumerate(news.areas, 1)]
    assert len(rows) == 15
    assert [row for row in rows if row not in pdf] == []
    with translation.override("th"):
        # The same sentences as the template's, in whatever Thai the catalogue gives.
        batch = ngettext(
            "This batch: %(counter)s area in %(provinces)s provinces.",
            "This batch: %(counter)s areas in %(provinces)s provinces.",
            15,
        )
        totals = _("%(provinces)s of %(total)s")
    assert batch % {"counter": 15, "provinces": 14} in pdf
    assert totals % {"provinces": 23, "total": 77} in pdf
    assert "9 พฤศจิกายน 2565" in pdf


def test_english_announcement_reads_like_the_programmes_news(replayed):
    news = announcement(replayed)

    pdf = Reader(announcement_pdf(news, "en"))

    assert "15 areas in 14 provinces" in pdf
    assert "30 certified smart-city areas in 23 of its 77 provinces" in pdf
    assert "1 Nakhon Rayong Smart and Livable City Rayong" in pdf
    assert "Hat Yai Green Smart City Songkhla" in pdf
    assert "9 November 2022" in pdf
    # Declared by the fifteen B2 proposals only: the total says by how many.
    assert "900,000 people (declared by 15 of 30 areas)" in pdf
    assert "3,750.0 million baht (declared by 15 of 30 areas)" in pdf


def test_announcement_says_not_reported_where_nothing_was_declared(programme_data):
    meeting = Certificate.objects.get(number="SCT-2564-001").acknowledging_meeting

    pdf = Reader(announcement_pdf(announcement(meeting), "en"))

    assert pdf.text.count("not reported") == 2  # population and investment
    assert "0 people" not in pdf
    assert "0.0 million baht" not in pdf


def test_announcement_prints_on_a_page_with_ink(replayed):
    assert ink_ratio(announcement_pdf(announcement(replayed), "th")) > 0.02


@pytest.mark.parametrize("lang", ["th", "en"])
def test_anyone_may_download_the_announcement(replayed, anonymous, lang):
    response = anonymous.get(_url(replayed, lang))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="announcement-1-2565-{lang}.pdf"'


def test_a_meeting_without_announcement_is_404(replayed, anonymous):
    sub_committee = Certificate.objects.filter(proposal__isnull=False).first().approving_meeting

    assert anonymous.get(_url(sub_committee, "th")).status_code == 404


def test_unknown_meeting_or_language_is_404(replayed, anonymous):
    assert (
        anonymous.get(_url(replayed, "th").replace(str(replayed.pk), "999999")).status_code == 404
    )
    assert anonymous.get(f"/announcements/{replayed.pk}/fr.pdf").status_code == 404


def test_announcement_cannot_be_posted_to(replayed, anonymous):
    assert anonymous.post(_url(replayed, "en")).status_code == 405
