"""A boundary read from GeoJSON: a geometry, a Feature or a collection of them."""

import json

from django.utils.translation import gettext_lazy as _

from smartcity.geo.boundaries.assembly import assemble
from smartcity.geo.boundaries.errors import BoundaryError, bad_coordinates, not_geojson


def read_geojson(text: str) -> dict:
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
        raise not_geojson() from None
    polygons: list = []
    other_kinds: set[str] = set()
    _collect_geojson(value, polygons, other_kinds, depth=0)
    return assemble(polygons, other_kinds)


def _refuse_constant(constant: str):
    """NaN and Infinity, which Python's json reads but JSON forbids."""
    raise bad_coordinates()


def _collect_geojson(value, polygons: list, other_kinds: set, depth: int) -> None:
    if not isinstance(value, dict) or depth > 20:
        raise not_geojson()
    kind = value.get("type")
    if kind == "FeatureCollection":
        features = value.get("features")
        if not isinstance(features, list):
            raise not_geojson()
        for feature in features:
            _collect_geojson(feature, polygons, other_kinds, depth + 1)
    elif kind == "Feature":
        if "geometry" not in value:
            raise not_geojson()
        if value["geometry"] is not None:
            _collect_geojson(value["geometry"], polygons, other_kinds, depth + 1)
    elif kind == "GeometryCollection":
        geometries = value.get("geometries")
        if not isinstance(geometries, list):
            raise not_geojson()
        for geometry in geometries:
            _collect_geojson(geometry, polygons, other_kinds, depth + 1)
    elif kind in ("Polygon", "MultiPolygon"):
        coordinates = value.get("coordinates")
        if not isinstance(coordinates, list):
            raise bad_coordinates()
        polygons.extend([coordinates] if kind == "Polygon" else coordinates)
    elif kind in ("Point", "MultiPoint"):
        other_kinds.add("point")
    elif kind in ("LineString", "MultiLineString"):
        other_kinds.add("line")
    else:
        raise not_geojson()
