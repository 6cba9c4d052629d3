"""What every API view shares: the reader's language (?lang= or Accept-Language), the
formats (JSON; CSV and GeoJSON streamed for collections), conditional requests, the
throttle's 429 and error bodies in one shape ({"detail", "errors"}).

Conditional requests: the validators are those of the public pages (core.public_cache):
the registry's version, today's date, the language, the path and the query, and whether
the reader is a partner (who sees more). A request that still holds them is answered 304
before the throttle counts it, after one query (the version). An anonymous JSON answer is
kept in the cache under the same key, as a public page is: the next reader asking the same
gets it after that one query, and, costing nothing, it counts in no throttle either. A
change moves the version, hence the key: nothing stale is served. Streamed files and a
partner's answers are not kept."""

import json

from django.core.cache import cache
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from smartcity.api.access import is_partner
from smartcity.core import versions
from smartcity.core.public_cache import KEPT_SECONDS, MAX_AGE, last_modified, page_key
from smartcity.core.spreadsheets import CSV_CONTENT_TYPE, csv_chunks
from smartcity.core.throttle import TOO_MANY

LANGUAGES = ("th", "en")
GEOJSON_CONTENT_TYPE = "application/geo+json; charset=utf-8"
VARY = ("Accept", "Accept-Language", "Authorization")


class _ErrorOnly(BaseRenderer):
    """Named for content negotiation (?format=, Accept); the view streams the file
    itself, and an error is always written as JSON (finalize_response)."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, ensure_ascii=False).encode()


class CSVRenderer(_ErrorOnly):
    media_type = "text/csv"
    format = "csv"


class GeoJSONRenderer(_ErrorOnly):
    media_type = "application/geo+json"
    format = "geojson"


class TooManyRequests(Throttled):
    def __init__(self, wait: int):
        super().__init__(detail=str(TOO_MANY))
        self.wait = wait  # the handler sends it as Retry-After


class ApiView(APIView):
    """A read-only endpoint. Subclasses write `read(request, **kwargs)`; a collection
    offers CSV and GeoJSON in `renderer_classes` and writes `stream(request, fmt)`."""

    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]
    # An answer that says when it was read (verified_at) is not kept.
    keep = True
    not_modified = None
    kept = None
    cache_key = None

    def get_authenticators(self):
        # Read at request time: the partner tokens' class is added to the settings.
        return [auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES]

    def dispatch(self, request, *args, **kwargs):
        asked = request.GET.get("lang")
        self.language = asked if asked in LANGUAGES else (get_language() or "th")[:2]
        with translation.override(self.language):
            response = super().dispatch(request, *args, **kwargs)
            if isinstance(response, Response):
                response.render()  # in the reader's language, not the handler's
                if self.cache_key and response.status_code == 200:
                    cache.set(self.cache_key, response.content, KEPT_SECONDS)
        if response.streaming:
            response.streaming_content = _in_language(response.streaming_content, self.language)
        return response

    def initial(self, request, *args, **kwargs):
        asked = request.query_params.get("lang")
        if asked is not None and asked not in LANGUAGES:
            raise _bad("lang", _("Choose th or en."))
        super().initial(request, *args, **kwargs)

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force=force)
        except Http404:  # an unknown ?format=
            raise _bad("format", _("This format is not offered here.")) from None

    def check_throttles(self, request):
        if request.method not in ("GET", "HEAD"):  # OPTIONS: described, never kept
            return super().check_throttles(request)
        self.version = versions.current(versions.REGISTRY)
        self.today = timezone.localdate()
        # The format too: the same address asked with Accept: text/csv is another answer.
        fmt = request.accepted_renderer.format
        key = f"{page_key(request._request, self.version, self.today)[:32]}-{fmt}"
        self.etag = f'W/"{key}{"-p" if is_partner(request) else ""}"'
        self.modified = last_modified(self.version, self.today)
        self.not_modified = get_conditional_response(
            request._request, etag=self.etag, last_modified=self.modified
        )
        if self.not_modified is not None:
            return
        if self.keep and not is_partner(request) and fmt == "json":
            self.cache_key = f"api-page:{key}"
            self.kept = cache.get(self.cache_key)
        if self.kept is None:
            super().check_throttles(request)

    def throttled(self, request, wait):
        raise TooManyRequests(int(wait))

    def get(self, request, *args, **kwargs):
        if self.not_modified is not None:
            return self.not_modified
        if self.kept is not None:
            self.cache_key = None  # already kept
            return HttpResponse(self.kept, content_type="application/json")
        fmt = request.accepted_renderer.format
        if fmt != "json":
            return self.stream(request, fmt, **kwargs)
        return self.read(request, **kwargs)

    def read(self, request, **kwargs):
        raise NotImplementedError

    def stream(self, request, fmt: str, **kwargs):
        raise NotImplementedError

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            # Errors are JSON whatever format was asked for.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code in (200, 304) and hasattr(self, "etag"):
            response["ETag"] = self.etag
            response["Last-Modified"] = http_date(self.modified)
            if is_partner(request):
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=MAX_AGE)
        patch_vary_headers(response, VARY)
        return response


def _in_language(pieces, language):
    # A streamed body is written after the view returned, outside its language.
    with translation.override(language):
        yield from pieces


def _bad(parameter: str, message: str) -> ValidationError:
    return ValidationError(
        {"detail": _("A query parameter is not valid."), "errors": {parameter: [message]}}
    )


def streamed(pieces, fmt: str, *, filename: str) -> StreamingHttpResponse:
    """Text pieces (a CSV's rows, a GeoJSON's features) streamed with their media type."""
    content_type = CSV_CONTENT_TYPE if fmt == "csv" else GEOJSON_CONTENT_TYPE
    response = StreamingHttpResponse((p.encode() for p in pieces), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}.{fmt}"'
    return response


def csv_of(columns: list[str], records) -> list | object:
    """A CSV of dict records: a list of codes space-separated, a meeting by its label."""
    return csv_chunks(columns, ([_cell(r[c]) for c in columns] for r in records))


def _cell(value):
    if isinstance(value, list):
        return " ".join(map(str, value))
    if isinstance(value, dict):
        return value.get("label")
    return value


def geojson_of(features) -> object:
    """A FeatureCollection written feature by feature."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield '{"type":"FeatureCollection","features":['
    separator = ""
    for feature in features:
        yield separator + encode(feature)
        separator = ","
    yield "]}"


def feature(record: dict, geometry=None, *, pk=None) -> dict:
    return {"type": "Feature", "id": pk, "geometry": geometry, "properties": record}
