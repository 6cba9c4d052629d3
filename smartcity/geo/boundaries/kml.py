"""A boundary read from KML, safely (no DTD, no entities)."""

import re

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.utils.translation import gettext_lazy as _

from smartcity.geo.boundaries.assembly import assemble
from smartcity.geo.boundaries.errors import BoundaryError, degenerate, too_many_vertices
from smartcity.geo.boundaries.limits import MAX_VERTICES


def read_kml(text: str, name: str) -> dict:
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
    return assemble(polygons, other_kinds)


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
        raise degenerate()
    return outer + inner


def _kml_coordinates(ring) -> list:
    text = next((c.text or "" for c in ring if _local(c.tag) == "coordinates"), "")
    # KML separates a point's numbers by commas and points by white space; some writers
    # put a space after the comma too.
    tuples = re.sub(r"\s*,\s*", ",", text.strip()).split()
    if len(tuples) > MAX_VERTICES:
        raise too_many_vertices()
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
