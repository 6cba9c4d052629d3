"""Reads for the public registry. Every figure is computed by the database, as of a date,
from the areas the platform holds: a constant number of queries whatever the data size."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from smartcity.certification.enums import RecordQuality
from smartcity.certification.models import Batch, Certificate, CertificateDomain, CertifiedArea
from smartcity.certification.selectors import with_certificates
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.core import versions
from smartcity.core.db import sort_key_ordering
from smartcity.core.enums import Domain
from smartcity.core.public_cache import cached
from smartcity.core.text import search_filter
from smartcity.geo.models import Province, Region
from smartcity.network.models import NetworkCity


def today() -> dt.date:
    return timezone.localdate()


def certified_areas(as_of: dt.date | None = None) -> QuerySet[CertifiedArea]:
    """Areas holding the logo on `as_of` (default today): certified on or before it, not
    revoked by then and not expired. The one definition of "certified at a date" that every
    page, export and figure uses. A certificate "valid until D" is valid on D itself (its
    last day) and stops counting on D + 1, as a revocation counts from its own day. An area
    without a validity term (imported from the public record) keeps counting: no term is
    invented. A suspended certificate still counts: the area is certified, its logo on hold."""
    as_of = as_of or today()
    return CertifiedArea.objects.filter(
        Exists(Certificate.objects.filter(in_force(as_of), area=OuterRef("pk")))
    )


def in_force(as_of: dt.date, prefix: str = "") -> Q:
    """A certificate in force on `as_of` (an area holding one is certified then):
    `prefix` is the path to the certificate ("provinces__certified_areas__certificates__").
    certification.models.in_force_on() is the same condition for rows already read."""
    return (
        Q(**{f"{prefix}certified_on__lte": as_of})
        & (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": as_of}))
        & (Q(**{f"{prefix}revoked_on__isnull": True}) | Q(**{f"{prefix}revoked_on__gt": as_of}))
        & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": as_of}))
    )


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
    in_region = in_force(as_of, "provinces__certified_areas__certificates__")
    regions = [
        RegionFigure(r, r.n_areas, r.n_provinces, r.n_total)
        for r in Region.objects.annotate(
            n_areas=Count("provinces__certified_areas", filter=in_region, distinct=True),
            n_provinces=Count("provinces", filter=in_region, distinct=True),
            n_total=Count("provinces", distinct=True),
        ).order_by("position")
    ]
    batches = [
        (b, b.n_areas)
        for b in Batch.objects.annotate(
            n_areas=Count("areas", filter=in_force(as_of, "areas__certificates__"), distinct=True)
        ).order_by("position", "code")
        if b.n_areas
    ]
    domain_rows = CertificateDomain.objects.filter(in_force(as_of, "certificate__"))
    counts = dict(
        domain_rows.values_list("domain").annotate(n=Count("certificate__area", distinct=True))
    )
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
        areas_with_domains=domain_rows.values("certificate__area").distinct().count(),
        population_total=totals["population"],
        population_reported=totals["population_reported"],
        investment_total=totals["investment"],
        investment_reported=totals["investment_reported"],
        record_quality={q: quality.get(q, 0) for q in RecordQuality.values},
    )


def cached_national_figures(as_of: dt.date | None = None) -> NationalFigures:
    """national_figures(), computed once per date and registry version and kept in the
    cache: the home page and the announcements read them for signed-in readers too,
    whose pages are never kept whole."""
    as_of = as_of or today()
    compute = lambda: national_figures(as_of)  # noqa: E731
    return cached("registry.national_figures", compute, as_of, collection=versions.REGISTRY)


def _with_relations(queryset: QuerySet[CertifiedArea]) -> QuerySet[CertifiedArea]:
    # The province boundary (kilobytes of JSON per row) is for maps, never for area rows.
    return queryset.select_related("province__region", "batch", "proponent").defer(
        "province__boundary"
    )


def search_areas(filters: dict) -> QuerySet[CertifiedArea]:
    """Areas matching the registry filters (see RegistryFilterForm), with their province,
    batch and proponent; a page that shows certificates adds
    certification.selectors.with_certificates()."""
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
        # A domain of a certificate in force on the date (of the current certificate).
        queryset = queryset.filter(
            Exists(
                CertificateDomain.objects.filter(
                    in_force(filters.get("as_of") or today(), "certificate__"),
                    certificate__area=OuterRef("pk"),
                    domain=domain,
                )
            )
        )
    sort = filters.get("sort") or "name"
    if sort == "newest":
        ordering = ["-certified_on", sort_key_ordering("sort_name")]
    elif sort == "province":
        ordering = [sort_key_ordering("province__sort_name"), sort_key_ordering("sort_name")]
    else:
        ordering = [sort_key_ordering("sort_name")]
    return _with_relations(queryset.order_by(*ordering, "id"))


def area_detail(pk: int) -> CertifiedArea | None:
    """One area as the public sees it, with its certificate's history; None if it is not
    (yet) certified. A revoked area stays visible, with its revocation."""
    return (
        with_certificates(
            _with_relations(CertifiedArea.objects.filter(certified_on__lte=today())), events=True
        )
        .filter(pk=pk)
        .first()
    )


def province_choices() -> list[Province]:
    return list(
        Province.objects.order_by(sort_key_ordering("sort_name")).only("code", "name_th", "name_en")
    )


def batch_choices() -> list[Batch]:
    return list(Batch.objects.order_by("position", "code"))


def area_counts_by_province(filters: dict) -> dict[str, int]:
    """{province code: number of certified areas} for the map."""
    queryset = search_areas(filters).order_by()
    return dict(queryset.values_list("province__code").annotate(n=Count("id", distinct=True)))


def provinces_with_boundaries() -> QuerySet[Province]:
    return Province.objects.select_related("region").order_by("code")


def province_detail(code: str) -> Province | None:
    return Province.objects.select_related("region").filter(code=code).first()


def network_cities(province: Province | None = None) -> QuerySet[NetworkCity]:
    queryset = NetworkCity.objects.select_related("province", "deciding_meeting__committee")
    if province is not None:
        queryset = queryset.filter(province=province)
    return queryset.order_by("since_year", "name_en")


@dataclass
class Announcement:
    """What the secretariat announces after a steering-committee meeting: the areas it
    certified (each with `certificate`, the one acknowledged there), with their provinces,
    and the national totals as of that meeting."""

    meeting: Meeting
    areas: list[CertifiedArea]
    provinces: int
    figures: NationalFigures
    approving_meetings: list[Meeting]

    @property
    def province_names(self) -> list[Province]:
        seen: dict[str, Province] = {}
        for area in self.areas:
            seen.setdefault(area.province.code, area.province)
        return list(seen.values())


def announcement(meeting: Meeting) -> Announcement | None:
    """The announcement of a steering-committee meeting whose results are public (released
    on the platform, or on the public record); None for any other meeting."""
    if (
        meeting.committee.kind != CommitteeKind.STEERING
        or meeting.status not in MeetingStatus.public()
    ):
        return None
    certificates = list(
        Certificate.objects.filter(acknowledging_meeting=meeting)
        .select_related(
            "area__province__region", "area__batch", "area__proponent",
            "approving_meeting__committee",
        )
        .defer("area__province__boundary")
        .order_by("number", "id")
    )  # fmt: skip
    if not certificates:
        return None
    areas = []
    for certificate in certificates:
        certificate.area.certificate = certificate
        areas.append(certificate.area)
    as_of = meeting.effective_on or max(c.certified_on for c in certificates)
    approving = {
        c.approving_meeting.pk: c.approving_meeting for c in certificates if c.approving_meeting
    }
    return Announcement(
        meeting=meeting,
        areas=areas,
        provinces=len({area.province_id for area in areas}),
        figures=cached_national_figures(as_of),
        approving_meetings=sorted(approving.values(), key=lambda m: (m.year_be, m.number or 0)),
    )


def announced_meetings() -> QuerySet[Meeting]:
    """Steering-committee meetings with an announcement, newest first."""
    return (
        Meeting.objects.filter(
            committee__kind=CommitteeKind.STEERING,
            status__in=MeetingStatus.public(),
            acknowledged_certificates__isnull=False,
        )
        .select_related("committee")
        .annotate(n_areas=Count("acknowledged_certificates__area", distinct=True))
        .order_by("-year_be", "-number", "-held_on")
    )
