"""The catalogue files (/catalog.ttl, /catalog.jsonld), the open-data page and the data
dictionary (a page per dataset and its machine file). Public, read-only, no login.

The catalogue is read by other machines (the national portal's CKAN harvester, browsers
on other sites), so it is open to any origin for GET and answers conditional requests
from the registry's version: a harvest that finds nothing new costs two small queries."""

from datetime import UTC

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from smartcity.api.catalog import rdf
from smartcity.api.catalog.datasets import (
    API_DOCS,
    API_SCHEMA,
    BY_SLUG,
    DATASETS,
    LICENCE,
    LICENCE_URL,
    PUBLISHER,
    Dataset,
)
from smartcity.api.catalog.dictionary import DICTIONARY, TYPES, field_as_dict, walk
from smartcity.api.catalog.selectors import catalogue_state

CACHE_SECONDS = 300

# The JSON-LD's context: the catalogue reads as DCAT terms, not full URIs.
JSONLD_CONTEXT = {
    "dcat": str(rdf.DCAT),
    "dct": str(rdf.DCTERMS),
    "foaf": str(rdf.FOAF),
    "vcard": str(rdf.VCARD),
    "xsd": str(rdf.XSD),
}

FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", {}),
    "json-ld": ("application/ld+json; charset=utf-8", {"context": JSONLD_CONTEXT}),
}


def _open(response: HttpResponse) -> HttpResponse:
    """Readable from any origin, cached briefly by anyone."""
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _catalogue(request, fmt: str) -> HttpResponse:
    state = catalogue_state()
    etag = f'"catalog-{state.etag_token}-{fmt}"'
    last_modified = int(state.version.changed_at.astimezone(UTC).timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is None:
        content_type, options = FORMATS[fmt]
        graph = rdf.build_catalogue(state, request.build_absolute_uri)
        response = HttpResponse(graph.serialize(format=fmt, **options), content_type=content_type)
    else:
        response = not_modified
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return _open(response)


@require_safe
def catalogue_turtle(request):
    return _catalogue(request, "turtle")


@require_safe
def catalogue_jsonld(request):
    return _catalogue(request, "json-ld")


def _dataset_or_404(slug: str) -> tuple[str, tuple]:
    if slug not in DICTIONARY:
        raise Http404("No such dataset")
    return slug, DICTIONARY[slug]


def _dataset_for_dictionary(slug: str) -> Dataset | None:
    """The dataset a dictionary entry belongs to (regions: province coverage)."""
    if slug in BY_SLUG:
        return BY_SLUG[slug]
    return next((d for d in DATASETS if slug in d.dictionaries()), None)


@require_safe
def index(request):
    """The open data explained to people: what is published, under which licence, how to
    cite it, and where the files, the catalogue, the API and the dictionary are."""
    state = catalogue_state()
    datasets = [
        {
            "dataset": dataset,
            "distributions": [(d, d.resolve()) for d in dataset.distributions],
            "landing": dataset.landing(),
        }
        for dataset in DATASETS
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": datasets,
            "state": state,
            "publisher": PUBLISHER,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "api_docs": API_DOCS,
            "api_schema": API_SCHEMA,
            "page_url": request.build_absolute_uri(reverse("opendata:index")),
        },
    )


@require_safe
def dictionary(request, dataset: str):
    slug, fields = _dataset_or_404(dataset)
    rows = [
        {
            "path": path,
            "depth": path.count("."),
            "field": f,
            "type": TYPES[f.type],
            "values": f.value_meanings(),
        }
        for path, f in walk(fields)
    ]
    return render(
        request,
        "opendata/dictionary.html",
        {"slug": slug, "dataset": _dataset_for_dictionary(slug), "rows": rows},
    )


@require_safe
def dictionary_json(request, dataset: str):
    """The dictionary as a machine file, both languages in one document."""
    slug, fields = _dataset_or_404(dataset)
    owner = _dataset_for_dictionary(slug)
    document = {
        "dataset": slug,
        "title": owner.title.as_dict() if owner else None,
        "page": request.build_absolute_uri(reverse("opendata:dictionary", args=[slug])),
        "licence": LICENCE_URL,
        "fields": [field_as_dict(f) for f in fields],
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _open(response)
