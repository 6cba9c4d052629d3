"""The one serialisation of an area and its certificate, read from values (plain dicts,
no model object per row). It feeds the verification JSON (/verify/<n>.json), the registry
CSV and the GeoJSON with the same field names; they are listed in docs/architecture.md
and will be the API's. Unknown values are None (empty in CSV, null in JSON), never zero.

Queries: a fixed number per call (area_records: one, and two per chunk of CHUNK areas).

Cost per row: what does not change from one row to the next (the language, the links'
prefixes, the committees' labels, the date) is worked out once per call in a _Context, so
a row costs its own values only: no reverse() and no translation lookup per row."""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from urllib.parse import quote

from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

from smartcity.certification import agenda, decision
from smartcity.certification.enums import DisplayStatus, EventKind
from smartcity.certification.models import (
    Certificate,
    CertificateDomain,
    CertificateEvent,
    display_status,
    in_force_on,
)
from smartcity.committee.enums import CommitteeKind, Outcome, ResolutionStatus
from smartcity.committee.models import Resolution

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


def _link_maker(name: str, argument: str, absolute) -> Callable[[object], str]:
    """A function of one URL argument giving the address reverse(name) would, built from
    the one reversed prefix and suffix (a sample argument cut out of the reversed path),
    quoted as reverse() quotes an argument; made absolute by `absolute` once."""
    sample = "0"  # fits both an <int:> and a <str:> argument
    path = reverse(name, kwargs={argument: sample})
    cut = path.rindex(f"/{sample}/") + 1
    prefix, suffix = absolute(path[:cut]), path[cut + len(sample) :]
    safe = RFC3986_SUBDELIMS + "~:@"
    return lambda value: f"{prefix}{quote(str(value), safe=safe)}{suffix}"


@dataclass(frozen=True)
class _Context:
    """What every record of one call shares, worked out once: the date the status is
    read on, the reader's language, the links and the committees' labels."""

    on: dt.date
    thai: bool
    area_url: Callable[[object], str]
    verify_url: Callable[[object], str]
    committee_labels: dict[str, str]

    @classmethod
    def make(cls, on: dt.date, request) -> "_Context":
        absolute = request.build_absolute_uri if request else (lambda path: path)
        return cls(
            on=on,
            thai=(get_language() or "th").startswith("th"),
            area_url=_link_maker("registry:area_detail", "pk", absolute),
            verify_url=_link_maker("certification:verify", "number", absolute),
            committee_labels={kind.value: str(kind.label) for kind in CommitteeKind},
        )

    def localised(self, thai: str | None, english: str | None) -> str:
        thai, english = thai or "", english or ""
        return (thai or english) if self.thai else (english or thai)


def _meeting(row: dict, prefix: str, context: _Context) -> dict | None:
    """The meeting read under `prefix` in `row`, as a record; None when there is none."""
    if row[f"{prefix}__id"] is None:
        return None
    number, year_be = row[f"{prefix}__number"], row[f"{prefix}__year_be"]
    reference = f"{number}/{year_be}" if number else str(year_be)
    kind = row[f"{prefix}__committee__kind"]
    return {
        "committee": kind,
        "committee_name": context.localised(
            row[f"{prefix}__committee__name_th"], row[f"{prefix}__committee__name_en"]
        ),
        "reference": reference,
        "number": number,
        "year_be": year_be,
        "held_on": _date(row[f"{prefix}__held_on"]),
        "held_on_precision": row[f"{prefix}__held_on_precision"],
        # How the CSV writes it: "<committee> 1/2565".
        "label": f"{context.committee_labels[kind]} {reference}",
    }


def _record(area: dict, certificate: dict | None, domains, context: _Context) -> dict:
    status = verify_url = None
    if certificate:
        status = display_status(certificate["status"], certificate["valid_until"], context.on)
        verify_url = context.verify_url(certificate["number"])
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
        "approving_meeting": (
            _meeting(certificate, "approving_meeting", context) if certificate else None
        ),
        "acknowledging_meeting": (
            _meeting(certificate, "acknowledging_meeting", context) if certificate else None
        ),
        "logo_ceremony_on": _date(area["logo_ceremony_on"]),
        "domains": domains.get(certificate.get("id"), []),
        "population_served": area["population_served"],
        "expected_investment_baht": float(investment) if investment is not None else None,
        "record_quality": area["record_quality"],
        "note": area["note"] or None,
        "url": context.area_url(area["id"]),
        "verify_url": verify_url,
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
    """The certificates matching `lookup`, as rows, and {pk: their domain codes}: two
    queries (a certificate's row joined to each of its domains repeated its meetings'
    columns per domain, and cost twice as much)."""
    rows = list(Certificate.objects.filter(**lookup).values(*_CERTIFICATE_VALUES).order_by("id"))
    domains: dict[int, list[str]] = {row["id"]: [] for row in rows}
    for pk, code in (
        CertificateDomain.objects.filter(certificate_id__in=list(domains))
        .values_list("certificate_id", "domain")
        .order_by("certificate_id", "domain")
    ):
        domains[pk].append(code)
    return rows, domains


def _chunk(areas: list[dict], context: _Context) -> list[dict]:
    by_area: dict[int, list[dict]] = {a["id"]: [] for a in areas}
    certificates, domains = _certificates(area_id__in=list(by_area))
    for row in certificates:
        by_area[row["area_id"]].append(row)
    current = {pk: _current(rows, context.on) for pk, rows in by_area.items()}
    return [_record(a, current[a["id"]], domains, context) for a in areas]


def area_records(areas, *, on: dt.date | None = None, request=None) -> Iterator[dict]:
    """Each area of the queryset `areas` (in its order) with its current certificate on
    `on` (default today), as a record of FIELDS. Lazy: one query for the areas, and two
    per CHUNK areas, so an export streams with flat memory."""
    context = _Context.make(on or timezone.localdate(), request)
    rows = areas.prefetch_related(None).values(*_AREA_VALUES).iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        yield from _chunk(chunk, context)


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
    context = _Context.make(on, request)
    record = _record(area, row, domains, context)
    del record["geometry"]
    record["status_label"] = str(DisplayStatus(record["status"]).label)
    record["history"] = [
        {
            "event": event["kind"],
            "event_label": str(EventKind(event["kind"]).label),
            "on": _date(event["on"]),
            "reason": event["reason"] or None,
            "meeting": _meeting(event, "meeting", context),
        }
        for event in events.values("kind", "on", "reason", *_meeting_values("meeting"))
    ]
    return record


def decision_records(number: str, *, request=None) -> list[dict]:
    """The committees' released resolutions on the proposal that became the certificate
    numbered `number`, oldest meeting first: the sub-committee's decision and the steering
    committee's acknowledgement, each with its meeting, its agenda item and its vote. An
    imported certificate (no proposal on the platform) has none. One query. For partner
    agencies (smartcity.api): the public record names the meetings only."""
    proposal = Certificate.objects.filter(number=number).values("proposal_id")[:1]
    context = _Context.make(timezone.localdate(), request)
    rows = (
        Resolution.objects.filter(
            item__subject_kind__in=[decision.KIND, agenda.KIND],
            item__subject_id=Subquery(proposal),  # NULL for an imported one: no row
            status=ResolutionStatus.RELEASED,
        )
        .order_by("item__meeting__held_on", "released_at", "id")
        .values(
            "outcome", "approved_domains", "votes_for", "votes_against", "votes_abstaining",
            "released_at", "item__position", *_meeting_values("item__meeting"),
        )
    )  # fmt: skip
    return [
        {
            "meeting": _meeting(row, "item__meeting", context),
            "agenda_item": str(row["item__position"]),
            "outcome": row["outcome"],
            "outcome_label": str(Outcome(row["outcome"]).label),
            "domains": list(row["approved_domains"]),
            "votes_for": row["votes_for"],
            "votes_against": row["votes_against"],
            "votes_abstaining": row["votes_abstaining"],
            "released_on": _date(timezone.localdate(row["released_at"])),
        }
        for row in rows
    ]
