import io
import json
import zipfile
from pathlib import Path

import pyproj
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from shapely.geometry import box, mapping, shape

from smartcity.geo.boundaries.analysis import (
    BoundaryReport,
    ProvinceIndex,
    analyse_boundary,
    compare_declared,
)
from smartcity.geo.boundaries.errors import BoundaryError
from smartcity.geo.boundaries.reading import read_boundary_file, read_boundary_geojson
from smartcity.geo.models import Province

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GEOD = pyproj.Geod(ellps="WGS84")
# About 1 km x 1 km around 100.50, 13.75 (Silom, Bangkok), outer ring counter-clockwise.
BANGKOK_SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [
            [100.495377, 13.745481],
            [100.504623, 13.745481],
            [100.504623, 13.754519],
            [100.495377, 13.754519],
            [100.495377, 13.745481],
        ]
    ],
}
BOW_TIE = {
    "type": "Polygon",
    "coordinates": [
        [[100.49, 13.74], [100.51, 13.76], [100.51, 13.74], [100.49, 13.76], [100.49, 13.74]]
    ],
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def provinces(db) -> list[tuple[str, dict]]:
    return list(Province.objects.values_list("code", "boundary"))


def polygon(west, south, east, north) -> dict:
    return json.loads(json.dumps(mapping(box(west, south, east, north))))


def geodesic_km2(geometry: dict) -> float:
    return abs(GEOD.geometry_area_perimeter(shape(geometry))[0]) / 1e6


def file_refusal(data: bytes, filename: str = "area.geojson", **kwargs) -> BoundaryError:
    with pytest.raises(BoundaryError) as caught:
        read_boundary_file(data, filename, **kwargs)
    return caught.value


def text_refusal(text: str) -> BoundaryError:
    with pytest.raises(BoundaryError) as caught:
        read_boundary_geojson(text)
    return caught.value


def analysis_refusal(geometry: dict, provinces, **kwargs) -> BoundaryError:
    with pytest.raises(BoundaryError) as caught:
        analyse_boundary(geometry, provinces=provinces, **kwargs)
    return caught.value


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


# Reading files ------------------------------------------------------------------------


def test_read_boundary_file_geojson_feature_collection_gives_its_polygon():
    data = (FIXTURES / "bangkok_square.geojson").read_bytes()

    geometry = read_boundary_file(data, "bangkok_square.geojson")

    assert geometry == BANGKOK_SQUARE


def test_read_boundary_file_kml_polygon_gives_the_equivalent_geojson():
    data = (FIXTURES / "bangkok_square.kml").read_bytes()

    geometry = read_boundary_file(data, "bangkok_square.kml")

    assert geometry == BANGKOK_SQUARE


def test_read_boundary_file_kml_named_json_is_read_as_kml():
    data = (FIXTURES / "bangkok_square.kml").read_bytes()

    geometry = read_boundary_file(data, "boundary.json")

    assert geometry == BANGKOK_SQUARE


def test_read_boundary_file_kml_multigeometry_keeps_both_areas_and_the_hole():
    data = (FIXTURES / "two_areas_with_hole.kml").read_bytes()

    geometry = shape(read_boundary_file(data, "two_areas_with_hole.kml"))

    assert (
        geometry.geom_type,
        len(geometry.geoms),
        [len(p.interiors) for p in geometry.geoms],
    ) == (
        "MultiPolygon",
        2,
        [1, 0],
    )
    assert geometry.area == pytest.approx(0.02**2 - 0.01**2 + 0.02**2)


def test_read_boundary_file_features_apart_are_merged_into_a_multipolygon():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": polygon(100.50, 13.70, 100.51, 13.71),
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": polygon(100.53, 13.70, 100.54, 13.71),
            },
        ],
    }

    geometry = shape(read_boundary_file(json.dumps(collection).encode(), "areas.geojson"))

    assert (geometry.geom_type, len(geometry.geoms)) == ("MultiPolygon", 2)


def test_read_boundary_file_features_sharing_an_edge_are_merged_into_one_polygon():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": polygon(100.50, 13.70, 100.51, 13.71),
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": polygon(100.51, 13.70, 100.52, 13.71),
            },
        ],
    }

    geometry = shape(read_boundary_file(json.dumps(collection).encode(), "areas.geojson"))

    assert (geometry.geom_type, geometry.area) == ("Polygon", pytest.approx(0.02 * 0.01))


def test_read_boundary_file_utf8_byte_order_mark_is_accepted():
    data = b"\xef\xbb\xbf" + json.dumps(BANGKOK_SQUARE).encode()

    geometry = read_boundary_file(data, "area.geojson")

    assert geometry == BANGKOK_SQUARE


def test_read_boundary_file_over_the_limit_is_refused_before_parsing():
    data = b"[" * (20 * 1024 * 1024)  # would fail differently if it were parsed

    error = file_refusal(data, "huge.geojson")

    assert (error.code, str(error)) == (
        "too_large",
        "“huge.geojson” is 20 MB; a boundary file may be at most 5 MB. Simplify the boundary "
        "in your mapping program (fewer points) and upload it again.",
    )


def test_read_boundary_file_limit_is_a_parameter():
    data = json.dumps(BANGKOK_SQUARE).encode() + b" " * 200_000

    error = file_refusal(data, max_bytes=100 * 1024)

    assert str(error) == (
        "“area.geojson” is 0.2 MB; a boundary file may be at most 0.1 MB. Simplify the "
        "boundary in your mapping program (fewer points) and upload it again."
    )


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_read_boundary_file_empty_file_is_refused(data):
    error = file_refusal(data)

    assert (error.code, str(error)) == (
        "empty_file",
        "“area.geojson” is empty. Export the boundary again and upload the new file.",
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ((Path(__file__).parents[1] / "core/fixtures/minimal.pdf").read_bytes(), "a PDF document"),
        (zip_bytes("report.txt"), "a ZIP archive"),
        (
            zip_bytes("[Content_Types].xml", "word/document.xml"),
            "a Word, Excel or PowerPoint document",
        ),
        (b"MZ\x90\x00" + b"\x00" * 100, "a Windows program (.exe)"),
        (b"\x7fELF\x02\x01" + b"\x00" * 100, "a program or script"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "an image"),
        (b"<!DOCTYPE html>\n<html><head><title>Map</title></head></html>", "a web page (HTML)"),
        (
            b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"/>',
            "a web page (HTML)",
        ),
    ],
)
def test_read_boundary_file_other_file_named_geojson_is_refused_saying_what_it_is(data, kind):
    error = file_refusal(data, "area.geojson")

    assert (error.code, str(error)) == (
        "wrong_file_type",
        f"“area.geojson” is {kind}, not a map boundary, whatever its name says. Upload the "
        "boundary as a GeoJSON (.geojson) or KML (.kml) file.",
    )


def test_read_boundary_file_kmz_is_refused_saying_to_unzip_it():
    error = file_refusal(zip_bytes("doc.kml", "files/logo.png"), "area.kmz")

    assert (error.code, str(error)) == (
        "kmz",
        "“area.kmz” is a KMZ file (zipped KML). Unzip it, then upload the KML file inside it "
        "(usually called doc.kml).",
    )


@pytest.mark.parametrize(
    "data", [zip_bytes("area.shp", "area.shx", "area.dbf"), b"\x00\x00\x27\x0a" + b"\x00" * 96]
)
def test_read_boundary_file_shapefile_is_refused_saying_how_to_export(data):
    error = file_refusal(data, "area.zip")

    assert (error.code, str(error)) == (
        "shapefile",
        "“area.zip” is an Esri shapefile, which is not accepted. Save the boundary as GeoJSON "
        "or KML in your mapping program (in QGIS: Export, then Save Features As) and upload "
        "that file.",
    )


def test_read_boundary_file_text_not_in_utf8_is_refused():
    data = '{"type": "Polygon", "name": "ถนนสีลม"}'.encode("tis-620")

    error = file_refusal(data)

    assert (error.code, str(error)) == (
        "not_utf8",
        "“area.geojson” is not text in UTF-8. A boundary file must be GeoJSON or KML; if it "
        "is one, save it again with UTF-8 encoding.",
    )


def test_read_boundary_file_other_text_is_refused():
    error = file_refusal(b"name,lat,lon\nSilom,13.75,100.5\n", "area.csv")

    assert (error.code, str(error)) == (
        "unknown_format",
        "“area.csv” is neither GeoJSON nor KML. Export the boundary from your mapping program "
        "as GeoJSON (.geojson) or KML (.kml) and upload that file.",
    )


def test_read_boundary_file_kml_entity_expansion_is_refused_before_expanding():
    # Refused for its DTD, before any entity is expanded (speed is the bench's business,
    # not a test's: a loaded CI machine made a timed assertion here fail).
    data = (FIXTURES / "billion_laughs.kml").read_bytes()

    error = file_refusal(data, "area.kml")

    assert (error.code, str(error)) == (
        "kml_unsafe",
        "“area.kml” contains a document type declaration (DTD) or entities, which are refused "
        "for security. Export the boundary again as plain KML from your mapping program.",
    )


def test_read_boundary_file_kml_external_entity_is_refused():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        b"<kml><Placemark><name>&secret;</name></Placemark></kml>"
    )

    error = file_refusal(data, "area.kml")

    assert error.code == "kml_unsafe"


def test_read_boundary_file_malformed_kml_is_refused_with_its_position():
    data = b'<?xml version="1.0"?>\n<kml>\n  <Placemark>\n</kml>'

    error = file_refusal(data, "area.kml")

    assert (error.code, str(error)) == (
        "kml_malformed",
        "“area.kml” is not well-formed KML: the text is broken at line 4, column 3. Export it "
        "again from your mapping program.",
    )


def test_read_boundary_file_xml_that_is_not_kml_is_refused():
    data = b'<?xml version="1.0"?><gpx version="1.1"><trk><trkseg/></trk></gpx>'

    error = file_refusal(data, "track.gpx")

    assert (error.code, str(error)) == (
        "not_kml",
        "“track.gpx” is XML but not KML. Upload the boundary as a GeoJSON (.geojson) or KML "
        "(.kml) file.",
    )


@pytest.mark.parametrize(
    ("geometry", "found"),
    [
        ("<Point><coordinates>100.5,13.75</coordinates></Point>", "points"),
        ("<LineString><coordinates>100.5,13.75 100.6,13.8</coordinates></LineString>", "lines"),
        (
            "<LinearRing><coordinates>100.5,13.7 100.6,13.7 100.6,13.8 100.5,13.7</coordinates></LinearRing>",
            "lines",
        ),
    ],
)
def test_read_boundary_file_kml_point_or_line_is_refused(geometry, found):
    data = f'<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark>{geometry}</Placemark></kml>'

    error = file_refusal(data.encode(), "area.kml")

    assert (error.code, str(error)) == (
        "not_an_area",
        "A boundary must be an area (polygon), not a point or a line, and this one contains "
        f"only {found}. Draw the outline of the area as a closed shape and try again.",
    )


def test_read_boundary_file_kml_with_a_polygon_and_a_point_is_refused():
    kml = (FIXTURES / "bangkok_square.kml").read_text()
    data = kml.replace(
        "</Document>",
        "<Placemark><Point><coordinates>100.5,13.75</coordinates></Point></Placemark></Document>",
    )

    error = file_refusal(data.encode(), "area.kml")

    assert (error.code, str(error)) == (
        "not_only_areas",
        "The boundary contains points as well as areas. A boundary must be an area (polygon) "
        "only: remove the points and try again.",
    )


def test_read_boundary_file_kml_unreadable_coordinates_are_refused():
    data = (
        b"<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>"
        b"100.5,13.7 100.6;13.7 100.6,13.8 100.5,13.7"
        b"</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"
    )

    error = file_refusal(data, "area.kml")

    assert (error.code, str(error)) == (
        "kml_coordinates",
        "The KML boundary has a point that cannot be read (“100.6;13.7”). Each point must be "
        "written as longitude,latitude or longitude,latitude,altitude.",
    )


def test_read_boundary_file_kml_polygon_without_outer_boundary_is_refused():
    data = b"<kml><Placemark><Polygon><innerBoundaryIs/></Polygon></Placemark></kml>"

    error = file_refusal(data, "area.kml")

    assert error.code == "degenerate"


# Reading drawn GeoJSON ----------------------------------------------------------------


def test_read_boundary_geojson_drawn_polygon_is_returned_unchanged():
    geometry = read_boundary_geojson(json.dumps(BANGKOK_SQUARE))

    assert geometry == BANGKOK_SQUARE


def test_read_boundary_geojson_unclosed_ring_is_closed_and_altitude_dropped():
    text = json.dumps(
        {"type": "Polygon", "coordinates": [[[100.5, 13.7, 5], [100.6, 13.7, 5], [100.6, 13.8, 5]]]}
    )

    geometry = read_boundary_geojson(text)

    assert geometry == {
        "type": "Polygon",
        "coordinates": [[[100.5, 13.7], [100.6, 13.7], [100.6, 13.8], [100.5, 13.7]]],
    }


def test_read_boundary_geojson_malformed_json_is_refused_with_its_position():
    error = text_refusal('{"type": "Polygon",\n "coordinates": [[[100.5, 13.7],')

    assert (error.code, str(error)) == (
        "invalid_json",
        "The boundary is not valid GeoJSON: the text is broken at line 2, column 33. Export it "
        "again from your mapping program.",
    )


def test_read_boundary_geojson_text_over_the_limit_is_refused():
    with pytest.raises(BoundaryError) as caught:
        read_boundary_geojson(" " * 200_000, max_bytes=100 * 1024)

    assert (
        str(caught.value) == "The drawn boundary is larger than 0.1 MB. Draw it with fewer points."
    )


@pytest.mark.parametrize(
    "value",
    [
        [],
        {"name": "Silom"},
        {"type": "Topology", "objects": {}},
        {"type": "Feature", "properties": {}},
        {"type": "FeatureCollection", "features": {}},
        "[" * 5000 + "]" * 5000,
    ],
)
def test_read_boundary_geojson_json_that_is_not_geojson_is_refused(value):
    text = value if isinstance(value, str) else json.dumps(value)

    error = text_refusal(text)

    assert (error.code, str(error)) == (
        "not_geojson",
        "The boundary is JSON but not GeoJSON: it holds no Polygon, MultiPolygon, Feature or "
        "FeatureCollection. Export the area from your mapping program as GeoJSON.",
    )


@pytest.mark.parametrize(
    ("geometry", "found"),
    [
        ({"type": "Point", "coordinates": [100.5, 13.75]}, "points"),
        ({"type": "MultiPoint", "coordinates": [[100.5, 13.75]]}, "points"),
        ({"type": "LineString", "coordinates": [[100.5, 13.75], [100.6, 13.8]]}, "lines"),
        (
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [[[100.5, 13.75], [100.6, 13.8]]],
                },
            },
            "lines",
        ),
        (
            {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Point", "coordinates": [100.5, 13.75]},
                    {"type": "LineString", "coordinates": [[100.5, 13.75], [100.6, 13.8]]},
                ],
            },
            "points and lines",
        ),
    ],
)
def test_read_boundary_geojson_point_or_line_is_refused(geometry, found):
    error = text_refusal(json.dumps(geometry))

    assert (error.code, str(error)) == (
        "not_an_area",
        "A boundary must be an area (polygon), not a point or a line, and this one contains "
        f"only {found}. Draw the outline of the area as a closed shape and try again.",
    )


@pytest.mark.parametrize(
    "value",
    [
        {"type": "Polygon", "coordinates": []},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "Feature", "properties": {}, "geometry": None},
        {"type": "FeatureCollection", "features": []},
        {"type": "GeometryCollection", "geometries": []},
    ],
)
def test_read_boundary_geojson_empty_geometry_is_refused(value):
    error = text_refusal(json.dumps(value))

    assert (error.code, str(error)) == (
        "empty",
        "The boundary contains no area: it is empty. Draw or export the area again.",
    )


def test_read_boundary_geojson_ring_with_two_corners_is_refused():
    error = text_refusal(
        json.dumps({"type": "Polygon", "coordinates": [[[100.5, 13.7], [100.6, 13.7]]]})
    )

    assert (error.code, str(error)) == (
        "degenerate",
        "A part of the boundary has fewer than three corners, so it encloses no area. Draw or "
        "export the area again.",
    )


@pytest.mark.parametrize(
    "ring",
    [
        [["100.5", "13.7"], [100.6, 13.7], [100.6, 13.8], [100.5, 13.7]],
        [[100.5], [100.6, 13.7], [100.6, 13.8], [100.5]],
        [[True, 13.7], [100.6, 13.7], [100.6, 13.8], [True, 13.7]],
        [{"lon": 100.5, "lat": 13.7}],
        "100.5,13.7",
    ],
)
def test_read_boundary_geojson_coordinates_not_in_geojson_form_are_refused(ring):
    error = text_refusal(json.dumps({"type": "Polygon", "coordinates": [ring]}))

    assert (error.code, str(error)) == (
        "bad_coordinates",
        "The boundary's coordinates are not written as GeoJSON requires: each point must be "
        "[longitude, latitude] in numbers. Export the area again as GeoJSON.",
    )


def test_read_boundary_geojson_nan_is_refused():
    error = text_refusal('{"type": "Polygon", "coordinates": [[[NaN, 13.7], [100.6, 13.7]]]}')

    assert error.code == "bad_coordinates"


@pytest.mark.parametrize(
    ("corner", "shown"),
    [
        ((181.0, 13.7), "(181, 13.7)"),
        ((100.5, -91.0), "(100.5, -91)"),
        ((661000.0, 1520000.0), "(661000, 1520000)"),  # UTM zone 47N metres
    ],
)
def test_read_boundary_geojson_coordinates_out_of_range_are_refused(corner, shown):
    lon, lat = corner
    ring = [[lon, lat], [100.6, 13.7], [100.6, 13.8], [lon, lat]]

    error = text_refusal(json.dumps({"type": "Polygon", "coordinates": [ring]}))

    assert (error.code, str(error)) == (
        "out_of_range",
        f"The boundary has a point outside the range of longitude and latitude {shown}. Points "
        "must be WGS 84 longitude (−180 to 180) and latitude (−90 to 90) in degrees; if your "
        "file is in metres (for example UTM zone 47N), export it again in WGS 84 (EPSG:4326).",
    )


def test_read_boundary_geojson_latitude_written_first_is_refused_saying_so():
    swapped = [[lat, lon] for lon, lat in BANGKOK_SQUARE["coordinates"][0]]

    error = text_refusal(json.dumps({"type": "Polygon", "coordinates": [swapped]}))

    assert (error.code, str(error)) == (
        "swapped_coordinates",
        "The boundary's points seem to be written latitude first (13.745481, 100.495377). "
        "GeoJSON and KML put longitude first, then latitude: export the area again from your "
        "mapping program, or swap the two numbers.",
    )


def test_read_boundary_geojson_more_than_100000_points_is_refused():
    ring = [[100.5 + i * 1e-7, 13.7] for i in range(100_001)]

    error = text_refusal(json.dumps({"type": "Polygon", "coordinates": [ring]}))

    assert (error.code, str(error)) == (
        "too_many_vertices",
        "The boundary has more than 100,000 points. Simplify it in your mapping program (in "
        "QGIS: Vector, Geometry Tools, Simplify) and upload it again.",
    )


# Analysing ----------------------------------------------------------------------------


def test_analyse_boundary_bangkok_square_is_in_bangkok_with_its_geodesic_area(provinces):
    report = analyse_boundary(BANGKOK_SQUARE, provinces=provinces)

    assert report == BoundaryReport(
        geometry=BANGKOK_SQUARE,
        area_km2=pytest.approx(geodesic_km2(BANGKOK_SQUARE), rel=0.01),
        province_codes=["10"],
        warnings=[],
    )
    assert report.area_km2 == pytest.approx(1.0, rel=0.01)


def test_analyse_boundary_area_of_a_large_irregular_polygon_matches_geodesic_area(provinces):
    # About 2,400 km² of Nakhon Ratchasima, with edges of 50 km and more.
    geometry = {
        "type": "Polygon",
        "coordinates": [
            [
                [101.8, 14.7],
                [102.3, 14.6],
                [102.4, 15.0],
                [102.1, 15.2],
                [101.9, 15.1],
                [101.8, 14.7],
            ]
        ],
    }

    report = analyse_boundary(geometry, provinces=provinces)

    assert report.area_km2 == pytest.approx(geodesic_km2(geometry), rel=0.005)


def test_analyse_boundary_kml_and_geojson_of_the_same_area_agree(provinces):
    from_kml = read_boundary_file((FIXTURES / "bangkok_square.kml").read_bytes(), "a.kml")
    from_geojson = read_boundary_file(
        (FIXTURES / "bangkok_square.geojson").read_bytes(), "a.geojson"
    )

    areas = [analyse_boundary(g, provinces=provinces).area_km2 for g in (from_kml, from_geojson)]

    assert areas[0] == areas[1]


def test_analyse_boundary_normalises_orientation_and_decimals(provinces):
    clockwise = {
        "type": "Polygon",
        "coordinates": [
            [
                [100.4953771234, 13.7454809876],
                [100.4953771234, 13.7545190123],
                [100.5046229876, 13.7545190123],
                [100.5046229876, 13.7454809876],
                [100.4953771234, 13.7454809876],
            ]
        ],
    }

    report = analyse_boundary(clockwise, provinces=provinces)

    assert report.geometry == {
        "type": "Polygon",
        "coordinates": [
            [
                [100.495377, 13.745481],
                [100.504623, 13.745481],
                [100.504623, 13.754519],
                [100.495377, 13.754519],
                [100.495377, 13.745481],
            ]
        ],
    }


def test_analyse_boundary_across_phitsanulok_and_phichit_reaches_both(provinces):
    report = analyse_boundary(polygon(100.30, 16.47, 100.40, 16.57), provinces=provinces)

    assert report.province_codes == ["65", "66"]


def test_analyse_boundary_sliver_over_a_province_border_is_ignored(provinces):
    # 0.44% (0.5 km²) of this square falls on Phitsanulok's side of the simplified border.
    report = analyse_boundary(polygon(100.30, 16.42, 100.40, 16.52), provinces=provinces)

    assert report.province_codes == ["66"]


def test_analyse_boundary_coastal_area_partly_at_sea_is_accepted(provinces):
    # Bang Saen, Chon Buri: about a fifth of the square is sea on the simplified coastline.
    report = analyse_boundary(polygon(100.92, 13.30, 100.97, 13.35), provinces=provinces)

    assert report.province_codes == ["20"]


@pytest.mark.parametrize(
    ("geometry", "share"),
    [
        (polygon(100.95, 10.95, 101.05, 11.05), "0"),  # Gulf of Thailand
        (polygon(102.55, 18.05, 102.65, 18.15), "0"),  # Vientiane, Laos
        (polygon(100.88, 13.30, 100.93, 13.35), "10"),  # mostly sea off Chon Buri
    ],
)
def test_analyse_boundary_outside_thailand_is_refused(provinces, geometry, share):
    error = analysis_refusal(geometry, provinces)

    assert (error.code, str(error)) == (
        "outside_thailand",
        f"The boundary must lie inside Thailand, but only {share}% of its area is within a "
        "Thai province. Check that you drew it in the right place and that the file lists "
        "longitude before latitude.",
    )


def test_analyse_boundary_point_is_refused(provinces):
    error = analysis_refusal({"type": "Point", "coordinates": [100.5, 13.75]}, provinces)

    assert (error.code, str(error)) == (
        "not_an_area",
        "A boundary must be an area (polygon), not a point or a line.",
    )


def test_analyse_boundary_bow_tie_is_refused_saying_where_it_crosses(provinces):
    geometry = read_boundary_geojson(json.dumps(BOW_TIE))

    error = analysis_refusal(geometry, provinces)

    assert (error.code, str(error)) == (
        "self_intersection",
        "The boundary crosses itself near longitude 100.50000, latitude 13.75000 (a “bow-tie” "
        "shape). Redraw it so that its edges do not cross.",
    )


def test_analyse_boundary_overlapping_parts_are_refused(provinces):
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            mapping(box(100.50, 13.70, 100.52, 13.72))["coordinates"],
            mapping(box(100.51, 13.71, 100.53, 13.73))["coordinates"],
        ],
    }

    error = analysis_refusal(json.loads(json.dumps(geometry)), provinces)

    assert error.code == "parts_overlap"


def test_analyse_boundary_hole_outside_the_area_is_refused(provinces):
    geometry = {
        "type": "Polygon",
        "coordinates": [
            [[100.50, 13.70], [100.52, 13.70], [100.52, 13.72], [100.50, 13.72], [100.50, 13.70]],
            [[100.60, 13.70], [100.61, 13.70], [100.61, 13.71], [100.60, 13.70]],
        ],
    }

    error = analysis_refusal(geometry, provinces)

    assert error.code == "bad_hole"


def test_analyse_boundary_larger_than_50000_km2_is_refused_with_its_area(provinces):
    error = analysis_refusal(polygon(99.0, 14.0, 102.0, 17.0), provinces)

    assert (error.code, str(error)) == (
        "area_too_large",
        "The boundary covers 106,840 km², more than the 50,000 km² allowed for one area. Check "
        "that you drew or uploaded the intended area.",
    )


def test_analyse_boundary_smaller_than_1000_m2_is_refused_with_its_area(provinces):
    error = analysis_refusal(polygon(100.5, 13.75, 100.5001, 13.7501), provinces)

    assert (error.code, str(error)) == (
        "area_too_small",
        "The boundary covers only 120 m², less than the 1,000 m² an area needs. Check that you "
        "drew the intended area, not a tiny shape.",
    )


def test_analyse_boundary_overlap_with_a_certified_area_is_a_warning(provinces):
    certified = polygon(100.50, 13.75, 100.52, 13.77)
    expected_km2 = analyse_boundary(
        polygon(100.50, 13.75, 100.504623, 13.754519), provinces=provinces
    ).area_km2

    report = analyse_boundary(
        BANGKOK_SQUARE,
        provinces=provinces,
        others=[("certified_area", "สีลมเมืองอัจฉริยะ", certified)],
    )

    assert report.warnings == [
        f"The boundary overlaps the certified smart-city area “สีลมเมืองอัจฉริยะ” by "
        f"{expected_km2:.2f} km². Check that this is intended: that ground is already certified."
    ]


def test_analyse_boundary_overlap_with_a_proposal_is_a_warning(provinces):
    report = analyse_boundary(
        BANGKOK_SQUARE,
        provinces=provinces,
        others=[("proposal", "Bang Rak Smart Streets", BANGKOK_SQUARE)],
    )

    assert report.warnings == [
        "The boundary overlaps the proposal “Bang Rak Smart Streets” by 1.00 km². Check that "
        "the two proposals are meant to cover the same ground."
    ]


def test_analyse_boundary_other_areas_touching_or_far_away_give_no_warning(provinces):
    others = [
        ("certified_area", "next door", polygon(100.504623, 13.745481, 100.51, 13.754519)),
        ("proposal", "Chiang Mai", polygon(98.9, 18.7, 99.0, 18.8)),
    ]

    report = analyse_boundary(BANGKOK_SQUARE, provinces=provinces, others=others)

    assert report.warnings == []


def test_analyse_boundary_prebuilt_province_index_gives_the_same_report(provinces):
    index = ProvinceIndex(provinces)

    reports = [analyse_boundary(BANGKOK_SQUARE, provinces=p) for p in (provinces, index)]

    assert reports[0] == reports[1]


def test_boundary_error_can_become_a_form_validation_error():
    error = text_refusal(json.dumps({"type": "Point", "coordinates": [100.5, 13.75]}))

    validation_error = ValidationError(error.message, code=error.code, params=error.params)

    assert validation_error.messages == [str(error)]


def test_boundary_error_with_only_a_message_reads_as_that_message():
    error = BoundaryError("The file is larger than 5 MB.")

    assert (error.code, str(error)) == ("invalid", "The file is larger than 5 MB.")


# Declared provinces -------------------------------------------------------------------


def report_with(codes: list[str]) -> BoundaryReport:
    return BoundaryReport(geometry=BANGKOK_SQUARE, area_km2=1.0, province_codes=codes, warnings=[])


def test_compare_declared_same_provinces_gives_no_message():
    messages = compare_declared(report_with(["65", "66"]), ["66", "65"])

    assert messages == []


def test_compare_declared_names_provinces_missing_on_either_side():
    names = {"64": "สุโขทัย", "65": "พิษณุโลก", "66": "พิจิตร"}

    messages = compare_declared(report_with(["65", "66"]), ["64", "65"], names=names)

    assert messages == [
        "You declared the province สุโขทัย, but the boundary does not reach it. Remove it from "
        "the declared provinces, or extend the boundary.",
        "The boundary reaches the province พิจิตร, which is not declared. Add it to the "
        "declared provinces, or redraw the boundary.",
    ]


def test_compare_declared_without_names_shows_codes():
    messages = compare_declared(report_with(["10"]), [])

    assert messages == [
        "The boundary reaches the province 10, which is not declared. Add it to the declared "
        "provinces, or redraw the boundary."
    ]
