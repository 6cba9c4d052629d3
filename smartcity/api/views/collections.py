"""The collections: certified areas, provinces, regions, meetings and network cities.
Each answers JSON a page at a time, and CSV or GeoJSON whole and streamed, from the
same selectors as the registry's pages (one definition of each filter and figure)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.renderers import JSONRenderer

from smartcity.accounts.enums import OrganisationType
from smartcity.api import records, serializers
from smartcity.api.catalog.dictionary import PROVINCE_FIELDS
from smartcity.api.filters import (
    AreaFilters,
    AsOfFilter,
    MeetingFilters,
    NetworkCityFilters,
    cleaned,
)
from smartcity.api.pagination import ApiPagination
from smartcity.api.views.base import (
    ApiView,
    CSVRenderer,
    GeoJSONRenderer,
    csv_of,
    feature,
    geojson_of,
    streamed,
)
from smartcity.api.views.schema import AS_OF, collection
from smartcity.certification.serialisers import area_records
from smartcity.committee.enums import CommitteeKind
from smartcity.core.enums import Domain
from smartcity.geo.enums import RegionCode
from smartcity.network.enums import NetworkStatus
from smartcity.registry import exports, selectors
from smartcity.registry.forms import SORTS

FORMATS = [JSONRenderer, CSVRenderer, GeoJSONRenderer]


class Collection(ApiView):
    renderer_classes = FORMATS

    def page(self, rows, request, build):
        """The page of `rows` (a queryset or a list) asked for, built into records."""
        paginator = ApiPagination()
        if isinstance(rows, list):
            page = paginator.paginate_queryset(rows, request, view=self)
        else:
            page = paginator.page_of(rows, request)
        return paginator.get_paginated_response(build(page))


AREA_PARAMETERS = [
    AS_OF,
    OpenApiParameter("province", str, description="A province's two-digit code, such as 40"),
    OpenApiParameter("region", str, enum=list(RegionCode.values)),
    OpenApiParameter("batch", str, description="A batch's code, such as B1"),
    OpenApiParameter("domain", str, enum=list(Domain.values)),
    OpenApiParameter(
        "proponent_type", str, enum=[*OrganisationType.values, "unknown"],
        description="The kind of proponent; unknown: not reported",
    ),
    OpenApiParameter("q", str, description="Words of the area's or proponent's name, Thai or English"),
    OpenApiParameter("ordering", str, enum=list(SORTS), description="name (default), province or newest"),
]  # fmt: skip


@extend_schema_view(
    get=collection(
        "areas_list",
        "Area",
        serializers.Area,
        AREA_PARAMETERS,
        summary="Certified areas on a date",
        geometry="a point at a representative point of the area's province "
        "(location_precision: province)",
    )
)
class AreaList(Collection):
    def read(self, request):
        filters = cleaned(AreaFilters, request.query_params)
        as_of = filters.get("as_of")

        def build(page):
            out = list(area_records(page, on=as_of, request=request))
            for record in out:
                del record["geometry"]
            return out

        return self.page(selectors.search_areas(filters), request, build)

    def stream(self, request, fmt):
        filters = cleaned(AreaFilters, request.query_params)
        areas, as_of = selectors.search_areas(filters), filters.get("as_of")
        if fmt == "csv":
            # Links relative to the site, as the registry's own CSV writes them.
            return streamed(exports.csv_file(areas, as_of=as_of), fmt, filename="areas")
        pieces = exports.geojson_chunks(areas, as_of=as_of, request=request)
        return streamed(pieces, fmt, filename="areas")


PROVINCE_COLUMNS = [f.name for f in PROVINCE_FIELDS if f.in_format("json")]


@extend_schema_view(
    get=collection(
        "provinces_list",
        "Province",
        serializers.Province,
        [AS_OF],
        summary="Provinces with their certified areas on a date",
        geometry="the province's simplified boundary; name and region in the reader's "
        "language (as /api/v1/provinces.geojson)",
    )
)
class ProvinceList(Collection):
    def read(self, request):
        filters = cleaned(AsOfFilter, request.query_params)
        counts = selectors.area_counts_by_province(filters)
        build = lambda page: records.province_records(page, counts, request)  # noqa: E731
        return self.page(records.provinces(), request, build)

    def stream(self, request, fmt):
        filters = cleaned(AsOfFilter, request.query_params)
        counts = selectors.area_counts_by_province(filters)
        if fmt == "csv":
            rows = records.province_records(records.provinces(), counts, request)
            return streamed(csv_of(PROVINCE_COLUMNS, rows), fmt, filename="provinces")
        features = records.province_features(counts, request)
        return streamed(geojson_of(features), fmt, filename="provinces")


@extend_schema(
    summary="Province boundaries with their certified areas",
    parameters=[AS_OF],
    responses={(200, "application/geo+json"): serializers.GeoJSONFeatureCollection},
)
class ProvinceBoundaries(ProvinceList):
    renderer_classes = [GeoJSONRenderer]

    def get(self, request, *args, **kwargs):
        if self.not_modified is not None:
            return self.not_modified
        return self.stream(request, "geojson")


REGION_COLUMNS = ["code", "name_th", "name_en", "areas", "provinces", "total_provinces"]


@extend_schema_view(
    get=collection(
        "regions_list",
        "Region",
        serializers.Region,
        [AS_OF],
        summary="The six regions with their certified areas and provinces on a date",
        geometry="no geometry (null): the regions' boundaries are not published",
    )
)
class RegionList(Collection):
    def _records(self, request):
        filters = cleaned(AsOfFilter, request.query_params)
        return records.region_records(selectors.cached_national_figures(filters.get("as_of")))

    def read(self, request):
        return self.page(self._records(request), request, list)

    def stream(self, request, fmt):
        rows = self._records(request)
        if fmt == "csv":
            return streamed(csv_of(REGION_COLUMNS, rows), fmt, filename="regions")
        features = (feature(r, pk=r["code"]) for r in rows)
        return streamed(geojson_of(features), fmt, filename="regions")


MEETING_PARAMETERS = [
    OpenApiParameter("committee", str, enum=list(CommitteeKind.values)),
    OpenApiParameter("year_be", int, description="The Buddhist-era year, such as 2565"),
]
MEETING_COLUMNS = list(serializers.Meeting().fields)


@extend_schema_view(
    get=collection(
        "meetings_list",
        "Meeting",
        serializers.Meeting,
        MEETING_PARAMETERS,
        summary="Committee meetings whose results are public, newest first",
        geometry="no geometry (null): a meeting has no place on the map",
    )
)
class MeetingList(Collection):
    def read(self, request):
        filters = cleaned(MeetingFilters, request.query_params)
        build = lambda page: records.meeting_records(page, request)  # noqa: E731
        return self.page(records.public_meetings(filters), request, build)

    def stream(self, request, fmt):
        filters = cleaned(MeetingFilters, request.query_params)
        rows = records.meeting_records(records.public_meetings(filters), request)
        if fmt == "csv":
            return streamed(csv_of(MEETING_COLUMNS, rows), fmt, filename="meetings")
        features = (feature(r, pk=r["id"]) for r in rows)
        return streamed(geojson_of(features), fmt, filename="meetings")


NETWORK_COLUMNS = list(serializers.NetworkCity().fields)


@extend_schema_view(
    get=collection(
        "network_cities_list",
        "NetworkCity",
        serializers.NetworkCity,
        [OpenApiParameter("status", str, enum=list(NetworkStatus.values))],
        summary="Thai cities in the ASEAN Smart Cities Network",
        geometry="no geometry (null): the city's own boundary is not on record",
    )
)
class NetworkCityList(Collection):
    def _cities(self, request):
        filters = cleaned(NetworkCityFilters, request.query_params)
        cities = selectors.network_cities()
        if status := filters.get("status"):
            cities = cities.filter(status=status)
        return cities

    def read(self, request):
        return self.page(self._cities(request), request, records.network_city_records)

    def stream(self, request, fmt):
        rows = records.network_city_records(self._cities(request))
        if fmt == "csv":
            return streamed(csv_of(NETWORK_COLUMNS, rows), fmt, filename="network-cities")
        features = (feature(r, pk=r["id"]) for r in rows)
        return streamed(geojson_of(features), fmt, filename="network-cities")
