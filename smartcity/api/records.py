"""The records of the collections that have no serialisation elsewhere: national
figures, provinces, regions, meetings and network cities, as plain dicts with the data
dictionary's field names (catalog.dictionary). Areas and certificates come from
certification.serialisers; the numbers from registry.selectors, never counted again here.

Queries: a fixed number per call, whatever the number of rows."""

import datetime as dt

from django.db.models import Count, F, QuerySet
from django.urls import reverse

from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.core.i18n import localised
from smartcity.geo.models import Province
from smartcity.registry import selectors
from smartcity.registry.selectors import NationalFigures


def figures_record(figures: NationalFigures) -> dict:
    """The home page's numbers (registry.selectors.national_figures) as FIGURE_FIELDS."""
    investment = figures.investment_total
    return {
        "as_of": figures.as_of.isoformat(),
        "areas": figures.areas,
        "provinces": figures.provinces,
        "total_provinces": figures.total_provinces,
        "target_areas": figures.target_areas,
        "target_year": figures.target_year,
        "by_region": [
            {
                "region": r.region.code,
                "areas": r.areas,
                "provinces": r.provinces,
                "total_provinces": r.total_provinces,
            }
            for r in figures.regions
        ],
        "by_batch": [{"batch": batch.code, "areas": n} for batch, n in figures.batches],
        "by_domain": [{"domain": d.code, "areas": d.areas} for d in figures.domains],
        "areas_with_domains": figures.areas_with_domains,
        "population_total": figures.population_total,
        "population_reported": figures.population_reported,
        "investment_total": float(investment) if investment is not None else None,
        "investment_reported": figures.investment_reported,
        "record_quality": figures.record_quality,
    }


def region_records(figures: NationalFigures) -> list[dict]:
    return [
        {
            "code": r.region.code,
            "name_th": r.region.name_th,
            "name_en": r.region.name_en,
            "areas": r.areas,
            "provinces": r.provinces,
            "total_provinces": r.total_provinces,
        }
        for r in figures.regions
    ]


def province_records(provinces, counts: dict[str, int], request) -> list[dict]:
    """`provinces` (values rows: code, names, region code) with their certified areas
    (`counts`, registry.selectors.area_counts_by_province)."""
    page = request.build_absolute_uri(reverse("registry:province_detail", args=["00"]))[:-3]
    return [
        {
            "code": p["code"],
            "iso_code": f"TH-{p['code']}",
            "name_th": p["name_th"],
            "name_en": p["name_en"],
            "region": p["region__code"],
            "areas": counts.get(p["code"], 0),
            "url": f"{page}{p['code']}/",
        }
        for p in provinces
    ]


PROVINCE_VALUES = ("code", "name_th", "name_en", "region__code")


def provinces() -> QuerySet:
    return Province.objects.order_by("code").values(*PROVINCE_VALUES)


def province_features(counts: dict[str, int], request):
    """Each province's simplified boundary, its name and region in the reader's
    language and its certified areas: the properties of the registry's map file."""
    page = reverse("registry:province_detail", args=["00"])[:-3]
    for p in selectors.provinces_with_boundaries():
        yield {
            "type": "Feature",
            "id": p.code,
            "geometry": p.boundary,
            "properties": {
                "code": p.code,
                "name": localised(p, "name"),
                "region": localised(p.region, "name"),
                "areas": counts.get(p.code, 0),
                "url": request.build_absolute_uri(f"{page}{p.code}/"),
            },
        }


def public_meetings(filters: dict):
    """Meetings whose results are public (MeetingStatus.public()), newest first, with
    the areas a steering-committee meeting acknowledged."""
    queryset = (
        Meeting.objects.filter(status__in=MeetingStatus.public())
        .annotate(
            n_areas=Count("acknowledged_certificates__area", distinct=True),
        )
        # Undated meetings last on both databases (PostgreSQL sorts NULL first descending).
        .order_by("-year_be", "-number", F("held_on").desc(nulls_last=True), "-id")
        .values(
            "id", "number", "year_be", "held_on", "held_on_precision", "status",
            "committee__kind", "committee__name_th", "committee__name_en", "n_areas",
        )
    )  # fmt: skip
    if committee := filters.get("committee"):
        queryset = queryset.filter(committee__kind=committee)
    if year := filters.get("year_be"):
        queryset = queryset.filter(year_be=year)
    if pk := filters.get("pk"):
        queryset = queryset.filter(pk=pk)
    return queryset


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def meeting_records(rows, request) -> list[dict]:
    announcement = request.build_absolute_uri(reverse("registry:announcement", args=[0]))[:-2]
    out = []
    for m in rows:
        steering = m["committee__kind"] == CommitteeKind.STEERING
        number = m["number"]
        # An announcement exists for a public steering-committee meeting that
        # acknowledged certificates (registry.selectors.announcement).
        announced = steering and m["n_areas"] > 0
        out.append(
            {
                "id": m["id"],
                "committee": m["committee__kind"],
                "reference": f"{number}/{m['year_be']}" if number else str(m["year_be"]),
                "number": number,
                "year_be": m["year_be"],
                "held_on": _date(m["held_on"]),
                "held_on_precision": m["held_on_precision"],
                "committee_name_th": m["committee__name_th"],
                "committee_name_en": m["committee__name_en"],
                "status": m["status"],
                "areas_certified": m["n_areas"] if steering else None,
                "announcement_url": f"{announcement}{m['id']}/" if announced else None,
            }
        )
    return out


def network_city_records(cities) -> list[dict]:
    """`cities` (registry.selectors.network_cities()) as NETWORK_CITY_FIELDS."""
    out = []
    for c in cities:
        meeting = c.deciding_meeting
        out.append(
            {
                "id": c.pk,
                "name_th": c.name_th,
                "name_en": c.name_en,
                "province_code": c.province.code,
                "province_iso": f"TH-{c.province.code}",
                "status": c.status,
                "since_year": c.since_year,
                "since_on": _date(c.since_on),
                "decided_by": c.decided_by or None,
                "deciding_meeting": _meeting(meeting) if meeting else None,
            }
        )
    return out


def _meeting(m: Meeting) -> dict:
    reference = f"{m.number}/{m.year_be}" if m.number else str(m.year_be)
    return {
        "committee": m.committee.kind,
        "committee_name": localised(m.committee, "name"),
        "reference": reference,
        "number": m.number,
        "year_be": m.year_be,
        "held_on": _date(m.held_on),
        "held_on_precision": m.held_on_precision,
        "label": f"{CommitteeKind(m.committee.kind).label} {reference}",
    }
