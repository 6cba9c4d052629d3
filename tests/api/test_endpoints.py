"""The read API as a client sees it: every endpoint answers anonymous readers, in their
language, in each format; filters narrow; bad parameters are refused with a message;
unknown ids are not found; nothing is written."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache

from smartcity.certification.models import Certificate, CertifiedArea
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.registry import selectors
from tests.api.helpers import as_json, body, csv_rows
from tests.certification.factories import CertifiedAreaFactory

pytestmark = pytest.mark.django_db

COLLECTIONS = [
    "/api/v1/areas/",
    "/api/v1/provinces/",
    "/api/v1/regions/",
    "/api/v1/meetings/",
    "/api/v1/network-cities/",
]
ONE_EACH = ["/api/v1/figures/", "/api/v1/provinces.geojson", "/api/v1/schema/", "/api/v1/docs/"]


def first_area(client) -> dict:
    return client.get("/api/v1/areas/").json()["results"][0]


@pytest.mark.parametrize("path", COLLECTIONS)
def test_collection_answers_a_page_of_json(anonymous, programme_data, path):
    response = anonymous.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == len(data["results"]) or data["next"] is not None
    assert data["results"]


@pytest.mark.parametrize("path", ONE_EACH)
def test_each_other_endpoint_answers(anonymous, programme_data, path):
    assert anonymous.get(path).status_code == 200


def test_area_list_holds_the_registry_s_areas_with_the_dictionary_s_fields(
    anonymous, programme_data
):
    data = anonymous.get("/api/v1/areas/", {"page_size": 100}).json()

    assert data["count"] == 30
    assert {a["id"] for a in data["results"]} == set(
        selectors.certified_areas().values_list("id", flat=True)
    )
    record = data["results"][0]
    assert "geometry" not in record
    assert record["url"].startswith("http://testserver/areas/")


@pytest.mark.parametrize(
    "filters",
    [
        {"province": "10"},
        {"region": "northeast"},
        {"batch": "B1"},
        {"as_of": "2022-11-08"},
        {"q": "ภูเก็ต"},
        {"proponent_type": "unknown"},
    ],
)
def test_area_filters_narrow_as_the_registry_s_do(anonymous, programme_data, filters):
    data = anonymous.get("/api/v1/areas/", {**filters, "page_size": 500}).json()

    expected = selectors.search_areas(
        {**filters, "as_of": dt.date.fromisoformat(filters["as_of"])}
        if "as_of" in filters
        else filters
    )
    assert [a["id"] for a in data["results"]] == list(expected.values_list("id", flat=True))
    assert data["count"] < 30 or "proponent_type" in filters


def test_area_domain_filter_keeps_the_areas_granted_that_domain(anonymous):
    granted = CertifiedAreaFactory(domains=["mobility"])
    CertifiedAreaFactory(domains=["energy"])

    data = anonymous.get("/api/v1/areas/", {"domain": "mobility"}).json()

    assert [a["id"] for a in data["results"]] == [granted.pk]
    assert data["results"][0]["domains"] == ["mobility"]


def test_area_ordering_newest_puts_the_latest_certification_first(anonymous, programme_data):
    data = anonymous.get("/api/v1/areas/", {"ordering": "newest", "page_size": 500}).json()

    dates = [a["certified_on"] for a in data["results"]]
    assert dates == sorted(dates, reverse=True)


def test_pages_hold_at_most_the_largest_page_size(anonymous, programme_data):
    data = anonymous.get("/api/v1/provinces/", {"page_size": 5000}).json()
    small = anonymous.get("/api/v1/provinces/", {"page_size": 10, "page": 2}).json()

    assert len(data["results"]) == 77  # under the largest page (500)
    assert [p["code"] for p in small["results"]] == [p["code"] for p in data["results"][10:20]]
    assert small["previous"] is not None


def test_a_page_past_the_last_is_not_found_with_a_message(anonymous, programme_data):
    response = anonymous.get("/api/v1/areas/", {"page": 99, "lang": "en"})

    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such page."


def test_area_detail_carries_its_certificates_and_their_history(anonymous, programme_data):
    area = first_area(anonymous)

    data = anonymous.get(f"/api/v1/areas/{area['id']}/").json()

    assert data["id"] == area["id"]
    assert [c["certificate_number"] for c in data["certificates"]] == [area["certificate_number"]]
    assert data["certificates"][0]["history"][0]["event"] == "certified"


def test_certificate_is_the_verification_record(anonymous, programme_data):
    number = first_area(anonymous)["certificate_number"]

    api = anonymous.get(f"/api/v1/certificates/{number}/").json()
    alias = anonymous.get(f"/verify/{number}.json").json()

    del api["verified_at"], alias["verified_at"]
    assert api == alias


def test_english_is_asked_by_parameter_or_by_header(anonymous, programme_data):
    number = first_area(anonymous)["certificate_number"]
    path = f"/api/v1/certificates/{number}/"

    thai = anonymous.get(path).json()
    by_parameter = anonymous.get(path, {"lang": "en"}).json()
    by_header = anonymous.get(path, headers={"Accept-Language": "en"}).json()

    assert thai["status_label"] == "มีผล"
    assert by_parameter["status_label"] == by_header["status_label"] == "Active"
    assert by_parameter["history"][0]["event_label"] == "Certified"


def test_province_map_names_read_in_the_reader_s_language(anonymous, programme_data):
    english = as_json(anonymous.get("/api/v1/provinces.geojson", {"lang": "en"}))
    thai = as_json(anonymous.get("/api/v1/provinces.geojson"))

    bangkok_en = next(f for f in english["features"] if f["id"] == "10")
    bangkok_th = next(f for f in thai["features"] if f["id"] == "10")
    assert bangkok_en["properties"]["name"] == "Bangkok"
    assert bangkok_th["properties"]["name"] == "กรุงเทพมหานคร"
    assert bangkok_en["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert len(english["features"]) == 77


def test_provinces_give_their_coverage_on_the_date(anonymous, programme_data):
    before = anonymous.get("/api/v1/provinces/", {"page_size": 100, "as_of": "2022-11-08"})
    after = anonymous.get("/api/v1/provinces/", {"page_size": 100, "as_of": "2022-11-09"})

    def covered(response):
        return sum(1 for p in response.json()["results"] if p["areas"])

    assert (covered(before), covered(after)) == (11, 23)


def test_regions_add_up_to_the_national_figures(anonymous, programme_data):
    regions = anonymous.get("/api/v1/regions/", {"as_of": "2022-11-09"}).json()["results"]

    assert [r["code"] for r in regions][:2] == ["north", "northeast"]
    assert sum(r["areas"] for r in regions) == 30
    assert sum(r["provinces"] for r in regions) == 23
    assert sum(r["total_provinces"] for r in regions) == 77


def test_meetings_are_the_public_ones_with_their_announcements(anonymous, programme_data):
    hidden = Meeting.objects.create(
        committee=Meeting.objects.filter(committee__kind=CommitteeKind.STEERING).first().committee,
        number=9,
        year_be=2569,
        status=MeetingStatus.SCHEDULED,
    )

    meetings = anonymous.get("/api/v1/meetings/").json()["results"]

    assert hidden.pk not in {m["id"] for m in meetings}
    assert {m["status"] for m in meetings} <= set(MeetingStatus.public())
    steering = next(
        m for m in meetings if (m["reference"], m["committee"]) == ("1/2565", "steering_committee")
    )
    assert steering["areas_certified"] == 15
    assert steering["announcement_url"].endswith(f"/announcements/{steering['id']}/")
    assert anonymous.get(steering["announcement_url"]).status_code == 200
    assert anonymous.get(f"/api/v1/meetings/{hidden.pk}/").status_code == 404


def test_meetings_filter_by_committee_and_year(anonymous, programme_data):
    meetings = anonymous.get(
        "/api/v1/meetings/", {"committee": "sub_committee", "year_be": 2564}
    ).json()["results"]

    assert meetings
    assert {(m["committee"], m["year_be"]) for m in meetings} == {("sub_committee", 2564)}
    assert {m["areas_certified"] for m in meetings} == {None}


def test_network_cities_filter_by_status(anonymous, programme_data):
    members = anonymous.get("/api/v1/network-cities/", {"status": "member"}).json()["results"]

    assert {c["status"] for c in members} == {"member"}
    assert "Bangkok" in {c["name_en"] for c in members}


@pytest.mark.parametrize("path", COLLECTIONS)
@pytest.mark.parametrize(
    ("ask", "content_type"),
    [
        ({"format": "csv"}, "text/csv; charset=utf-8"),
        ({"format": "geojson"}, "application/geo+json; charset=utf-8"),
    ],
)
def test_every_collection_streams_csv_and_geojson(
    anonymous, programme_data, path, ask, content_type
):
    response = anonymous.get(path, ask)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == content_type
    if ask["format"] == "csv":
        assert csv_rows(response)
    else:
        collection = as_json(response)
        assert collection["type"] == "FeatureCollection"
        assert collection["features"]


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/csv", "text/csv; charset=utf-8"),
        ("application/geo+json", "application/geo+json; charset=utf-8"),
    ],
)
def test_formats_are_negotiated_through_accept(anonymous, programme_data, accept, content_type):
    response = anonymous.get("/api/v1/areas/", headers={"Accept": accept})

    assert response["Content-Type"] == content_type
    body(response)


def test_the_whole_filtered_collection_streams_not_a_page(anonymous, programme_data):
    rows = csv_rows(anonymous.get("/api/v1/areas/", {"format": "csv", "page_size": 2}))
    provinces = csv_rows(anonymous.get("/api/v1/areas/", {"format": "csv", "province": "10"}))

    assert len(rows) == 30
    assert {r["province_code"] for r in provinces} == {"10"}


def test_csv_values_cannot_become_formulas(anonymous):
    CertifiedAreaFactory(name_en='=HYPERLINK("http://evil.example")')

    rows = csv_rows(anonymous.get("/api/v1/areas/", {"format": "csv"}))

    assert rows[0]["name_en"] == '\'=HYPERLINK("http://evil.example")'


def test_geojson_of_areas_places_them_at_their_province(anonymous, programme_data):
    collection = as_json(anonymous.get("/api/v1/areas/", {"format": "geojson"}))

    point = collection["features"][0]
    assert point["geometry"]["type"] == "Point"
    assert point["properties"]["location_precision"] == "province"


def test_geojson_without_geometry_says_null(anonymous, programme_data):
    collection = as_json(anonymous.get("/api/v1/regions/", {"format": "geojson"}))

    assert {f["geometry"] for f in collection["features"]} == {None}
    assert len(collection["features"]) == 6


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/api/v1/figures/", {"as_of": "2022-13-01"}, "as_of"),
        ("/api/v1/figures/", {"as_of": "9/11/2565"}, "as_of"),
        ("/api/v1/areas/", {"as_of": "yesterday"}, "as_of"),
        ("/api/v1/areas/", {"region": "atlantis"}, "region"),
        ("/api/v1/areas/", {"ordering": "price"}, "ordering"),
        ("/api/v1/areas/", {"province": "999"}, "province"),
        ("/api/v1/areas/", {"lang": "fr"}, "lang"),
        ("/api/v1/areas/", {"format": "xlsx"}, "format"),
        ("/api/v1/provinces/", {"as_of": "2022-02-30"}, "as_of"),
        ("/api/v1/meetings/", {"year_be": "soon"}, "year_be"),
        ("/api/v1/network-cities/", {"status": "friend"}, "status"),
    ],
)
def test_bad_parameters_are_refused_with_a_message(
    anonymous, programme_data, path, query, parameter
):
    response = anonymous.get(path, query)

    assert response.status_code == 400
    data = response.json()
    assert data["detail"] == "พารามิเตอร์ในคำขอไม่ถูกต้อง"
    assert list(data["errors"]) == [parameter]


def test_a_bad_date_is_explained_in_english_when_asked(anonymous):
    response = anonymous.get("/api/v1/figures/", {"as_of": "2022-13-01", "lang": "en"})

    assert response.status_code == 400
    assert response.json()["errors"]["as_of"] == [
        "Enter a date as YYYY-MM-DD (Christian era), such as 2022-11-09."
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/areas/999999/", "No certified area has this number."),
        ("/api/v1/areas/99999999999999999999999/", "No certified area has this number."),
        ("/api/v1/meetings/999999/", "No public meeting has this number."),
        ("/api/v1/certificates/SCT-0000-000/", "No certificate has this number."),
        ("/api/v1/certificates/%20/", "No certificate has this number."),
    ],
)
def test_unknown_ids_are_not_found(anonymous, programme_data, path, message):
    response = anonymous.get(path, {"lang": "en"})

    assert response.status_code == 404
    assert response.json()["detail"] == message


def test_an_area_certified_in_the_future_is_not_shown(anonymous):
    later = CertifiedAreaFactory(certified_on=dt.date.today() + dt.timedelta(days=30))

    assert anonymous.get(f"/api/v1/areas/{later.pk}/").status_code == 404
    assert anonymous.get("/api/v1/areas/").json()["count"] == 0


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", [*COLLECTIONS, "/api/v1/figures/", "/api/v1/areas/1/"])
def test_writes_are_refused(anonymous, path, method):
    response = getattr(anonymous, method)(path)

    assert response.status_code == 405
    assert CertifiedArea.objects.count() == 0


def test_unchanged_data_answers_not_modified(anonymous, programme_data):
    first = anonymous.get("/api/v1/areas/")

    by_tag = anonymous.get("/api/v1/areas/", headers={"If-None-Match": first["ETag"]})
    by_date = anonymous.get("/api/v1/areas/", headers={"If-Modified-Since": first["Last-Modified"]})

    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    assert (by_tag.status_code, by_date.status_code) == (304, 304)
    assert by_tag["ETag"] == first["ETag"]


def test_each_language_query_and_format_has_its_own_etag(anonymous, programme_data):
    tags = {
        anonymous.get("/api/v1/figures/", query)["ETag"]
        for query in [{}, {"lang": "en"}, {"as_of": "2022-11-09"}]
    }
    csv_tag = anonymous.get("/api/v1/areas/", {"format": "csv"})["ETag"]

    assert len(tags) == 3
    assert csv_tag != anonymous.get("/api/v1/areas/")["ETag"]


def test_a_new_certification_changes_the_etag(anonymous, programme_data):
    before = anonymous.get("/api/v1/figures/")
    CertifiedAreaFactory()

    after = anonymous.get("/api/v1/figures/", headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after.json()["areas"] == before.json()["areas"] + 1


def test_other_sites_may_read_the_api(anonymous, programme_data):
    origin = {"Origin": "https://data.example.go.th"}
    response = anonymous.get("/api/v1/figures/", headers=origin)
    preflight = anonymous.options(
        "/api/v1/areas/", headers={**origin, "Access-Control-Request-Method": "GET"}
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_anonymous_use_is_throttled_with_a_clear_429(anonymous, programme_data, settings):
    settings.SMARTCITY_THROTTLES = {**settings.SMARTCITY_THROTTLES, "api": (2, 60)}
    cache.clear()

    statuses = [
        anonymous.get("/api/v1/regions/", {"page": 1, "page_size": n}).status_code for n in (5, 6)
    ]
    refused = anonymous.get("/api/v1/regions/", {"lang": "en"})
    thai = anonymous.get("/api/v1/regions/", {"page_size": 7})

    assert statuses == [200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert refused.json()["detail"] == (
        "Too many requests from your address. Please wait a moment and try again."
    )
    assert thai.json()["detail"] == "คำขอจากที่อยู่ของคุณมากเกินไป กรุณารอสักครู่แล้วลองใหม่อีกครั้ง"


def test_a_conditional_request_does_not_count_in_the_throttle(anonymous, programme_data, settings):
    settings.SMARTCITY_THROTTLES = {**settings.SMARTCITY_THROTTLES, "api": (1, 60)}
    cache.clear()
    tag = anonymous.get("/api/v1/figures/")["ETag"]

    again = [
        anonymous.get("/api/v1/figures/", headers={"If-None-Match": tag}).status_code
        for _ in range(3)
    ]

    assert again == [304, 304, 304]


def test_a_kept_answer_is_served_again_and_not_counted(anonymous, programme_data, settings):
    settings.SMARTCITY_THROTTLES = {**settings.SMARTCITY_THROTTLES, "api": (1, 60)}
    cache.clear()

    answers = [anonymous.get("/api/v1/figures/") for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert len({a.content for a in answers}) == 1
    assert answers[2]["ETag"] == answers[0]["ETag"]
    assert anonymous.get("/api/v1/regions/").status_code == 429


def test_options_never_stands_for_the_answer(anonymous, programme_data):
    cache.clear()
    anonymous.options("/api/v1/figures/")

    data = anonymous.get("/api/v1/figures/").json()

    assert data["areas"] == 30


def test_the_same_address_in_another_format_has_another_etag(anonymous, programme_data):
    as_json_tag = anonymous.get("/api/v1/regions/")["ETag"]

    as_csv = anonymous.get(
        "/api/v1/regions/", headers={"Accept": "text/csv", "If-None-Match": as_json_tag}
    )

    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    body(as_csv)


def test_no_session_or_cookie_is_needed_or_set(anonymous, programme_data):
    response = anonymous.get("/api/v1/areas/")

    assert not response.cookies
    # Partner tokens only: a signed-in session does not authenticate the API (no CSRF).
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == [
        "smartcity.api.tokens.authentication.TokenAuthentication"
    ]


def test_areas_certified_after_the_date_are_not_counted(anonymous, programme_data):
    cutoff = Certificate.objects.order_by("-certified_on").first().certified_on

    on_the_day = anonymous.get("/api/v1/areas/", {"as_of": cutoff.isoformat()}).json()
    day_before = anonymous.get(
        "/api/v1/areas/", {"as_of": (cutoff - dt.timedelta(days=1)).isoformat()}
    ).json()

    assert on_the_day["count"] > day_before["count"]
