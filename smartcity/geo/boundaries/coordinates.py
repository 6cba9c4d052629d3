"""Positions checked against the range of longitude and latitude."""

import numpy as np
from django.utils.translation import gettext_lazy as _

from smartcity.geo.boundaries.errors import BoundaryError

# Thailand's extent, generously, for guessing that latitude and longitude were swapped.
_THAILAND_BOX = (97.0, 5.0, 106.0, 21.0)


def check_ranges(xy: np.ndarray) -> None:
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
