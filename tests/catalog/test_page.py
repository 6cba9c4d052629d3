"""The open-data page for people: what is published, the licence, how to cite it (with
the date accessed in the reader's era), and the way there from every page's footer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from smartcity.core.dates import format_date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "dataset"),
    [
        ("th", "ข้อมูลเปิด", "พื้นที่เมืองอัจฉริยะที่ได้รับการรับรอง"),
        ("en", "Open data", "Certified smart-city areas"),
    ],
)
def test_page_reads_in_each_language(anonymous, programme_data, language, heading, dataset):
    anonymous.cookies["smartcity_language"] = language

    response = anonymous.get(reverse("opendata:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 id="catalog">{heading}</h1>' in html
    assert f"<h3>{dataset}</h3>" in html
    assert html.count('data-testid="dataset"') == 6


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_citation_gives_the_date_accessed_in_the_readers_era(anonymous, language):
    anonymous.cookies["smartcity_language"] = language
    today = format_date(timezone.localdate(), language)

    html = anonymous.get(reverse("opendata:index")).content.decode()

    citation = html.split('data-testid="citation">')[1].split("</blockquote>")[0]
    assert today in citation
    assert "http://testserver/open-data/" in citation
    if language == "th":
        assert str(timezone.localdate().year + 543) in citation
    else:
        assert str(timezone.localdate().year + 543) not in citation


@pytest.mark.django_db
def test_page_links_the_downloads_catalogue_api_and_licence(anonymous):
    html = anonymous.get(reverse("opendata:index")).content.decode()

    for href in (
        "/areas/export.csv",
        "/areas/export.geojson",
        "/map/provinces.geojson",
        "/catalog.ttl",
        "/catalog.jsonld",
        "/api/v1/docs/",
        "/open-data/dictionary/areas/",
        "https://data.go.th/pages/dga-open-government-license",
    ):
        assert f'href="{href}"' in html, href


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/areas/", "/verify/"])
def test_every_page_footer_links_the_open_data(anonymous, path):
    html = anonymous.get(path).content.decode()

    footer = html.split('<footer class="site-footer">')[1]
    assert f'href="{reverse("opendata:index")}" data-testid="footer-open-data"' in footer


@pytest.mark.django_db
def test_page_refuses_writes(anonymous):
    assert anonymous.post(reverse("opendata:index")).status_code == 405
