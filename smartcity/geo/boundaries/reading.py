"""Untrusted input (an uploaded file, or the map drawing tool's GeoJSON) turned into one
Polygon or MultiPolygon. The format is decided by the content, never by the name."""

import io
import zipfile

from django.utils.translation import gettext_lazy as _

from smartcity.core.uploads import megabytes, safe_filename, sniff_foreign_type
from smartcity.geo.boundaries.errors import BoundaryError, empty
from smartcity.geo.boundaries.geojson import read_geojson
from smartcity.geo.boundaries.kml import read_kml
from smartcity.geo.boundaries.limits import MAX_BYTES


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
        return read_geojson(text)
    if start == "<":
        return read_kml(text, name)
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
        raise empty()
    return read_geojson(text)


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
