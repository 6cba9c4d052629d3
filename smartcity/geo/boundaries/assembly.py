"""The polygons found in a file checked point by point and merged into one geometry."""

import json

import numpy as np
import shapely
from django.utils.translation import gettext_lazy as _
from shapely.geometry import MultiPolygon, Polygon

from smartcity.geo.boundaries.coordinates import check_ranges
from smartcity.geo.boundaries.errors import (
    BoundaryError,
    bad_coordinates,
    degenerate,
    empty,
    too_many_vertices,
)
from smartcity.geo.boundaries.limits import MAX_VERTICES


def assemble(polygons: list, other_kinds: set[str]) -> dict:
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
            raise bad_coordinates()
        rings = []
        for ring in polygon:
            if not isinstance(ring, list):
                raise bad_coordinates()
            vertices += len(ring)
            if vertices > MAX_VERTICES:
                raise too_many_vertices()
            rings.append(_ring(ring))
        if rings:
            shapes.append(Polygon(rings[0], rings[1:]))
    if not shapes:
        raise empty()
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
            raise bad_coordinates()
        try:
            positions.append((float(position[0]), float(position[1])))
        except OverflowError:
            raise bad_coordinates() from None
    check_ranges(np.array(positions, dtype=float).reshape(-1, 2))
    if positions and positions[0] != positions[-1]:
        positions.append(positions[0])  # GeoJSON and KML require it; be lenient
    if len(positions) < 4:
        raise degenerate()
    return positions


def _found_phrase(kinds: set[str]):
    if kinds == {"point"}:
        return _("points")
    if kinds == {"line"}:
        return _("lines")
    return _("points and lines")
