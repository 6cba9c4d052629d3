"""Warnings about a boundary's overlaps with other areas (proposals, certified areas)."""

from collections.abc import Iterable

import shapely
from django.utils.translation import gettext_lazy as _
from shapely.geometry import shape

from smartcity.geo.boundaries.limits import OVERLAP_WARNING_KM2
from smartcity.geo.boundaries.projection import project

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


def overlap_warnings(boundary, projected, others: Iterable[tuple[str, str, dict]]) -> list:
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
