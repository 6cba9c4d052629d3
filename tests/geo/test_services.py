import json

import pytest
from shapely.geometry import Point, shape

from smartcity.core.models import AuditEntry
from smartcity.geo.models import District, Province, Region, Subdistrict
from smartcity.geo.services import PROVINCES_GEOJSON, load_geography


@pytest.mark.django_db
def test_reference_geography_has_every_province_district_and_subdistrict():
    assert (Province.objects.count(), District.objects.count(), Subdistrict.objects.count()) == (
        77,
        928,
        7436,
    )


@pytest.mark.django_db
def test_provinces_fall_into_the_six_regions_with_their_official_counts():
    counts = {r.code: r.provinces.count() for r in Region.objects.all()}
    assert counts == {"north": 9, "northeast": 20, "central": 22, "east": 7, "west": 5, "south": 14}


@pytest.mark.django_db
def test_bangkok_is_a_province_with_its_iso_code():
    bangkok = Province.objects.get(code="10")
    assert (bangkok.name_th, bangkok.name_en, bangkok.iso_code, bangkok.region.code) == (
        "กรุงเทพมหานคร",
        "Bangkok",
        "TH-10",
        "central",
    )


@pytest.mark.django_db
def test_second_load_changes_nothing_and_writes_no_audit_row():
    audit_rows = AuditEntry.objects.count()

    report = load_geography()

    assert report.changed is False
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.django_db
def test_every_province_has_a_boundary_containing_its_label_point():
    for province in Province.objects.all():
        geometry = shape(province.boundary)
        assert geometry.is_valid, province.code
        assert geometry.contains(Point(province.label_lon, province.label_lat)), province.code


def test_province_layer_has_77_valid_features_with_official_codes_and_credits():
    collection = json.loads(PROVINCES_GEOJSON.read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in collection["features"]]
    geometries = [shape(f["geometry"]) for f in collection["features"]]

    assert len(codes) == len(set(codes)) == 77
    assert all(g.is_valid and not g.is_empty for g in geometries)
    assert "Natural Earth" in collection["attribution"]
    assert "GeoThai" in collection["attribution"]
    assert PROVINCES_GEOJSON.stat().st_size < 300_000


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (100.5018, 13.7563, "10"),
        (98.9853, 18.7883, "50"),
        (98.3923, 7.8804, "83"),
        (100.2659, 16.8211, "65"),
    ],
)
def test_a_point_falls_in_the_right_province(lon, lat, code):
    collection = json.loads(PROVINCES_GEOJSON.read_text(encoding="utf-8"))
    found = [
        f["properties"]["code"]
        for f in collection["features"]
        if shape(f["geometry"]).contains(Point(lon, lat))
    ]
    assert found == [code]
