"""The API's records as DRF serializers, for the SCHEMA only: the data itself comes from
the one serialisation of each fact (certification.serialisers, registry.selectors) as
plain dicts, so no DRF field runs per row.

The serializers are made from the data dictionary (catalog.dictionary), the one place a
field's name, type, meaning and "not reported" value are written: the schema cannot
name a field the dictionary does not, nor give it another type. A field with a "not
reported" value is nullable; a code lists its values."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from smartcity.api.catalog.dictionary import (
    AREA_FIELDS,
    CERTIFICATE_FIELDS,
    DECISION_PARTS,
    FIGURE_FIELDS,
    HISTORY_PARTS,
    MEETING_FIELDS,
    MEETING_PARTS,
    NETWORK_CITY_FIELDS,
    PROVINCE_FIELDS,
    REGION_FIELDS,
    Field,
)

# Names of the nested parts' components in the schema.
_PART_NAMES = {
    id(MEETING_PARTS): "MeetingReference",
    id(HISTORY_PARTS): "HistoryEvent",
}
_made: dict[str, type[serializers.Serializer]] = {}


def _help(f: Field) -> str:
    text = f"{f.meaning.en} ({f.meaning.th})"
    if f.not_reported:
        text += f". Not reported: {f.not_reported.en}"
    return text


def _codes(f: Field) -> list[str]:
    return [value for value, _meaning in f.value_meanings()]


def _field(f: Field, owner: str) -> serializers.Field:
    nullable = f.not_reported is not None
    common = {"help_text": _help(f)}
    if f.type in {"string", "url"}:
        return serializers.CharField(allow_null=nullable, **common)
    if f.type == "integer":
        return serializers.IntegerField(allow_null=nullable, **common)
    if f.type == "number":
        return serializers.FloatField(allow_null=nullable, **common)
    if f.type == "date":
        return serializers.DateField(allow_null=nullable, **common)
    if f.type == "code":
        if f.values is None:
            return serializers.CharField(allow_null=nullable, **common)
        return serializers.ChoiceField(choices=_codes(f), allow_null=nullable, **common)
    if f.type == "codes":
        return serializers.ListField(child=serializers.ChoiceField(choices=_codes(f)), **common)
    if f.type == "object":
        return serializers.DictField(child=serializers.IntegerField(), **common)
    name = _PART_NAMES.get(id(f.parts)) or f"{owner}{f.name.title().replace('_', '')}"
    nested = record_serializer(name, f.parts)
    if f.type == "meeting":
        return nested(allow_null=nullable, **common)
    return nested(many=True, **common)  # "list"


def record_serializer(
    name: str, fields: tuple[Field, ...], *, fmt: str = "json", extra: dict | None = None
) -> type[serializers.Serializer]:
    """A serializer class named `name` with one field per dictionary field carried in
    `fmt`, and the `extra` fields the dictionary does not describe (made once per name)."""
    if name not in _made:
        attrs = {f.name: _field(f, name) for f in fields if f.in_format(fmt)}
        attrs.update(extra or {})
        _made[name] = type(name, (serializers.Serializer,), attrs)
    return _made[name]


def _values_of(fields: tuple[Field, ...], name: str) -> list[str]:
    return _codes(next(f for f in fields if f.name == name))


class ENUMS:
    """One name per set of codes in the schema, whichever field carries it (settings'
    ENUM_NAME_OVERRIDES): the codes as the fields list them."""

    DisplayStatus = _values_of(AREA_FIELDS, "status")
    NetworkStatus = _values_of(NETWORK_CITY_FIELDS, "status")
    Domain = _values_of(AREA_FIELDS, "domains")
    RegionCode = _values_of(AREA_FIELDS, "region")
    MeetingStatus = _values_of(MEETING_FIELDS, "status")


# A certificate's history event; a partner's also says when the platform recorded it.
HistoryEvent = record_serializer(
    "HistoryEvent",
    HISTORY_PARTS,
    extra={
        "recorded_at": serializers.DateTimeField(
            required=False,
            help_text="When the platform recorded the event: partners only (a token)",
        )
    },
)
Area = record_serializer("Area", AREA_FIELDS)
Figures = record_serializer("Figures", FIGURE_FIELDS)
Province = record_serializer("Province", PROVINCE_FIELDS)
Region = record_serializer("Region", REGION_FIELDS)
Meeting = record_serializer("Meeting", MEETING_FIELDS)
NetworkCity = record_serializer("NetworkCity", NETWORK_CITY_FIELDS)

Decision = record_serializer("Decision", DECISION_PARTS)
Certificate = record_serializer(
    "Certificate",
    CERTIFICATE_FIELDS,
    extra={
        "verified_at": serializers.DateTimeField(help_text="When this record was read"),
        "decisions": Decision(
            many=True,
            required=False,
            help_text="The committees' released resolutions that led to the certificate, "
            "with agenda item and vote: partners only (a token)",
        ),
    },
)
AreaDetail = record_serializer(
    "AreaDetail",
    AREA_FIELDS,
    extra={
        "certificates": Certificate(
            many=True, help_text="Every certificate of the area that took effect, oldest first"
        )
    },
)

Problem = inline_serializer(
    "Problem",
    {
        "detail": serializers.CharField(help_text="What went wrong, in the reader's language"),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="For a bad parameter: each parameter's messages",
        ),
    },
)

GeoJSONFeatureCollection = inline_serializer(
    "FeatureCollection",
    {
        "type": serializers.ChoiceField(choices=["FeatureCollection"]),
        "features": serializers.ListField(child=serializers.DictField()),
    },
)
