"""An expired certificate reads the same everywhere: the figures and the list as of any
date, the area page, the verification page and its JSON, in Thai and in English.

"Valid until D" (มีผลถึงวันที่ D) includes D: the area counts on D, not on D + 1."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from smartcity.core.dates import format_date
from smartcity.geo.models import Province
from tests.certification.factories import CertifiedAreaFactory

pytestmark = pytest.mark.django_db

VALID_UNTIL = dt.date(2025, 5, 31)
DAY_AFTER = VALID_UNTIL + dt.timedelta(days=1)
LANGUAGES = ["th", "en"]


def in_language(client, language):
    client.cookies["smartcity_language"] = language
    return client


def area_valid_until(valid_until):
    """A numbered area in Phuket certified in 2023, next to one in Chiang Mai without a
    validity term on record (as the imported areas)."""
    CertifiedAreaFactory(province=Province.objects.get(code="50"), certified_on=dt.date(2023, 6, 1))
    return CertifiedAreaFactory(
        province=Province.objects.get(code="83"),
        certified_on=dt.date(2023, 6, 1),
        certificate_number="SCT-2566-001",
        valid_until=valid_until,
    )


def figure(html, name):
    return html.split(f'data-testid="figure-{name}"><span class="number">')[1].split("<")[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("as_of", "areas"), [(VALID_UNTIL, "2"), (DAY_AFTER, "1")])
def test_home_figures_count_the_area_on_its_last_day_and_not_after(
    anonymous, language, as_of, areas
):
    area_valid_until(VALID_UNTIL)

    html = in_language(anonymous, language).get("/", {"as_of": as_of.isoformat()}).text

    assert (figure(html, "areas"), figure(html, "provinces")) == (areas, areas)
    assert format_date(as_of, language) in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("as_of", "listed"), [(VALID_UNTIL, True), (DAY_AFTER, False)])
def test_list_shows_the_area_on_its_last_day_and_not_after(anonymous, language, as_of, listed):
    area = area_valid_until(VALID_UNTIL)
    client = in_language(anonymous, language)

    response = client.get(reverse("registry:area_list"), {"as_of": as_of.isoformat()})

    assert (area in response.context["page"].object_list) is listed
    assert (reverse("registry:area_detail", args=[area.pk]) in response.text) is listed


# What the public reads today: valid until today is in force, until yesterday expired.

EXPECTED = {
    # language: (badge of an expired area, status label, words around the end date)
    "th": ("ใบรับรองหมดอายุ", "หมดอายุ", "มีผลถึงวันที่"),
    "en": ("Certificate expired", "Expired", "it was valid until"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_area_page_says_expired_with_the_end_date_the_day_after(anonymous, language):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    area = area_valid_until(yesterday)
    badge, label, valid_until = EXPECTED[language]

    response = in_language(anonymous, language).get(reverse("registry:area_detail", args=[area.pk]))

    html = response.text
    assert response.context["status"] == "expired"
    assert f'data-testid="area-status">{badge}</span>' in html
    assert f'data-testid="certificate-status">{label}</span>' in html
    assert f"{valid_until} {format_date(yesterday, language)}" in html
    assert 'data-testid="expired-notice"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_area_page_of_a_certificate_on_its_last_day_is_active(anonymous, language):
    area = area_valid_until(timezone.localdate())

    response = in_language(anonymous, language).get(reverse("registry:area_detail", args=[area.pk]))

    assert response.context["status"] == "active"
    assert 'data-testid="expired-notice"' not in response.text
    assert 'class="badge badge-ok" data-testid="area-status"' in response.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("days_ago", "status"), [(0, "active"), (1, "expired")])
def test_verification_page_and_json_agree_with_the_figures(anonymous, language, days_ago, status):
    valid_until = timezone.localdate() - dt.timedelta(days=days_ago)
    area = area_valid_until(valid_until)
    client = in_language(anonymous, language)
    _, label, words = EXPECTED[language]

    page = client.get(reverse("certification:verify", args=["SCT-2566-001"]))
    data = client.get(reverse("certification:verify_json", args=["SCT-2566-001"])).json()
    home = client.get("/").text

    counted = "2" if status == "active" else "1"
    assert figure(home, "areas") == counted
    assert f'data-status="{status}">' in page.text
    assert data["status"] == status
    assert data["valid_until"] == valid_until.isoformat()
    if status == "expired":
        assert f'data-status="expired">{label}</p>' in page.text
        assert data["status_label"] == label
        assert f"{words} {format_date(valid_until, language)}" in page.text
    assert (area.pk in [a.pk for a in client.get("/areas/").context["page"].object_list]) is (
        status == "active"
    )
