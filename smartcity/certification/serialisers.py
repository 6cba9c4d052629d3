"""The one serialisation of an area and its certificate, read from values (plain dicts,
no model object per row). It feeds the verification JSON (/verify/<n>.json), the registry
CSV and the GeoJSON with the same field names; they are listed in docs/architecture.md
and will be the API's. Unknown values are None (empty in CSV, null in JSON), never zero.

Queries: a fixed number per call (area_records: two per chunk of CHUNK areas)."""

import datetime as dt
from collections.abc import Iterator
from itertools import islice

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from smartcity.certification.enums import DisplayStatus, EventKind
from smartcity.certification.models import (
    Certificate,
    CertificateDomain,
    CertificateEvent,
    display_status,
    in_force_on,
)
from smartcity.committee.enums import CommitteeKind

# The record's fields, in the order of the CSV columns.
FIELDS = [
    "id", "name_th", "name_en", "province_code", "province_iso", "province_th", "province_en",
    "region", "proponent_th", "proponent_en", "proponent_type", "batch", "certificate_number",
    "status", "certified_on", "valid_from", "valid_until", "revoked_on", "approving_meeting",
    "acknowledging_meeting", "logo_ceremony_on", "domains", "population_served",
    "expected_investment_baht", "record_quality", "note", "url", "verify_url",
]  # fmt: skip

CHUNK = 500

_AREA_VALUES = [
    "id", "name_th", "name_en", "province__code", "province__name_th",
    "province__name_en", "province__region__code", "proponent__name_th", "proponent__name_en",
    "proponent__type", "proponent_type", "batch__code", "certified_on", "logo_ceremony_on",
    "population_served", "expected_investment_baht", "record_quality", "note",
    "province__label_lon", "province__label_lat",
]  # fmt: skip
_MEETING_VALUES = [
    "id", "number", "year_be", "held_on", "held_on_precision", "committee__kind",
    "committee__name_th", "committee__name_en",
]  # fmt: skip


def _meeting_values(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in _MEETING_VALUES]


_CERTIFICATE_VALUES = [
    "id", "area_id", "number", "status", "certified_on", "valid_from", "valid_until",
    "revoked_on", *_meeting_values("approving_meeting"), *_meeting_values("acknowledging_meeting"),
]  # fmt: skip


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _localised(row: dict, field: str) -> str:
    thai, english = row.get(f"{field}_th") or "", row.get(f"{field}_en") or ""
    if (get_language() or "th").startswith("th"):
        return thai or english
    return english or thai


def _meeting(row: dict, prefix: str) -> dict | None:
    """The meeting read under `prefix` in `row`, as a record; None when there is none."""
    get = {name: row[f"{prefix}__{name}"] for name in _MEETING_VALUES}
    if get["id"] is None:
        return None
    reference = f"{get['number']}/{get['year_be']}" if get["number"] else str(get["year_be"])
    kind = get["committee__kind"]
    return {
        "committee": kind,
        "committee_name": _localised(
            {"name_th": get["committee__name_th"], "name_en": get["committee__name_en"]}, "name"
        ),
        "reference": reference,
        "number": get["number"],
        "year_be": get["year_be"],
        "held_on": _date(get["held_on"]),
        "held_on_precision": get["held_on_precision"],
        # How the CSV writes it: "<committee> 1/2565".
        "label": f"{CommitteeKind(kind).label} {reference}",
    }


def _record(area: dict, certificate: dict | None, domains, on, request) -> dict:
    url = reverse("registry:area_detail", args=[area["id"]])
    status = verify_url = None
    if certificate:
        status = display_status(certificate["status"], certificate["valid_until"], on)
        verify_url = reverse("certification:verify", kwargs={"number": certificate["number"]})
    absolute = request.build_absolute_uri if request else (lambda path: path)
    investment = area["expected_investment_baht"]
    certificate = certificate or {}
    return {
        "id": area["id"],
        "name_th": area["name_th"] or None,
        "name_en": area["name_en"] or None,
        "province_code": area["province__code"],
        "province_iso": f"TH-{area['province__code']}",  # as Province.iso_code
        "province_th": area["province__name_th"],
        "province_en": area["province__name_en"],
        "region": area["province__region__code"],
        "proponent_th": area["proponent__name_th"] or None,
        "proponent_en": area["proponent__name_en"] or None,
        "proponent_type": area["proponent__type"] or area["proponent_type"] or None,
        "batch": area["batch__code"],
        "certificate_number": certificate.get("number"),
        "status": status,
        "certified_on": _date(certificate.get("certified_on") or area["certified_on"]),
        "valid_from": _date(certificate.get("valid_from")),
        "valid_until": _date(certificate.get("valid_until")),
        "revoked_on": _date(certificate.get("revoked_on")),
        "approving_meeting": _meeting(certificate, "approving_meeting") if certificate else None,
        "acknowledging_meeting": (
            _meeting(certificate, "acknowledging_meeting") if certificate else None
        ),
        "logo_ceremony_on": _date(area["logo_ceremony_on"]),
        "domains": domains.get(certificate.get("id"), []),
        "population_served": area["population_served"],
        "expected_investment_baht": float(investment) if investment is not None else None,
        "record_quality": area["record_quality"],
        "note": area["note"] or None,
        "url": absolute(url),
        "verify_url": absolute(verify_url) if verify_url else None,
        # Not a field: the GeoJSON's geometry, a representative point of the province
        # (the area's own boundary is not on record for historical areas).
        "geometry": _point(area),
    }


def _point(area: dict) -> dict | None:
    if area["province__label_lon"] is None:
        return None
    return {
        "type": "Point",
        "coordinates": [area["province__label_lon"], area["province__label_lat"]],
    }


def _current(certificates: list[dict], on: dt.date) -> dict | None:
    """The area's current certificate among its rows: the newest in force on `on`, else
    the newest that took effect (as selectors.current_certificate())."""
    held = sorted(
        (c for c in certificates if c["certified_on"] <= on),
        key=lambda c: (c["certified_on"], c["id"]),
        reverse=True,
    )
    fields = ("certified_on", "valid_from", "valid_until", "revoked_on")
    in_force = [c for c in held if in_force_on(on, **{f: c[f] for f in fields})]
    return (in_force or held or [None])[0]


def _certificates(**lookup) -> tuple[list[dict], dict[int, list[str]]]:
    """The certificates matching `lookup`, as rows, and {pk: their domain codes}: one
    query (a row per certificate and domain, joined)."""
    rows: dict[int, dict] = {}
    domains: dict[int, list[str]] = {}
    for row in (
        Certificate.objects.filter(**lookup)
        .values(*_CERTIFICATE_VALUES, "domains__domain")
        .order_by("id", "domains__domain")
    ):
        code = row.pop("domains__domain")
        rows.setdefault(row["id"], row)
        domains.setdefault(row["id"], [])
        if code:
            domains[row["id"]].append(code)
    return list(rows.values()), domains


def _chunk(areas: list[dict], on, request) -> list[dict]:
    by_area: dict[int, list[dict]] = {a["id"]: [] for a in areas}
    certificates, domains = _certificates(area_id__in=list(by_area))
    for row in certificates:
        by_area[row["area_id"]].append(row)
    current = {pk: _current(rows, on) for pk, rows in by_area.items()}
    return [_record(a, current[a["id"]], domains, on, request) for a in areas]


def area_records(areas, *, on: dt.date | None = None, request=None) -> Iterator[dict]:
    """Each area of the queryset `areas` (in its order) with its current certificate on
    `on` (default today), as a record of FIELDS. Lazy: two queries per CHUNK areas,
    so an export streams with flat memory."""
    on = on or timezone.localdate()
    rows = areas.prefetch_related(None).values(*_AREA_VALUES).iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        yield from _chunk(chunk, on, request)


def certificate_record(number: str, *, on: dt.date | None = None, request=None) -> dict | None:
    """The certificate numbered `number` (not necessarily its area's current one) with
    its area, as a record of FIELDS, with its public history; None for an unknown number
    or a certificate that has not taken effect by `on` (default today). Three queries."""
    on = on or timezone.localdate()
    row = (
        Certificate.objects.filter(number=number, certified_on__lte=on)
        .values(*_CERTIFICATE_VALUES, *(f"area__{name}" for name in _AREA_VALUES))
        .first()
    )
    if row is None:
        return None
    area = {name: row[f"area__{name}"] for name in _AREA_VALUES}
    events = CertificateEvent.objects.filter(certificate_id=row["id"]).order_by("on", "id")
    domains = {row["id"]: sorted(CertificateDomain.objects.filter(certificate_id=row["id"])
                                 .values_list("domain", flat=True))}  # fmt: skip
    record = _record(area, row, domains, on, request)
    del record["geometry"]
    record["status_label"] = str(DisplayStatus(record["status"]).label)
    record["history"] = [
        {
            "event": event["kind"],
            "event_label": str(EventKind(event["kind"]).label),
            "on": _date(event["on"]),
            "reason": event["reason"] or None,
            "meeting": _meeting(event, "meeting"),
        }
        for event in events.values("kind", "on", "reason", *_meeting_values("meeting"))
    ]
    return record
