"""The certificate PDF: what it says, that it prints, and who may download it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from smartcity.certification.models import CertifiedArea
from smartcity.certification.pdf import certificate_pdf
from smartcity.certification.services import transition_certificate
from smartcity.core.enums import Domain
from tests.documents.pdftext import Reader, ink_ratio, page_count


def _url(area):
    return reverse("certification:certificate_pdf", kwargs={"number": area.certificate_number})


def _domain_labels(area, language):
    with translation.override(language):
        return [str(Domain(d).label) for d in area.domains.values_list("domain", flat=True)]


@pytest.fixture
def area(replayed):
    return CertifiedArea.objects.get(name_th="โคราชเมืองอัจฉริยะ")


def test_certificate_names_the_area_its_number_province_and_domains(area):
    pdf = Reader(certificate_pdf(area))

    assert area.name_th in pdf
    assert area.name_en in pdf
    assert area.certificate_number in pdf
    assert "นครราชสีมา" in pdf and "Nakhon Ratchasima" in pdf
    labels = _domain_labels(area, "th") + _domain_labels(area, "en")
    assert len(labels) >= 4
    assert [label for label in labels if label not in pdf] == []


def test_certificate_dates_are_buddhist_era_in_thai_and_christian_era_in_english(area):
    pdf = Reader(certificate_pdf(area))

    assert "9 พฤศจิกายน 2565" in pdf
    assert "9 November 2022" in pdf
    assert "1/2565" in pdf  # the meetings' references


def test_certificate_prints_the_address_its_qr_code_leads_to(area, settings):
    pdf = Reader(certificate_pdf(area))

    assert f"{settings.SMARTCITY['SITE_URL']}/verify/{area.certificate_number}/" in pdf


def test_certificate_is_one_landscape_page_with_ink(area):
    content = certificate_pdf(area)

    assert page_count(content) == 1
    assert ink_ratio(content) > 0.03


def test_certificate_of_an_imported_area_says_it_has_no_validity_term(programme_data):
    area = CertifiedArea.objects.get(certificate_number="SCT-2564-001")
    assert area.valid_until is None

    pdf = Reader(certificate_pdf(area))

    assert "no validity term on record" in pdf
    assert "not in force" not in pdf  # an imported area without a term stays active


def test_revoked_certificate_says_so_on_its_face(area, replayed, secretariat_user):
    transition_certificate(
        area=area,
        to_status="revoked",
        reason="ไม่ดำเนินการตามแผน",
        meeting=replayed,
        on=dt.date(2024, 1, 5),
        by=secretariat_user,
    )
    area.refresh_from_db()

    pdf = Reader(certificate_pdf(area))

    assert "REVOKED" in pdf
    assert "This certificate is not in force" in pdf
    assert "5 January 2024" in pdf


def test_active_certificate_carries_no_status_band(area):
    area.valid_until = timezone.localdate() + dt.timedelta(days=365)
    area.save(update_fields=["valid_until"])

    pdf = Reader(certificate_pdf(area))

    assert "not in force" not in pdf
    assert "REVOKED" not in pdf


# The view ------------------------------------------------------------------------------


def test_anyone_may_download_a_certificate(area, anonymous):
    response = anonymous.get(_url(area))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="certificate-{area.certificate_number}.pdf"'
    )
    assert area.certificate_number in Reader(response.content)


def test_unknown_certificate_number_is_404(replayed, anonymous):
    response = anonymous.get(
        reverse("certification:certificate_pdf", kwargs={"number": "SCT-2565-999"})
    )

    assert response.status_code == 404


def test_certificate_dated_after_today_is_404(area, anonymous):
    CertifiedArea.objects.filter(pk=area.pk).update(
        certified_on=timezone.localdate() + dt.timedelta(days=1)
    )

    assert anonymous.get(_url(area)).status_code == 404


def test_certificate_cannot_be_posted_to(area, anonymous):
    assert anonymous.post(_url(area)).status_code == 405
