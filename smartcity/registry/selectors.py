"""Reads for the public registry. Every figure is computed by the database, as of a date,
from the areas the platform holds: a constant number of queries whatever the data size."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from smartcity.certification.enums import RecordQuality
from smartcity.certification.models import AreaDomain, Batch, CertifiedArea
from smartcity.core.db import sort_key_ordering
from smartcity.core.enums import Domain
from smartcity.core.text import search_filter
from smartcity.geo.models import Province, Region
from smartcity.network.models import NetworkCity


def today() -> dt.date:
    return timezone.localdate()


def certified_areas(as_of: dt.date | None = None) -> QuerySet[CertifiedArea]:
    """Areas holding the logo on `as_of` (default today). The one definition of
    "certified at a date" that every page, export and figure uses."""
    return CertifiedArea.objects.filter(certified_on__lte=as_of or today())


@dataclass
class RegionFigure:
    region: Region
    areas: int
    provinces: int
    total_provinces: int


@dataclass
class DomainFigure:
    code: str
    label: str
    areas: int


@dataclass
class NationalFigures:
    as_of: dt.date
    areas: int
    provinces: int
    total_provinces: int
    target_areas: int
    target_year: int
    regions: list[RegionFigure]
    batches: list[tuple[Batch, int]]
    domains: list[DomainFigure]
    areas_with_domains: int
    population_total: int | None
    population_reported: int
    investment_total: int | None
    investment_reported: int
    record_quality: dict[str, int] = field(default_factory=dict)

    @property
    def areas_without_domains(self) -> int:
        return self.areas - self.areas_with_domains

    @property
    def target_progress(self) -> int:
        return min(100, round(100 * self.areas / self.target_areas)) if self.target_areas else 0

    @property
    def province_progress(self) -> int:
        return round(100 * self.provinces / self.total_provinces) if self.total_provinces else 0


def national_figures(as_of: dt.date | None = None) -> NationalFigures:
    as_of = as_of or today()
    areas = certified_areas(as_of)
    totals = areas.aggregate(
        areas=Count("id"),
        provinces=Count("province", distinct=True),
        population=Sum("population_served"),
        population_reported=Count("population_served"),
        investment=Sum("expected_investment_baht"),
        investment_reported=Count("expected_investment_baht"),
    )
    in_force = Q(provinces__certified_areas__certified_on__lte=as_of)
    regions = [
        RegionFigure(r, r.n_areas, r.n_provinces, r.n_total)
        for r in Region.objects.annotate(
            n_areas=Count("provinces__certified_areas", filter=in_force),
            n_provinces=Count("provinces", filter=in_force, distinct=True),
            n_total=Count("provinces", distinct=True),
        ).order_by("position")
    ]
    batches = [
        (b, b.n_areas)
        for b in Batch.objects.annotate(
            n_areas=Count("areas", filter=Q(areas__certified_on__lte=as_of))
        ).order_by("code")
        if b.n_areas
    ]
    domain_rows = AreaDomain.objects.filter(area__certified_on__lte=as_of)
    counts = dict(domain_rows.values_list("domain").annotate(n=Count("area", distinct=True)))
    quality = dict(areas.values_list("record_quality").annotate(n=Count("id")))
    smartcity = settings.SMARTCITY
    return NationalFigures(
        as_of=as_of,
        areas=totals["areas"],
        provinces=totals["provinces"],
        total_provinces=smartcity["TOTAL_PROVINCES"],
        target_areas=smartcity["TARGET_AREAS"],
        target_year=smartcity["TARGET_YEAR"],
        regions=regions,
        batches=batches,
        domains=[DomainFigure(code, label, counts.get(code, 0)) for code, label in Domain.choices],
        areas_with_domains=domain_rows.values("area").distinct().count(),
        population_total=totals["population"],
        population_reported=totals["population_reported"],
        investment_total=totals["investment"],
        investment_reported=totals["investment_reported"],
        record_quality={q: quality.get(q, 0) for q in RecordQuality.values},
    )


def _with_relations(queryset: QuerySet[CertifiedArea]) -> QuerySet[CertifiedArea]:
    # The province boundary (kilobytes of JSON per row) is for maps, never for area rows.
    return (
        queryset.select_related(
            "province__region",
            "batch",
            "proponent",
            "approved_at__committee",
            "acknowledged_at__committee",
        )
        .defer("province__boundary")
        .prefetch_related(Prefetch("domains", queryset=AreaDomain.objects.order_by("domain")))
    )


def search_areas(filters: dict) -> QuerySet[CertifiedArea]:
    """Areas matching the registry filters (see RegistryFilterForm), with what the list,
    the map and the exports show, loaded in a fixed number of queries."""
    queryset = certified_areas(filters.get("as_of"))
    if condition := search_filter(filters.get("q", "")):
        queryset = queryset.filter(condition)
    if province := filters.get("province"):
        queryset = queryset.filter(province__code=province)
    if region := filters.get("region"):
        queryset = queryset.filter(province__region__code=region)
    if batch := filters.get("batch"):
        queryset = queryset.filter(batch__code=batch)
    if proponent_type := filters.get("proponent_type"):
        queryset = queryset.filter(
            proponent_type="" if proponent_type == "unknown" else proponent_type
        )
    if domain := filters.get("domain"):
        queryset = queryset.filter(domains__domain=domain)
    sort = filters.get("sort") or "name"
    if sort == "newest":
        ordering = ["-certified_on", sort_key_ordering("sort_name")]
    elif sort == "province":
        ordering = [sort_key_ordering("province__sort_name"), sort_key_ordering("sort_name")]
    else:
        ordering = [sort_key_ordering("sort_name")]
    return _with_relations(queryset.order_by(*ordering, "id"))


def area_detail(pk: int) -> CertifiedArea | None:
    """One area as the public sees it; None if it is not (yet) certified."""
    return _with_relations(certified_areas()).filter(pk=pk).first()


def province_choices() -> list[Province]:
    return list(
        Province.objects.order_by(sort_key_ordering("sort_name")).only("code", "name_th", "name_en")
    )


def batch_choices() -> list[Batch]:
    return list(Batch.objects.order_by("code"))


def area_counts_by_province(filters: dict) -> dict[str, int]:
    """{province code: number of certified areas} for the map."""
    queryset = search_areas(filters).order_by()
    return dict(queryset.values_list("province__code").annotate(n=Count("id", distinct=True)))


def provinces_with_boundaries() -> QuerySet[Province]:
    return Province.objects.select_related("region").order_by("code")


def province_detail(code: str) -> Province | None:
    return Province.objects.select_related("region").filter(code=code).first()


def network_cities(province: Province | None = None) -> QuerySet[NetworkCity]:
    queryset = NetworkCity.objects.select_related("province", "decided_at__committee")
    if province is not None:
        queryset = queryset.filter(province=province)
    return queryset.order_by("since_year", "name_en")
