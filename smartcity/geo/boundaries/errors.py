"""BoundaryError, and the refusals that more than one step of reading raises."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from smartcity.core.errors import ActionRefused
from smartcity.geo.boundaries.limits import MAX_VERTICES


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


def not_geojson() -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary is JSON but not GeoJSON: it holds no Polygon, MultiPolygon, Feature "
            "or FeatureCollection. Export the area from your mapping program as GeoJSON."
        ),
        code="not_geojson",
    )


def bad_coordinates() -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary's coordinates are not written as GeoJSON requires: each point must "
            "be [longitude, latitude] in numbers. Export the area again as GeoJSON."
        ),
        code="bad_coordinates",
    )


def empty() -> BoundaryError:
    return BoundaryError(
        _("The boundary contains no area: it is empty. Draw or export the area again."),
        code="empty",
    )


def degenerate() -> BoundaryError:
    return BoundaryError(
        _(
            "A part of the boundary has fewer than three corners, so it encloses no area. "
            "Draw or export the area again."
        ),
        code="degenerate",
    )


def too_many_vertices() -> BoundaryError:
    return BoundaryError(
        _(
            "The boundary has more than %(limit)s points. Simplify it in your mapping "
            "program (in QGIS: Vector, Geometry Tools, Simplify) and upload it again."
        ),
        code="too_many_vertices",
        params={"limit": f"{MAX_VERTICES:,}"},
    )
