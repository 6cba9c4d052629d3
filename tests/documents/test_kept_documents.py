"""The certificate and the announcement are drawn once per version and kept: the next
request streams the kept file; a change the page shows gives a new PDF on the next request;
a change it does not show keeps the file."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.models import Certificate, CertifiedArea
from smartcity.certification.services.issuing import set_certificate_domains
from smartcity.certification.services.status import transition_certificate
from smartcity.core import versions
from tests.certification.views.certificates import DECIDED_ON, certificate, deciding_meeting
from tests.documents.pdftext import Reader


def _get(url: str) -> bytes:
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.getvalue()


def _certificate_url(held: Certificate) -> str:
    return reverse("certification:certificate_pdf", args=[held.number])


@pytest.fixture
def held(db) -> Certificate:
    return certificate()


# The certificate -----------------------------------------------------------------------


def test_the_second_request_for_a_certificate_draws_nothing(held, drawn):
    first = _get(_certificate_url(held))

    second = _get(_certificate_url(held))

    assert second == first
    assert len(drawn) == 1


def test_the_kept_certificate_is_streamed_from_the_store(held, drawn):
    Client().get(_certificate_url(held))

    response = Client().get(_certificate_url(held))

    assert response.streaming
    assert response["Content-Disposition"] == f'inline; filename="certificate-{held.number}.pdf"'
    assert held.number in Reader(response.getvalue())


def test_a_revocation_gives_a_new_certificate_pdf_that_says_so(held, drawn, secretariat_user):
    before = _get(_certificate_url(held))

    transition_certificate(
        certificate=held,
        to_status=CertificateStatus.REVOKED,
        reason="ไม่ดำเนินการตามแผนภายในสองปี",
        meeting=deciding_meeting(),
        on=DECIDED_ON,
        by=secretariat_user,
    )
    after = _get(_certificate_url(held))

    assert "REVOKED" not in Reader(before)
    assert "REVOKED" in Reader(after)
    assert "15 March 2024" in Reader(after)
    assert len(drawn) == 2


def test_a_renewed_term_gives_a_new_certificate_pdf(held, drawn):
    _get(_certificate_url(held))

    Certificate.objects.filter(pk=held.pk).update(valid_until=dt.date(2101, 5, 31))
    after = Reader(_get(_certificate_url(held)))

    assert "31 May 2101" in after
    assert len(drawn) == 2


def test_a_new_logo_domain_gives_a_new_certificate_pdf(held, drawn):
    before = Reader(_get(_certificate_url(held)))

    set_certificate_domains(certificate=held, domains=["mobility", "living", "energy"])
    after = Reader(_get(_certificate_url(held)))

    assert "Smart Energy" not in before
    assert "Smart Energy" in after
    assert len(drawn) == 2


def test_a_change_the_certificate_does_not_show_keeps_the_kept_pdf(held, drawn):
    first = _get(_certificate_url(held))

    area = held.area
    area.note = "บันทึกภายในของสำนักงาน"
    area.population_served = 123_456
    area.save()
    second = _get(_certificate_url(held))

    assert second == first
    assert len(drawn) == 1


def test_a_new_site_address_gives_a_certificate_with_the_new_qr_address(held, drawn, settings):
    _get(_certificate_url(held))

    settings.SMARTCITY = {**settings.SMARTCITY, "SITE_URL": "https://verify.example.go.th"}
    after = Reader(_get(_certificate_url(held)))

    assert f"https://verify.example.go.th/verify/{held.number}/" in after
    assert len(drawn) == 2


def test_a_certificate_keeps_one_file_per_version(held, drawn, settings):
    _get(_certificate_url(held))
    set_certificate_domains(certificate=held, domains=["energy"])
    _get(_certificate_url(held))

    folder = settings.MEDIA_ROOT / "documents" / "certificates" / str(held.pk)
    assert len(list(folder.iterdir())) == 1


# The announcement ----------------------------------------------------------------------


@pytest.fixture
def meeting(programme_data):
    """The steering meeting that acknowledged the programme's first certificates."""
    return Certificate.objects.get(number="SCT-2564-001").acknowledging_meeting


def _announcement_url(meeting, lang: str) -> str:
    return reverse("registry:announcement_pdf", kwargs={"pk": meeting.pk, "lang": lang})


def test_each_language_of_the_announcement_is_drawn_once(meeting, drawn):
    th = [_get(_announcement_url(meeting, "th")) for _ in range(2)]
    en = [_get(_announcement_url(meeting, "en")) for _ in range(2)]

    assert th[0] == th[1]
    assert en[0] == en[1]
    assert th[0] != en[0]
    assert "Announcement" in Reader(en[0])
    assert len(drawn) == 2


def test_a_renamed_area_gives_a_new_announcement_in_both_languages(meeting, drawn):
    for lang in ("th", "en"):
        _get(_announcement_url(meeting, lang))

    area = CertifiedArea.objects.get(certificates__number="SCT-2564-001")
    area.name_th, area.name_en = "เมืองทดสอบเปลี่ยนชื่อ", "Renamed Test City"
    area.save()
    th = Reader(_get(_announcement_url(meeting, "th")))
    en = Reader(_get(_announcement_url(meeting, "en")))

    assert "เมืองทดสอบเปลี่ยนชื่อ" in th
    assert "Renamed Test City" in en
    assert len(drawn) == 4


def test_a_declared_population_gives_a_new_announcement_total(meeting, drawn):
    before = Reader(_get(_announcement_url(meeting, "en")))

    CertifiedArea.objects.filter(certificates__number="SCT-2564-001").update(
        population_served=54_321
    )
    # Every service that changes what the registry shows bumps its version (core.versions),
    # which is what refreshes the national figures the announcement prints.
    versions.bump(versions.REGISTRY)
    after = Reader(_get(_announcement_url(meeting, "en")))

    assert "54,321 people" not in before
    assert "54,321 people" in after
    assert len(drawn) == 2


def test_a_change_the_announcement_does_not_show_keeps_the_kept_pdf(meeting, drawn):
    first = _get(_announcement_url(meeting, "th"))

    CertifiedArea.objects.update(note="บันทึกภายในของสำนักงาน")
    second = _get(_announcement_url(meeting, "th"))

    assert second == first
    assert len(drawn) == 1
