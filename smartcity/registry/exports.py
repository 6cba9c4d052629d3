"""The shape of the registry's open data (CSV and GeoJSON): one definition for both.

Unknown values are empty in CSV and null in GeoJSON, never zero."""

from django.urls import reverse

from smartcity.certification.models import CertifiedArea

COLUMNS = [
    "id", "name_th", "name_en", "province_code", "province_iso", "province_th", "province_en",
    "region", "proponent_th", "proponent_type", "batch", "approved_by", "acknowledged_by",
    "certified_on", "logo_ceremony_on", "domains", "population_served",
    "expected_investment_baht", "record_quality", "note", "url",
]  # fmt: skip


def csv_header() -> list[str]:
    return COLUMNS


def _meeting(meeting) -> str:
    if meeting is None:
        return ""
    return f"{meeting.committee.get_kind_display()} {meeting.reference}"


def area_record(area: CertifiedArea, request=None) -> dict:
    url = reverse("registry:area_detail", args=[area.pk])
    return {
        "id": area.pk,
        "name_th": area.name_th,
        "name_en": area.name_en,
        "province_code": area.province.code,
        "province_iso": area.province.iso_code,
        "province_th": area.province.name_th,
        "province_en": area.province.name_en,
        "region": area.province.region.code,
        "proponent_th": area.proponent.name_th if area.proponent else None,
        "proponent_type": area.proponent_type or None,
        "batch": area.batch.code if area.batch else None,
        "approved_by": _meeting(area.approved_at) or None,
        "acknowledged_by": _meeting(area.acknowledged_at) or None,
        "certified_on": area.certified_on.isoformat(),
        "logo_ceremony_on": area.logo_ceremony_on.isoformat() if area.logo_ceremony_on else None,
        "domains": [d.domain for d in area.domains.all()],
        "population_served": area.population_served,
        "expected_investment_baht": (
            float(area.expected_investment_baht)
            if area.expected_investment_baht is not None
            else None
        ),
        "record_quality": area.record_quality,
        "note": area.note or None,
        "url": request.build_absolute_uri(url) if request else url,
    }


def area_row(area: CertifiedArea) -> list:
    record = area_record(area)
    record["domains"] = " ".join(record["domains"])
    return ["" if record[c] is None else record[c] for c in COLUMNS]


def area_feature(area: CertifiedArea, request=None) -> dict:
    """A point at a representative point of the area's province: the area's own boundary
    is not on record for historical areas, and `location_precision` says so."""
    province = area.province
    geometry = None
    if province.label_lon is not None:
        geometry = {"type": "Point", "coordinates": [province.label_lon, province.label_lat]}
    properties = area_record(area, request)
    properties["location_precision"] = "province"
    return {"type": "Feature", "id": area.pk, "geometry": geometry, "properties": properties}
