"""How the collections' operations read in the schema: their parameters (filters, the
format, the language, the page) and their answers in each format."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as drf

from smartcity.api import serializers

LANG = OpenApiParameter(
    "lang",
    str,
    enum=["th", "en"],
    description="The language of labels and names (default: Accept-Language, else Thai)",
)
FORMAT = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv", "geojson"],
    description="json: a page of records. csv and geojson: the whole filtered collection, "
    "streamed (also through Accept: text/csv or application/geo+json)",
)
PAGE = OpenApiParameter("page", int, description="The page, from 1")
PAGE_SIZE = OpenApiParameter("page_size", int, description="Records a page: 50, at most 500")
AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="The date the data is for (YYYY-MM-DD); today by default",
)
ERRORS = {
    (400, "application/json"): serializers.Problem,
    (404, "application/json"): serializers.Problem,
    (429, "application/json"): serializers.Problem,
}


def page_of(name: str, record) -> drf.Serializer:
    return inline_serializer(
        f"{name}Page",
        {
            "count": drf.IntegerField(help_text="Records in the whole collection"),
            "next": drf.URLField(allow_null=True),
            "previous": drf.URLField(allow_null=True),
            "results": record(many=True),
        },
    )


def collection(operation_id: str, name: str, record, parameters=(), *, geometry: str, summary: str):
    """A collection's operation: a page of JSON, or the whole of it in CSV or GeoJSON
    (`geometry` says what the GeoJSON's features carry)."""
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=f"{summary}. GeoJSON: {geometry}.",
        parameters=[*parameters, FORMAT, LANG, PAGE, PAGE_SIZE],
        responses={
            (200, "application/json"): page_of(name, record),
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/geo+json"): serializers.GeoJSONFeatureCollection,
            **ERRORS,
        },
    )


def one(operation_id: str, record, *, summary: str, parameters=()):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        parameters=[*parameters, LANG],
        responses={(200, "application/json"): record, **ERRORS},
    )
