"""The national figures through the API are the home page's numbers, on any date."""

import datetime as dt

import pytest

from smartcity.registry.selectors import national_figures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("as_of", "areas", "provinces"), [("2022-11-09", 30, 23), ("2022-11-08", 15, 11)]
)
def test_figures_on_the_programme_s_two_milestones(
    anonymous, programme_data, as_of, areas, provinces
):
    data = anonymous.get("/api/v1/figures/", {"as_of": as_of}).json()

    assert (data["as_of"], data["areas"], data["provinces"]) == (as_of, areas, provinces)
    assert sum(r["areas"] for r in data["by_region"]) == areas
    assert sum(b["areas"] for b in data["by_batch"]) == areas


@pytest.mark.parametrize(
    "as_of", ["2019-01-01", "2021-11-29", "2021-11-30", "2022-11-09", "2024-06-30", None]
)
def test_figures_are_the_home_page_s_numbers(anonymous, programme_data, as_of):
    query = {"as_of": as_of} if as_of else {}
    expected = national_figures(dt.date.fromisoformat(as_of) if as_of else None)

    data = anonymous.get("/api/v1/figures/", query).json()

    assert data["as_of"] == expected.as_of.isoformat()
    assert (data["areas"], data["provinces"]) == (expected.areas, expected.provinces)
    assert [(r["region"], r["areas"], r["provinces"]) for r in data["by_region"]] == [
        (r.region.code, r.areas, r.provinces) for r in expected.regions
    ]
    assert [(b["batch"], b["areas"]) for b in data["by_batch"]] == [
        (b.code, n) for b, n in expected.batches
    ]
    assert [(d["domain"], d["areas"]) for d in data["by_domain"]] == [
        (d.code, d.areas) for d in expected.domains
    ]
    assert data["population_total"] == expected.population_total
    assert data["record_quality"] == expected.record_quality


def test_figures_on_the_home_page_and_the_api_agree(anonymous, programme_data):
    home = anonymous.get("/", {"as_of": "9/11/2565"})
    data = anonymous.get("/api/v1/figures/", {"as_of": "2022-11-09"}).json()

    assert home.status_code == 200
    assert home.context["figures"].areas == data["areas"] == 30
    assert home.context["figures"].provinces == data["provinces"] == 23


def test_unknown_figures_are_null_never_zero(anonymous):
    data = anonymous.get("/api/v1/figures/").json()

    assert data["areas"] == 0
    assert data["population_total"] is None
    assert data["investment_total"] is None
