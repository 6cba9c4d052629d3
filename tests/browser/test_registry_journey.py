"""A Thai reader opens the registry, searches, uses the map and switches to English."""

import re

import pytest
from playwright.sync_api import expect

from smartcity.certification.services.history import import_certified_areas
from smartcity.geo.services import load_geography
from smartcity.network.services import import_network_cities


@pytest.fixture
def registry_data(transactional_db):
    # Live-server tests run in committed transactions, so they load their own data.
    load_geography()
    import_certified_areas()
    import_network_cities()


def test_public_registry_journey_in_thai(page, registry_data, screenshot):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_test_id("figure-areas").locator(".number")).to_have_text("30")
    expect(page.get_by_test_id("figure-provinces").locator(".number")).to_have_text("23")
    expect(page.get_by_role("heading", level=1)).to_contain_text("เมืองอัจฉริยะ")
    screenshot("home-th")

    page.get_by_role("navigation", name=re.compile(".+")).get_by_role("link", name="ทะเบียน").click()
    page.get_by_test_id("search").fill("พิษณุโลก")
    page.get_by_test_id("search").press("Enter")
    expect(page.get_by_test_id("area-row")).to_have_count(2)
    expect(page.get_by_test_id("result-count")).to_contain_text("2")
    screenshot("registry-search-th")

    page.goto("/map/")
    province = page.locator('path[data-province="65"]')
    expect(province).to_be_visible()
    screenshot("map-th")
    province.click()
    expect(page).to_have_url(re.compile(r"/provinces/65/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("พิษณุโลก")
    expect(page.get_by_test_id("area-row")).to_have_count(2)

    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phitsanulok")
    page.goto("/")
    expect(page.get_by_text("certified areas", exact=True)).to_be_visible()
    screenshot("home-en")


def test_registry_on_a_phone(page, registry_data, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/areas/")
    expect(page.get_by_test_id("area-row")).to_have_count(30)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    screenshot("registry-phone-th")
