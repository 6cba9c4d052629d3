"""The boundary of a proposed area, uploaded as a file (GeoJSON or KML) or drawn on the map.

Two pure steps, neither touching the database:

1. `read_boundary_file` and `read_boundary_geojson` turn untrusted input into one GeoJSON
   Polygon or MultiPolygon in WGS 84 longitude/latitude, or raise BoundaryError. The format
   is decided by the content, never by the file name: a KML file named `.json` is read as
   KML, and a PDF named `.geojson` is refused as a PDF. Several polygons (a MultiPolygon,
   or a FeatureCollection of areas) are merged into their union, so neighbouring parcels
   that share an edge make one valid area.
2. `analyse_boundary` checks that the area is valid, of a believable size and inside
   Thailand, and reports its area, the provinces it reaches and its overlaps with other
   areas.

Areas are measured on an Albers equal-area conic projection centred on Thailand (standard
parallels 8°N and 18°N, the usual one-sixth rule for Thailand's 5.6°N-20.5°N extent, on the
WGS 84 ellipsoid; overlaps are computed in the same projection). Any equal-area projection
gives true areas: this one and the world projection EPSG:6933 both agree with pyproj's
geodesic area within 0.01%, from a 1 km square to a 47,000 km² box. The national one is
chosen because it also keeps distances within 0.5% over the whole country, whereas EPSG:6933
(standard parallel 30°N) stretches north-south distances by 8-15% and shrinks east-west ones
by 7-13% at Thailand's latitudes; so any later measure in metres (a perimeter, a buffer) is
right too.
"""

import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyproj
import shapely
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.utils.translation import gettext_lazy as _
from shapely.geometry import MultiPolygon, Polygon, shape

from smartcity.core.errors import ActionRefused
from smartcity.core.uploads import megabytes, safe_filename, sniff_foreign_type

MAX_BYTES = 5 * 1024 * 1024
MAX_VERTICES = 100_000
MAX_AREA_KM2 = 50_000
MIN_AREA_KM2 = 0.001
# Province polygons are simplified (coastlines cut corners, small islands are missing), so
# a coastal area may stick out of them: half the area inside is enough.
MIN_SHARE_IN_THAILAND = 0.5
# A province counts as reached only beyond a sliver: simplified borders are off by hundreds
# of metres, so smaller overlaps say nothing.
PROVINCE_SLIVER_SHARE = 0.005
PROVINCE_SLIVER_KM2 = 0.05
# Other areas are drawn by people, not simplified: one hectare of overlap is worth a word.
OVERLAP_WARNING_KM2 = 0.01
COORDINATE_DECIMALS = 6  # about 0.1 m

ALBERS_THAILAND = (
    "+proj=aea +lat_0=13 +lon_0=101 +lat_1=8 +lat_2=18 +x_0=0 +y_0=0 +ellps=WGS84 +units=m"
)
# Thailand's extent, generously, for guessing that latitude and longitude were swapped.
_THAILAND_BOX = (97.0, 5.0, 106.0, 21.0)


class BoundaryError(ActionRefused, ValueError):
    """A boundary that cannot be accepted. Like Django's ValidationError, it keeps the lazy
    message, a code and its parameters, so a form can re-raise it in the reader's language:
    `ValidationError(error.message, code=error.code, params=error.params)`."""

    def __init__(self, message, *, code: str = "invalid", params: Mapping | None = None):
        self.message = message
        self.code = code
        self.params = dict(params or {})
        super().__init__(message, code, self.params)

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


@dataclass(frozen=True)
class BoundaryReport:
    geometry: dict  # normalised: outer rings counter-clockwise, 6 decimals
    area_km2: float
    province_codes: list[str]  # sorted
    warnings: list[str]


# Reading -----------------------------------------------------------------------------


def read_boundary_file(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> dict:
    """One Polygon or MultiPolygon from an uploaded GeoJSON or KML file (raw bytes)."""
    name = safe_filename(filename)
    if len(data) > max_bytes:
        raise BoundaryError(
            _(
                "“%(name)s” is %(size)s MB; a boundary file may be at most %(limit)s MB. "
                "Simplify the boundary in your mapping program (fewer points) and upload "
                "it again."
            ),
            code="too_large",
            params={
                "name": name,
                "size": megabytes(len(data), round_up=True),
                "limit": megabytes(max_bytes),
            },
        )
    if not data.strip():
        raise BoundaryError(
            _("“%(name)s” is empty. Export the boundary again and upload the new file."),
            code="empty_file",
            params={"name": name},
        )
    _refuse_binary(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BoundaryError(
            _(
                "“%(name)s” is not text in UTF-8. A boundary file must be GeoJSON or KML; "
                "if it is one, save it again with UTF-8 encoding."
            ),
            code="not_utf8",
            params={"name": name},
        ) from None
    start = text.lstrip()[:1]
    if start in ("{", "["):
        return _read_geojson(text)
    if start == "<":
        return _read_kml(text, name)
    raise BoundaryError(
        _(
            "“%(name)s” is neither GeoJSON nor KML. Export the boundary from your mapping "
            "program as GeoJSON (.geojson) or KML (.kml) and upload that file."
        ),
        code="unknown_format",
        params={"name": name},
    )


def read_boundary_geojson(text: str, *, max_bytes: int = MAX_BYTES) -> dict:
    """One Polygon or MultiPolygon from a GeoJSON string, as the map drawing tool sends."""
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise BoundaryError(
            _("The drawn boundary is larger than %(limit)s MB. Draw it with fewer points."),
            code="too_large",
            params={"limit": megabytes(max_bytes)},
        )
    if not text.strip():
        raise _empty()
    return _read_geojson(text)


def _refuse_binary(data: bytes, name: str) -> None:
    if data.startswith(b"PK\x03\x04"):
        members = _zip_members(data)
        if any(member.lower().endswith(".kml") for member in members):
            raise BoundaryError(
                _(
                    "“%(name)s” is a KMZ file (zipped KML). Unzip it, then upload the KML "
                    "file inside it (usually called doc.kml)."
                ),
                code="kmz",
                params={"name": name},
            )
        if any(member.lower().endswith(".shp") for member in members):
            raise _shapefile(name)
    if data.startswith(b"\x00\x00\x27\x0a"):
        raise _shapefile(name)
    kind = sniff_foreign_type(data)
    if kind is not None:
        raise BoundaryError(
            _(
                "“%(name)s” is %(kind)s, not a map boundary, whatever its name says. Upload "
                "the boundary as a GeoJSON (.geojson) or KML (.kml) file."
            ),
            code="wrong_file_type",
            params={"name": name, "kind": kind},
        )


def _zip_members(data: bytes) -> list[str]:
    # Only the directory is read; nothing is decompressed.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return []


def _shapefile(name: str) -> BoundaryError:
    return BoundaryError(
        _(
            "“%(name)s” is an Esri shapefile, which is not accepted. Save the boundary as "
            "GeoJSON or KML in your mapping program (in QGIS: Export, then Save Features "
            "As) and upload that file."
        ),
        code="shapefile",
        params={"name": name},
    )


def _read_geojson(text: str) -> dict:
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise BoundaryError(
            _(
                "The boundary is not valid GeoJSON: the text is broken at line %(line)s, "
                "column %(column)s. Export it again from your mapping program."
            ),
            code="invalid_json",
            params={"line": error.lineno, "column": error.colno},
        ) from None
    except BoundaryError:
        raise
    except (ValueError, RecursionError):  # nested too deeply for a geometry
        raise _not_geojson() from None
    polygons: list = []
    other_kinds: set[str] = set()
    _collect_geojson(value, polygons, other_kinds, depth=0)
    return _assemble(polygons, other_kinds)


def _refuse_constant(constant: str):
    """NaN and Infinity, which Python's json reads but JSON forbids."""
    raise _bad_coordinates()


def _collect_geojson(value, polygons: list, other_kinds: set, depth: int) -> None:
    if not isinstance(value, dict) or depth > 20:
        raise _not_geojson()
    kind = value.get("type")
    if kind == "FeatureCollection":
        features = value.get("features")
        if not isinstance(features, list):
            raise _not_geojson()
        for feature in features:
            _collect_geojson(feature, polygons, other_kinds, depth + 1)
    elif kind == "Feature":
        if "geometry" not in value:
            raise _not_geojson()
        if value["geometry"] is not None:
            _collect_geojson(value["geometry"], polygons, other_kinds, depth + 1)
    elif kind == "GeometryCollection":
        geometries = value.get("geometries")
        if not isinstance(geometries, list):
            raise _not_geojson()
        for geometry in geometries:
            _collect_geojson(geometry, polygons, other_kinds, depth + 1)
    elif kind in ("Polygon", "MultiPolygon"):
        coordinates = value.get("coordinates")
        if not isinstance(coordinates, list):
            raise _bad_coordinates()
        polygons.extend([coordinates] if kind == "Polygon" else coordinates)
    elif kind in ("Point", "MultiPoint"):
        other_kinds.add("point")
    elif kind in ("LineString", "MultiLineString"):
        other_kinds.add("line")
    else:
        raise _not_geojson()


def _read_kml(text: str, name: str) -> dict:
    try:
        # No DTD at all: it is how entity-expansion ("billion laughs") and external-entity
        # attacks start, and KML never needs one.
        root = SafeElementTree.fromstring(text.encode("utf-8"), forbid_dtd=True)
    except DefusedXmlException:
        raise BoundaryError(
            _(
                "“%(name)s” contains a document type declaration (DTD) or entities, which "
                "are refused for security. Export the boundary again as plain KML from "
                "your mapping program."
            ),
            code="kml_unsafe",
            params={"name": name},
        ) from None
    except SafeElementTree.ParseError as error:
        line, column = error.position
        raise BoundaryError(
            _(
                "“%(name)s” is not well-formed KML: the text is broken at line %(line)s, "
                "column %(column)s. Export it again from your mapping program."
            ),
            code="kml_malformed",
            params={"name": name, "line": line, "column": column + 1},
        ) from None
    if _local(root.tag) == "html":
        raise BoundaryError(
            _(
                "“%(name)s” is %(kind)s, not a map boundary, whatever its name says. Upload "
                "the boundary as a GeoJSON (.geojson) or KML (.kml) file."
            ),
            code="wrong_file_type",
            params={"name": name, "kind": _("a web page (HTML)")},
        )
    if _local(root.tag) != "kml":
        raise BoundaryError(
            _(
                "“%(name)s” is XML but not KML. Upload the boundary as a GeoJSON (.geojson) "
                "or KML (.kml) file."
            ),
            code="not_kml",
            params={"name": name},
        )
    polygons, other_kinds, rings_in_polygons, rings = [], set(), 0, 0
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "Polygon":
            polygon = _kml_polygon(element)
            rings_in_polygons += len(polygon)
            polygons.append(polygon)
        elif tag == "LinearRing":
            rings += 1
        elif tag in ("Point", "LineString", "Track", "MultiTrack"):
            other_kinds.add("point" if tag == "Point" else "line")
    if rings > rings_in_polygons:  # a LinearRing on its own is a closed line, not an area
        other_kinds.add("line")
    return _assemble(polygons, other_kinds)


def _kml_polygon(element) -> list:
    outer, inner = [], []
    for child in element:
        tag = _local(child.tag)
        if tag in ("outerBoundaryIs", "innerBoundaryIs"):
            target = outer if tag == "outerBoundaryIs" else inner
            target.extend(
                _kml_coordinates(ring) for ring in child if _local(ring.tag) == "LinearRing"
            )
    if len(outer) != 1:
        raise _degenerate()
    return outer + inner


def _kml_coordinates(ring) -> list:
    text = next((c.text or "" for c in ring if _local(c.tag) == "coordinates"), "")
    # KML separates a point's numbers by commas and points by white space; some writers
    # put a space after the comma too.
    tuples = re.sub(r"\s*,\s*", ",", text.strip()).split()
    if len(tuples) > MAX_VERTICES:
        raise _too_many_vertices()
    positions = []
    for item in tuples:
        try:
            numbers = [float(part) for part in item.split(",")]
        except ValueError:
            numbers = []
        if len(numbers) not in (2, 3):
            raise BoundaryError(
                _(
                    "The KML boundary has a point that cannot be read (“%(value)s”). Each "
                    "point must be written as longitude,latitude or "
                    "longitude,latitude,altitude."
                ),
                code="kml_coordinates",
                params={"value": item[:60]},
            )
        positions.append(numbers)
    return positions


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _assemble(polygons: list, other_kinds: set[str]) -> dict:
    """Check every position and merge the polygons into one geometry."""
    if other_kinds:
        found = _found_phrase(other_kinds)
        if any(polygons):
            raise BoundaryError(
                _(
                    "The boundary contains %(found)s as well as areas. A boundary must be an "
                    "area (polygon) only: remove the %(found)s and try again."
                ),
                code="not_only_areas",
                params={"found": found},
            )
        raise BoundaryError(
            _(
                "A boundary must be an area (polygon), not a point or a line, and this one "
                "contains only %(found)s. Draw the outline of the area as a closed shape "
                "and try again."
            ),
            code="not_an_area",
            params={"found": found},
        )
    vertices = 0
    shapes = []
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise _bad_coordinates()
        rings = []
        for ring in polygon:
            if not isinstance(ring, list):
                raise _bad_coordinates()
            vertices += len(ring)
            if vertices > MAX_VERTICES:
                raise _too_many_vertices()
            rings.append(_ring(ring))
        if rings:
            shapes.append(Polygon(rings[0], rings[1:]))
    if not shapes:
        raise _empty()
    if len(shapes) == 1:
        geometry = shapes[0]
    elif all(part.is_valid for part in shapes):
        geometry = shapely.union_all(shapes)
    else:  # left for analyse_boundary to refuse, saying where
        geometry = MultiPolygon(shapes)
    return json.loads(shapely.to_geojson(geometry))


def _ring(ring: list) -> list[tuple[float, float]]:
    positions = []
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in position[:2])
        ):
            raise _bad_coordinates()
        try:
            positions.append((float(position[0]), float(position[1])))
        except OverflowError:
            raise _bad_coordinates() from None
    _check_ranges(np.array(positions, dtype=float).reshape(-1, 2))
    if positions and positions[0] != positions[-1]:
        positions.append(positions[0])  # GeoJSON and KML require it; be lenient
    if len(positions) < 4:
        raise _degenerate()
    return positions


def _check_ranges(xy: np.ndarray) -> None:
    bad = ~np.isfinite(xy).all(axis=1) | (np.abs(xy[:, 0]) > 180) | (np.abs(xy[:, 1]) > 90)
    if not bad.any():
        return
    lon, lat = xy[np.argmax(bad)]
    west, south, east, north = _THAILAND_BOX
    if south <= lon <= north and west <= lat <= east:
        raise BoundaryError(
            _(
                "The boundary's points seem to be written latitude first (%(first)s, "
                "%(second)s). GeoJSON and KML put longitude first, then latitude: export "
                "the area again from your mapping program, or swap the two numbers."
            ),
            code="swapped_coordinates",
            params={"first": _number(lon), "second": _number(lat)},
        )
    raise BoundaryError(
        _(
            "The boundary has a point outside the range of longitude and latitude "
            "(%(lon)s, %(lat)s). Points must be WGS 84 longitude (−180 to 180) and latitude "
            "(−90 to 90) in degrees; if your file is in metres (for example UTM zone 47N), "
            "export it again in WGS 84 (EPSG:4326)."
        ),
        code="out_of_range",
        params={"lon": _number(lon), "lat": _number(lat)},
    )


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if np.isfinite(value) else str(value)


def _found_phrase(kinds: set[str]):
    if kinds == {"point"}:
        return _("points")
    if kinds == {"line"}:
        return _("lines")
    return _("points and lines")


def _not_geojson() -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary is JSON but not GeoJSON: it holds no Polygon, MultiPolygon, Feature "
            "or FeatureCollection. Export the area from your mapping program as GeoJSON."
        ),
        code="not_geojson",
    )


def _bad_coordinates() -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary's coordinates are not written as GeoJSON requires: each point must "
            "be [longitude, latitude] in numbers. Export the area again as GeoJSON."
        ),
        code="bad_coordinates",
    )


def _empty() -> BoundaryError:
    return BoundaryError(
        _("The boundary contains no area: it is empty. Draw or export the area again."),
        code="empty",
    )


def _degenerate() -> BoundaryError:
    return BoundaryError(
        _(
            "A part of the boundary has fewer than three corners, so it encloses no area. "
            "Draw or export the area again."
        ),
        code="degenerate",
    )


def _too_many_vertices() -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary has more than %(limit)s points. Simplify it in your mapping "
            "program (in QGIS: Vector, Geometry Tools, Simplify) and upload it again."
        ),
        code="too_many_vertices",
        params={"limit": f"{MAX_VERTICES:,}"},
    )


# Analysing ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _to_albers() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs("EPSG:4326", ALBERS_THAILAND, always_xy=True)


def project(geometry):
    """A shapely geometry in WGS 84 lon/lat, projected to metres on ALBERS_THAILAND."""
    transformer = _to_albers()
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(*xy.T)))


class ProvinceIndex:
    """Projected province polygons with a spatial index. Build it once and pass it to
    `analyse_boundary` instead of the (code, geometry) pairs to save the projection."""

    def __init__(self, provinces: Iterable[tuple[str, dict]]):
        codes, geometries = [], []
        for code, geometry in provinces:
            codes.append(code)
            geometries.append(project(shapely.make_valid(shape(geometry))))
        self.codes = codes
        self.geometries = np.array(geometries, dtype=object)
        self.tree = shapely.STRtree(self.geometries)


def analyse_boundary(
    geometry: dict,
    *,
    provinces: Iterable[tuple[str, dict]] | ProvinceIndex,
    others: Iterable[tuple[str, str, dict]] = (),
) -> BoundaryReport:
    """Check a boundary (as the readers return it) and report its area, provinces and
    overlaps with `others`, given as (kind, label, geometry), kind being "proposal" or
    "certified_area". Raises BoundaryError for an invalid drawing, an absurd size, or an
    area mostly outside the provinces."""
    index = provinces if isinstance(provinces, ProvinceIndex) else ProvinceIndex(provinces)
    boundary = _normalise(geometry)
    projected = project(boundary)
    if not np.isfinite(shapely.get_coordinates(projected)).all():
        raise _outside_thailand(0.0)
    area_km2 = projected.area / 1e6
    if area_km2 > MAX_AREA_KM2:
        raise BoundaryError(
            _(
                "The boundary covers %(area)s km², more than the %(limit)s km² allowed for "
                "one area. Check that you drew or uploaded the intended area."
            ),
            code="area_too_large",
            params={"area": f"{area_km2:,.0f}", "limit": f"{MAX_AREA_KM2:,}"},
        )
    if area_km2 < MIN_AREA_KM2:
        raise BoundaryError(
            _(
                "The boundary covers only %(area)s m², less than the %(limit)s m² an area "
                "needs. Check that you drew the intended area, not a tiny shape."
            ),
            code="area_too_small",
            params={"area": f"{area_km2 * 1e6:,.0f}", "limit": f"{MIN_AREA_KM2 * 1e6:,.0f}"},
        )

    candidates = index.tree.query(projected, predicate="intersects")
    overlaps = shapely.area(shapely.intersection(projected, index.geometries[candidates])) / 1e6
    # Province polygons form a coverage (they do not overlap), so their overlaps add up.
    share = min(float(overlaps.sum()) / area_km2, 1.0)
    if share < MIN_SHARE_IN_THAILAND:
        raise _outside_thailand(share)
    threshold = max(PROVINCE_SLIVER_SHARE * area_km2, PROVINCE_SLIVER_KM2)
    main = int(np.argmax(overlaps))
    codes = sorted(
        index.codes[candidate]
        for i, candidate in enumerate(candidates)
        if overlaps[i] >= threshold or i == main
    )
    return BoundaryReport(
        geometry=json.loads(shapely.to_geojson(boundary)),
        area_km2=area_km2,
        province_codes=codes,
        warnings=_overlap_warnings(boundary, projected, others),
    )


def _normalise(geometry: dict):
    """The shapely geometry, rounded, outer rings counter-clockwise; refused if invalid."""
    try:
        boundary = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException):
        raise _not_geojson() from None
    if boundary.geom_type not in ("Polygon", "MultiPolygon"):
        raise BoundaryError(
            _("A boundary must be an area (polygon), not a point or a line."),
            code="not_an_area",
        )
    if boundary.is_empty:
        raise _empty()
    if shapely.get_num_coordinates(boundary) > MAX_VERTICES:
        raise _too_many_vertices()
    _check_ranges(shapely.get_coordinates(boundary))
    boundary = shapely.transform(boundary, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    try:
        boundary = shapely.remove_repeated_points(boundary)
    except shapely.errors.GEOSException:  # a ring collapsed to fewer than three points
        raise _degenerate() from None
    boundary = shapely.orient_polygons(boundary)
    if not boundary.is_valid:
        raise _invalid(boundary)
    return boundary


_LOCATION = re.compile(r"\[\s*(-?[\d.e+-]+)\s+(-?[\d.e+-]+)")


def _invalid(boundary) -> BoundaryError:
    reason = shapely.is_valid_reason(boundary)
    match = _LOCATION.search(reason)
    where = {"lon": match[1], "lat": match[2]} if match else {"lon": "?", "lat": "?"}
    where = {k: f"{float(v):.5f}" if v != "?" else v for k, v in where.items()}
    if reason.startswith("Too few points"):
        return _degenerate()
    parts = list(getattr(boundary, "geoms", []))
    if parts and all(part.is_valid for part in parts):
        return BoundaryError(
            _(
                "Parts of the boundary overlap each other near longitude %(lon)s, latitude "
                "%(lat)s. Merge them into one area, or redraw them so they only touch."
            ),
            code="parts_overlap",
            params=where,
        )
    if reason.startswith(("Hole lies outside shell", "Nested holes", "Interior is disconn")):
        return BoundaryError(
            _(
                "A hole in the boundary lies outside the area, or cuts it apart, near "
                "longitude %(lon)s, latitude %(lat)s. Redraw the area and its holes."
            ),
            code="bad_hole",
            params=where,
        )
    if "Self-intersection" in reason:
        return BoundaryError(
            _(
                "The boundary crosses itself near longitude %(lon)s, latitude %(lat)s (a "
                "“bow-tie” shape). Redraw it so that its edges do not cross."
            ),
            code="self_intersection",
            params=where,
        )
    return BoundaryError(
        _(
            "The boundary is not a valid area near longitude %(lon)s, latitude %(lat)s. "
            "Redraw it and try again."
        ),
        code="invalid",
        params=where,
    )


def _outside_thailand(share: float) -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary must lie inside Thailand, but only %(share)s%% of its area is "
            "within a Thai province. Check that you drew it in the right place and that "
            "the file lists longitude before latitude."
        ),
        code="outside_thailand",
        params={"share": f"{share * 100:.0f}"},
    )


_OVERLAP_MESSAGES = {
    "proposal": _(
        "The boundary overlaps the proposal “%(label)s” by %(overlap)s km². Check that the "
        "two proposals are meant to cover the same ground."
    ),
    "certified_area": _(
        "The boundary overlaps the certified smart-city area “%(label)s” by %(overlap)s km². "
        "Check that this is intended: that ground is already certified."
    ),
}


def _overlap_warnings(boundary, projected, others: Iterable[tuple[str, str, dict]]) -> list:
    west, south, east, north = boundary.bounds
    warnings = []
    for kind, label, geometry in others:
        other = shape(geometry)
        ow, os_, oe, on = other.bounds
        if other.is_empty or ow > east or oe < west or os_ > north or on < south:
            continue
        overlap = projected.intersection(project(shapely.make_valid(other))).area / 1e6
        if overlap >= OVERLAP_WARNING_KM2:
            message = _OVERLAP_MESSAGES.get(
                kind,
                _("The boundary overlaps “%(label)s” (%(kind)s) by %(overlap)s km²."),
            )
            warnings.append(
                str(message) % {"label": label, "kind": kind, "overlap": f"{overlap:,.2f}"}
            )
    return warnings


def compare_declared(
    report: BoundaryReport,
    declared_codes: Iterable[str],
    *,
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """Messages for provinces declared but not reached, then reached but not declared.
    `names` maps codes to province names for the messages (codes are shown otherwise)."""
    declared, reached = set(declared_codes), set(report.province_codes)
    names = names or {}
    messages = [
        str(
            _(
                "You declared the province %(province)s, but the boundary does not reach it. "
                "Remove it from the declared provinces, or extend the boundary."
            )
        )
        % {"province": names.get(code, code)}
        for code in sorted(declared - reached)
    ]
    messages += [
        str(
            _(
                "The boundary reaches the province %(province)s, which is not declared. "
                "Add it to the declared provinces, or redraw the boundary."
            )
        )
        % {"province": names.get(code, code)}
        for code in sorted(reached - declared)
    ]
    return messages
