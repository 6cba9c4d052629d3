"""The certificate PDF: what it says, that it prints, and who may download it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from smartcity.certification.models import Certificate
from smartcity.certification.pdf import certificate_pdf
from smartcity.certification.services.status import transition_certificate
from smartcity.core.enums import Domain
from tests.documents.pdftext import Reader, ink_ratio, page_count


def _url(certificate):
    return reverse("certification:certificate_pdf", kwargs={"number": certificate.number})


def _domain_labels(certificate, language):
    with translation.override(language):
        codes = certificate.domains.values_list("domain", flat=True)
        return [str(Domain(d).label) for d in codes]


@pytest.fixture
def certificate(replayed):
    return Certificate.objects.get(area__name_th="โคราชเมืองอัจฉริยะ")


def test_certificate_names_the_area_its_number_province_and_domains(certificate):
    pdf = Reader(certificate_pdf(certificate))

    assert certificate.area.name_th in pdf
    assert certificate.area.name_en in pdf
    assert certificate.number in pdf
    assert "นครราชสีมา" in pdf and "Nakhon Ratchasima" in pdf
    labels = _domain_labels(certificate, "th") + _domain_labels(certificate, "en")
    assert len(labels) >= 4
    assert [label for label in labels if label not in pdf] == []


def test_certificate_dates_are_buddhist_era_in_thai_and_christian_era_in_english(certificate):
    pdf = Reader(certificate_pdf(certificate))

    assert "9 พฤศจิกายน 2565" in pdf
    assert "9 November 2022" in pdf
    assert "1/2565" in pdf  # the meetings' references


def test_certificate_prints_the_address_its_qr_code_leads_to(certificate, settings):
    pdf = Reader(certificate_pdf(certificate))

    assert f"{settings.SMARTCITY['SITE_URL']}/verify/{certificate.number}/" in pdf


def test_certificate_is_one_landscape_page_with_ink(certificate):
    content = certificate_pdf(certificate)

    assert page_count(content) == 1
    assert ink_ratio(content) > 0.03


def test_certificate_of_an_imported_area_says_it_has_no_validity_term(programme_data):
    imported = Certificate.objects.get(number="SCT-2564-001")
    assert imported.valid_until is None

    pdf = Reader(certificate_pdf(imported))

    assert "no validity term on record" in pdf
    assert "not in force" not in pdf  # an imported area without a term stays active


def test_revoked_certificate_says_so_on_its_face(certificate, replayed, secretariat_user):
    transition_certificate(
        certificate=certificate,
        to_status="revoked",
        reason="ไม่ดำเนินการตามแผน",
        meeting=replayed,
        on=dt.date(2024, 1, 5),
        by=secretariat_user,
    )
    certificate.refresh_from_db()

    pdf = Reader(certificate_pdf(certificate))

    assert "REVOKED" in pdf
    assert "This certificate is not in force" in pdf
    assert "5 January 2024" in pdf


def test_active_certificate_carries_no_status_band(certificate):
    certificate.valid_until = timezone.localdate() + dt.timedelta(days=365)
    certificate.save(update_fields=["valid_until"])

    pdf = Reader(certificate_pdf(certificate))

    assert "not in force" not in pdf
    assert "REVOKED" not in pdf


# The view ------------------------------------------------------------------------------


def test_anyone_may_download_a_certificate(certificate, anonymous):
    response = anonymous.get(_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="certificate-{certificate.number}.pdf"'
    )
    assert certificate.number in Reader(response.content)


def test_unknown_certificate_number_is_404(replayed, anonymous):
    response = anonymous.get(
        reverse("certification:certificate_pdf", kwargs={"number": "SCT-2565-999"})
    )

    assert response.status_code == 404


def test_certificate_dated_after_today_is_404(certificate, anonymous):
    Certificate.objects.filter(pk=certificate.pk).update(
        certified_on=timezone.localdate() + dt.timedelta(days=1)
    )

    assert anonymous.get(_url(certificate)).status_code == 404


def test_certificate_cannot_be_posted_to(certificate, anonymous):
    assert anonymous.post(_url(certificate)).status_code == 405
