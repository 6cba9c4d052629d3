"""Certificates in the public registry: the area page's certificate block and history, and
a revoked area, which stays reachable but stops counting from the day of its revocation."""

import datetime as dt

import pytest
from django.urls import reverse

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.models import CertifiedArea
from smartcity.certification.services.batches import set_ceremony
from smartcity.certification.services.status import transition_certificate
from tests.certification.views.certificates import deciding_meeting

REVOKED_ON = dt.date(2024, 3, 15)

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["smartcity_language"] = "en"
    return client


@pytest.fixture
def korat(programme_data):
    return CertifiedArea.objects.get(name_en="Korat Smart City")


@pytest.fixture
def korat_revoked(korat, secretariat_user):
    transition_certificate(certificate=korat.certificates.get(), to_status=CertificateStatus.REVOKED,
                           reason="ไม่ดำเนินการตามแผนภายในสองปี", meeting=deciding_meeting(),
                           on=REVOKED_ON, by=secretariat_user)  # fmt: skip
    korat.refresh_from_db()
    return korat


def area_page(client, area):
    return client.get(reverse("registry:area_detail", args=[area.pk]))


def test_area_page_shows_the_certificate_and_its_history(anonymous, korat):
    response = area_page(english(anonymous), korat)

    html = response.text
    number = korat.certificates.get().number
    assert number.startswith("SCT-2565-")
    assert number in html
    assert 'class="badge status-active" data-testid="certificate-status">Active' in html
    assert "no validity term on record" in html  # imported from the public record
    assert reverse("certification:verify", args=[number]) in html
    history = html.split('data-testid="certificate-history"')[1].split("</ol>")[0]
    assert 'data-testid="event-certified"' in history
    assert "9 November 2022" in history
    assert "meeting 1/2565" in history


def test_area_page_history_shows_the_logo_ceremony(anonymous, korat, secretariat_user):
    set_ceremony(batch=korat.batch, on=dt.date(2023, 1, 9), by=secretariat_user)

    html = area_page(english(anonymous), korat).text

    history = html.split('data-testid="certificate-history"')[1].split("</ol>")[0]
    assert 'data-testid="event-ceremony"' in history
    assert "Logo presented" in history
    assert "9 January 2023" in history


def test_area_page_of_a_b1_area_shows_the_month_of_its_historical_meeting(
    anonymous, programme_data
):
    phuket = CertifiedArea.objects.get(name_en="Phuket Smart City")

    html = area_page(english(anonymous), phuket).text

    history = html.split('data-testid="certificate-history"')[1].split("</ol>")[0]
    assert "(November 2021)" in history


def test_area_page_of_a_suspended_area_gives_the_reason(anonymous, korat, secretariat_user):
    transition_certificate(certificate=korat.certificates.get(), to_status=CertificateStatus.SUSPENDED,
                           reason="ไม่ส่งรายงานความก้าวหน้า", meeting=deciding_meeting(),
                           on=REVOKED_ON, by=secretariat_user)  # fmt: skip

    html = area_page(english(anonymous), korat).text

    assert 'data-testid="certificate-status">Suspended' in html
    assert "ไม่ส่งรายงานความก้าวหน้า" in html
    assert 'data-testid="event-suspended"' in html


def test_a_revoked_area_page_stays_reachable_and_says_so(anonymous, korat_revoked):
    response = area_page(english(anonymous), korat_revoked)

    assert response.status_code == 200
    html = response.text
    assert 'data-testid="area-status">Certificate revoked' in html
    assert "The certificate was revoked on 15 March 2024" in html
    assert "ไม่ดำเนินการตามแผนภายในสองปี" in html
    assert 'data-testid="event-revoked"' in html
    assert "meeting 1/2567" in html


def test_a_revoked_area_leaves_the_registry_list_from_its_revocation(anonymous, korat_revoked):
    today = anonymous.get(reverse("registry:area_list"))
    before = anonymous.get(reverse("registry:area_list"), {"as_of": "2024-03-14"})
    on_the_day = anonymous.get(reverse("registry:area_list"), {"as_of": "2024-03-15"})

    assert today.context["page"].paginator.count == 29
    assert korat_revoked not in today.context["page"].object_list
    assert before.context["page"].paginator.count == 30
    assert korat_revoked in before.context["page"].object_list
    assert on_the_day.context["page"].paginator.count == 29


def test_a_revoked_area_leaves_the_home_figures_from_its_revocation(anonymous, korat_revoked):
    others_in_province = CertifiedArea.objects.filter(
        province=korat_revoked.province, certificates__revoked_on__isnull=True
    ).count()
    provinces_now = 23 if others_in_province else 22

    today = anonymous.get("/").context["figures"]
    before = anonymous.get("/", {"as_of": "2024-03-14"}).context["figures"]

    assert (today.areas, today.provinces) == (29, provinces_now)
    assert (before.areas, before.provinces) == (30, 23)


def test_a_revoked_area_leaves_its_province_page_and_exports(anonymous, korat_revoked):
    province = anonymous.get(
        reverse("registry:province_detail", args=[korat_revoked.province.code])
    )
    export = anonymous.get(reverse("registry:export_csv"))
    rows = b"".join(export.streaming_content).decode("utf-8")

    assert korat_revoked not in list(province.context["areas"])
    assert "Korat Smart City" not in rows
    assert len(rows.strip().splitlines()) == 1 + 29
