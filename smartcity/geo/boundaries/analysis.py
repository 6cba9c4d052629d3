"""A boundary checked (valid, of a believable size, inside Thailand) and reported: its
area, the provinces it reaches, its overlaps; and compared with the declared provinces."""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import shapely
from django.utils.translation import gettext_lazy as _
from shapely.geometry import shape

from smartcity.geo.boundaries.coordinates import check_ranges
from smartcity.geo.boundaries.errors import (
    BoundaryError,
    degenerate,
    empty,
    not_geojson,
    too_many_vertices,
)
from smartcity.geo.boundaries.limits import (
    COORDINATE_DECIMALS,
    MAX_AREA_KM2,
    MAX_VERTICES,
    MIN_AREA_KM2,
    MIN_SHARE_IN_THAILAND,
    PROVINCE_SLIVER_KM2,
    PROVINCE_SLIVER_SHARE,
)
from smartcity.geo.boundaries.overlaps import overlap_warnings
from smartcity.geo.boundaries.projection import project


@dataclass(frozen=True)
class BoundaryReport:
    geometry: dict  # normalised: outer rings counter-clockwise, 6 decimals
    area_km2: float
    province_codes: list[str]  # sorted
    warnings: list[str]


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
        warnings=overlap_warnings(boundary, projected, others),
    )


def _normalise(geometry: dict):
    """The shapely geometry, rounded, outer rings counter-clockwise; refused if invalid."""
    try:
        boundary = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException):
        raise not_geojson() from None
    if boundary.geom_type not in ("Polygon", "MultiPolygon"):
        raise BoundaryError(
            _("A boundary must be an area (polygon), not a point or a line."),
            code="not_an_area",
        )
    if boundary.is_empty:
        raise empty()
    if shapely.get_num_coordinates(boundary) > MAX_VERTICES:
        raise too_many_vertices()
    check_ranges(shapely.get_coordinates(boundary))
    boundary = shapely.transform(boundary, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    try:
        boundary = shapely.remove_repeated_points(boundary)
    except shapely.errors.GEOSException:  # a ring collapsed to fewer than three points
        raise degenerate() from None
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
        return degenerate()
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
