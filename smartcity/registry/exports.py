"""The shape of the registry's open data (CSV and GeoJSON): the records of
certification.serialisers (the same field names as the verification JSON), written
as CSV rows or GeoJSON features.

Unknown values are empty in CSV and null in GeoJSON, never zero.

How they are written (docs/architecture.md, "Exports"): the records come from values rows
in chunks (a fixed number of queries per chunk, no model object per row); the CSV is
written a chunk of rows per piece, the GeoJSON a chunk of features per piece, so memory
stays flat and a streamed response sends few large pieces. The functions the bench calls:
`csv_rows(areas)` (the rows), `csv_file(areas)` and `geojson_chunks(areas)` (the files).

Kept per version: the files most readers fetch, the whole registry (optionally as of a
date), are made once per registry version (core.versions), date, language and site
address, kept in the default storage (core.kept_files) and streamed from there; the next
certification, revocation, renewal or import bumps the version, so the next request makes
the new file and the older versions are deleted. A filtered export (search text,
province, region, batch, type, domain, sort) is streamed live: the combinations are
countless and any reader can make up a new one, so keeping them would let anyone fill the
disk; they are also smaller. Dates are countless too (every `as_of` since the programme
began): at most KEPT_FILES files of one version are kept, the least recently made
deleted first."""

import hashlib
import json
from collections.abc import Callable, Iterator
from itertools import islice
from operator import itemgetter
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smartcity.certification.serialisers import CHUNK, FIELDS, area_records
from smartcity.core import kept_files, versions
from smartcity.core.exports import Progress, export_kind
from smartcity.core.mail import absolute_url
from smartcity.core.spreadsheets import CSV_CONTENT_TYPE, csv_chunks
from smartcity.registry import selectors
from smartcity.registry.forms import RegistryFilterForm

GEOJSON_CONTENT_TYPE = "application/geo+json; charset=utf-8"
# Up to this many areas the list offers the direct (streamed) download only; above, it
# offers to prepare the file in the background too (the registry at 100x: about 3,000).
DIRECT_DOWNLOAD_MAX = 1000

# verify_url is the verification JSON's; the registry's rows link the area's page.
COLUMNS = [name for name in FIELDS if name != "verify_url"]


def csv_header() -> list[str]:
    return COLUMNS


_columns_of = itemgetter(*COLUMNS)
_DOMAINS = COLUMNS.index("domains")
_MEETINGS = [COLUMNS.index("approving_meeting"), COLUMNS.index("acknowledging_meeting")]


def area_row(record: dict) -> list:
    """The record's CSV cells: the domains space-separated, a meeting by its label, an
    unknown value None (which the CSV writes empty)."""
    row = list(_columns_of(record))
    row[_DOMAINS] = " ".join(row[_DOMAINS])
    for index in _MEETINGS:
        if row[index] is not None:
            row[index] = row[index]["label"]
    return row


def area_feature(record: dict) -> dict:
    """A point at a representative point of the area's province: the area's own boundary
    is not on record for historical areas, and `location_precision` says so."""
    properties = {c: record[c] for c in COLUMNS}
    properties["location_precision"] = "province"
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": record["geometry"],
        "properties": properties,
    }


def export_name(extension: str) -> str:
    return f"smartcity-registry-{timezone.localdate():%Y%m%d}.{extension}"


def _records(areas, as_of, request, progress: Progress | None):
    records = area_records(areas, on=as_of, request=request)
    return progress.counted(records) if progress is not None else records


def csv_rows(areas, *, as_of=None, request=None, progress: Progress | None = None):
    """The CSV's rows (without the header), lazily; each area counted in `progress`."""
    return (area_row(record) for record in _records(areas, as_of, request, progress))


def csv_file(areas, *, as_of=None, request=None, progress: Progress | None = None):
    """The CSV's text in pieces of rows, lazily; each area counted in `progress` if given."""
    rows = csv_rows(areas, as_of=as_of, request=request, progress=progress)
    return csv_chunks(csv_header(), rows, rows_per_chunk=CHUNK)


def geojson_chunks(
    areas, *, as_of=None, request=None, progress: Progress | None = None
) -> Iterator[str]:
    """The FeatureCollection in pieces: memory stays flat however large the registry."""
    head = {
        "type": "FeatureCollection",
        "attribution": "Smart City Thailand registry; province geometry Natural Earth, GeoThai (CC BY 4.0)",
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',"features":['
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    records = _records(areas, as_of, request, progress)
    separator = ""
    while chunk := list(islice(records, CHUNK)):
        yield separator + ",".join([encode(area_feature(record)) for record in chunk])
        separator = ","
    yield "]}"


# Kept per version ------------------------------------------------------------------------

KEPT_FOLDER = "open-data/registry"
# The filters a kept file may have: none, or a date.
KEPT_FILTERS = {"as_of"}
# Files of one registry version kept at most (both formats, both languages, today's and
# other dates): a few megabytes each at 100 times today's registry.
KEPT_FILES = 16


def kept_name(extension: str, *, on, language: str, site: str, version: versions.Version) -> str:
    """The kept file of the whole registry on `on`, in `language`, its links under `site`,
    at `version`: `open-data/registry/<version>-<digest>.<extension>`."""
    key = "\n".join([extension, on.isoformat(), language, site])
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"{KEPT_FOLDER}/{version.stamp}-{digest}.{extension}"


def kept_export(extension: str, filters: dict, *, request) -> File | None:
    """The kept `extension` ("csv" or "geojson") file of the registry with `filters`,
    open for streaming: made and kept first when this version was never made (and the
    files of older versions deleted, and the oldest of this version beyond KEPT_FILES).
    None for filters that are not kept (stream those live), or when the file was pruned
    the moment it was made by a request of a newer version."""
    if not set(filters) <= KEPT_FILTERS:
        return None
    # The version is read before the rows: the file shows at least this version.
    version = versions.current()
    on = filters.get("as_of") or timezone.localdate()
    language = get_language() or ""
    # The CSV's links are relative to the site; the GeoJSON's are absolute.
    site = request.build_absolute_uri("/") if extension == "geojson" else ""
    name = kept_name(extension, on=on, language=language, site=site, version=version)
    kept = kept_files.open_kept(default_storage, name)
    if kept is not None:
        return kept
    areas = selectors.search_areas(filters)
    as_of = filters.get("as_of")
    if extension == "csv":
        pieces = csv_file(areas, as_of=as_of)
    else:
        pieces = geojson_chunks(areas, as_of=as_of, request=request)
    kept_files.keep(default_storage, name, _writer(pieces))
    prefix = f"{version.stamp}-"
    kept_files.prune(default_storage, name, others=lambda other: not other.startswith(prefix))
    kept_files.prune(
        default_storage, name, others=lambda other: other.startswith(prefix), keep=KEPT_FILES - 1
    )
    return kept_files.open_kept(default_storage, name)


def _writer(pieces: Iterator[str]) -> Callable[[BinaryIO], None]:
    def write(out: BinaryIO) -> None:
        for piece in pieces:
            out.write(piece.encode("utf-8"))

    return write


# In the background (core.exports): the same files, for a large registry. The parameters
# are the filters as typed (the list's query), read again in the language they were typed.


class _Site:
    """What area_records asks of a request, for a file made outside one: the site's own
    address in settings."""

    @staticmethod
    def build_absolute_uri(path: str) -> str:
        return absolute_url(path)


def _areas(parameters: dict, progress: Progress):
    filters = RegistryFilterForm(parameters or None).filters()
    areas = selectors.search_areas(filters)
    progress.total(areas.count())
    return areas, filters.get("as_of")


def _write_csv(parameters: dict, out: BinaryIO, progress: Progress) -> None:
    areas, as_of = _areas(parameters, progress)
    # Links as the direct download writes them: relative to the site.
    for line in csv_file(areas, as_of=as_of, progress=progress):
        out.write(line.encode("utf-8"))


def _write_geojson(parameters: dict, out: BinaryIO, progress: Progress) -> None:
    areas, as_of = _areas(parameters, progress)
    for chunk in geojson_chunks(areas, as_of=as_of, request=_Site(), progress=progress):
        out.write(chunk.encode("utf-8"))


CSV_EXPORT = export_kind(
    "registry.areas_csv",
    title=_("Certified areas (CSV)"),
    extension="csv",
    content_type=CSV_CONTENT_TYPE,
    permission=None,
    filename=lambda parameters: export_name("csv"),
    write=_write_csv,
)
GEOJSON_EXPORT = export_kind(
    "registry.areas_geojson",
    title=_("Certified areas (GeoJSON)"),
    extension="geojson",
    content_type=GEOJSON_CONTENT_TYPE,
    permission=None,
    filename=lambda parameters: export_name("geojson"),
    write=_write_geojson,
)
