"""The data dictionary says what every published field means: it covers every key the
serialiser emits (CSV columns, GeoJSON properties, the verification JSON) and no key
that is not published, in Thai and English, on a page and in a machine file."""

import json

import pytest
from django.urls import reverse

from smartcity.api.catalog.dictionary import (
    AREA_FIELDS,
    CERTIFICATE_FIELDS,
    DICTIONARY,
    HISTORY_PARTS,
    MEETING_PARTS,
    PROVINCE_FIELDS,
    walk,
)
from smartcity.certification.models import Certificate
from smartcity.certification.serialisers import FIELDS, certificate_record
from smartcity.registry.exports import csv_header


def names(fields, fmt: str | None = None) -> list[str]:
    return [f.name for f in fields if fmt is None or f.in_format(fmt)]


def test_dictionary_names_exactly_the_csv_columns():
    assert names(AREA_FIELDS, "csv") == csv_header()


def test_dictionary_names_every_field_of_the_record_in_order():
    assert names(AREA_FIELDS, "json") == FIELDS


@pytest.mark.django_db
def test_dictionary_names_exactly_the_geojson_properties(anonymous, programme_data):
    response = anonymous.get(reverse("registry:export_geojson"))
    features = json.loads(b"".join(response.streaming_content))["features"]
    keys = {key for feature in features for key in feature["properties"]}
    meetings = {
        key
        for feature in features
        for name in ("approving_meeting", "acknowledging_meeting")
        if feature["properties"][name]
        for key in feature["properties"][name]
    }

    assert keys == set(names(AREA_FIELDS, "geojson"))
    assert meetings == set(names(MEETING_PARTS))


@pytest.mark.django_db
def test_dictionary_names_exactly_the_verification_record(programme_data):
    number = Certificate.objects.order_by("id").values_list("number", flat=True).first()
    record = certificate_record(number)
    history = {key for event in record["history"] for key in event}

    assert list(record) == names(CERTIFICATE_FIELDS, "json")
    assert history == set(names(HISTORY_PARTS))


@pytest.mark.django_db
def test_dictionary_covers_the_province_maps_properties(anonymous, programme_data):
    features = anonymous.get(reverse("registry:map_geojson")).json()["features"]
    keys = {key for feature in features for key in feature["properties"]}

    assert keys == set(names(PROVINCE_FIELDS, "geojson"))


@pytest.mark.parametrize("slug", sorted(DICTIONARY))
def test_every_field_has_a_meaning_in_thai_and_english(slug):
    untranslated = [
        path
        for path, f in walk(DICTIONARY[slug])
        if not f.meaning.th or not f.meaning.en or f.meaning.th == f.meaning.en
    ]
    assert untranslated == []


@pytest.mark.parametrize("slug", sorted(DICTIONARY))
def test_every_code_field_lists_its_values_in_both_languages(slug):
    code_fields = [(p, f) for p, f in walk(DICTIONARY[slug]) if f.type in {"code", "codes"}]
    without_values = [path for path, f in code_fields if not f.value_meanings()]
    same_in_both = [
        (path, value)
        for path, f in code_fields
        for value, meaning in f.value_meanings()
        if meaning.th == meaning.en
    ]

    assert code_fields
    assert without_values == []
    assert same_in_both == []


def test_statuses_read_in_thai_in_the_dictionary():
    status = next(f for f in AREA_FIELDS if f.name == "status")

    assert dict(status.value_meanings())["revoked"].th == "เพิกถอน"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(DICTIONARY))
def test_machine_file_has_every_field_in_both_languages(anonymous, slug):
    response = anonymous.get(reverse("opendata:dictionary_json", args=[slug]))
    document = response.json()

    def paths(fields, prefix=""):
        for f in fields:
            assert set(f["meaning"]) == {"th", "en"}
            yield prefix + f["name"]
            yield from paths(f.get("fields", []), f"{prefix}{f['name']}.")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert document["dataset"] == slug
    assert list(paths(document["fields"])) == [path for path, _ in walk(DICTIONARY[slug])]


@pytest.mark.django_db
def test_machine_file_says_what_not_reported_looks_like(anonymous):
    document = anonymous.get(reverse("opendata:dictionary_json", args=["areas"])).json()
    population = next(f for f in document["fields"] if f["name"] == "population_served")

    assert population["not_reported"]["en"].startswith("null (an empty cell in CSV)")
    assert population["type"] == "integer"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "meaning"),
    [
        ("th", "พจนานุกรมข้อมูล", "ชื่อพื้นที่ภาษาไทย"),
        ("en", "Data dictionary", "The area&#x27;s name in Thai"),
    ],
)
def test_dictionary_page_reads_in_each_language(anonymous, language, heading, meaning):
    anonymous.cookies["smartcity_language"] = language

    response = anonymous.get(reverse("opendata:dictionary", args=["areas"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    assert meaning in html
    assert html.count('data-testid="field"') == len(list(walk(AREA_FIELDS)))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["opendata:dictionary", "opendata:dictionary_json"])
def test_unknown_dataset_is_not_found(anonymous, name):
    assert anonymous.get(reverse(name, args=["salaries"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["opendata:dictionary", "opendata:dictionary_json"])
def test_dictionary_refuses_writes(anonymous, name):
    assert anonymous.post(reverse(name, args=["areas"])).status_code == 405
