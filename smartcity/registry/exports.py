"""The shape of the registry's open data (CSV and GeoJSON): the records of
certification.serialisers (the same field names as the verification JSON), written
as CSV rows or GeoJSON features.

Unknown values are empty in CSV and null in GeoJSON, never zero."""

from smartcity.certification.serialisers import FIELDS

# verify_url is the verification JSON's; the registry's rows link the area's page.
COLUMNS = [name for name in FIELDS if name != "verify_url"]


def csv_header() -> list[str]:
    return COLUMNS


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):  # domains
        return " ".join(value)
    if isinstance(value, dict):  # a meeting
        return value["label"]
    return value


def area_row(record: dict) -> list:
    return [_cell(record[c]) for c in COLUMNS]


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
