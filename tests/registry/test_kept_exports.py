"""The whole registry's CSV and GeoJSON are made once per registry version, date,
language and site, and kept: the next request streams the kept file with the headers of
a live download; a change that bumps the version gives the new file on the next request
(tests/registry/test_public_cache.py checks every such service, in both languages and as
of a date); a filtered export is made live and keeps nothing."""

import csv
import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.http import FileResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.models import CertifiedArea
from smartcity.certification.services.status import transition_certificate
from smartcity.registry import exports
from tests.accounts.factories import UserFactory
from tests.certification.factories import MeetingFactory

pytestmark = pytest.mark.django_db

CSV = reverse("registry:export_csv")
GEOJSON = reverse("registry:export_geojson")
HOSTILE = "../../etc/passwd'; DROP TABLE x; --<script>"


def reader(language: str = "th") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def kept_files() -> list[str]:
    folder = settings.MEDIA_ROOT / exports.KEPT_FOLDER
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def area_queries(client: Client, url: str, params: dict | None = None) -> int:
    """The queries of one download that read the areas' table."""
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url, params or {}))
    return sum('"certification_certifiedarea"' in q["sql"] for q in queries.captured_queries)


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def korat(programme_data):
    return CertifiedArea.objects.get(name_en="Korat Smart City")


@pytest.mark.parametrize("url", [CSV, GEOJSON])
def test_the_second_download_streams_the_kept_file_with_the_same_headers(programme_data, url):
    first = reader().get(url)
    first_body = body(first)

    second = reader().get(url)

    assert isinstance(second, FileResponse)
    assert body(second) == first_body
    assert second["Content-Length"] == str(len(first_body))
    for header in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified"):
        assert second[header] == first[header]
    assert second["Content-Disposition"].startswith('attachment; filename="smartcity-registry-')
    assert len(kept_files()) == 1


@pytest.mark.parametrize("url", [CSV, GEOJSON])
def test_a_kept_download_reads_no_area(programme_data, url):
    client = reader()
    assert area_queries(client, url) > 0

    assert area_queries(client, url) == 0


def test_each_language_has_its_own_kept_file(programme_data):
    thai = body(reader("th").get(CSV))
    english = body(reader("en").get(CSV))

    assert "คณะกรรมการ" in thai.decode()
    assert "committee" in english.decode().lower()
    assert thai != english
    assert body(reader("th").get(CSV)) == thai
    assert body(reader("en").get(CSV)) == english
    assert len(kept_files()) == 2


def test_an_as_of_date_has_its_own_kept_file_showing_that_date(korat):
    certified_on = korat.certificates.get().certified_on
    before = {"as_of": (certified_on - dt.timedelta(days=1)).isoformat()}

    today = csv_rows(body(reader().get(CSV)))
    then = csv_rows(body(reader().get(CSV, before)))

    assert str(korat.pk) in [row["id"] for row in today]
    assert str(korat.pk) not in [row["id"] for row in then]
    assert csv_rows(body(reader().get(CSV, before))) == then
    assert len(kept_files()) == 2


def test_unreadable_filters_are_the_whole_registry_today(programme_data):
    whole = body(reader().get(CSV))

    assert body(reader().get(CSV, {"as_of": "not-a-date"})) == whole
    assert body(reader().get(CSV, {"q": "null\x00byte", "region": HOSTILE})) == whole
    assert len(kept_files()) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": HOSTILE},
        {"province": "'/"},
        {"batch": "'; --<b>"},
        {"domain": "mobility"},
        {"sort": "name", "as_of": "2026-01-01"},
    ],
)
def test_a_filtered_export_is_made_live_and_keeps_nothing(programme_data, params):
    response = reader().get(CSV, params)

    assert not isinstance(response, FileResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="smartcity-registry-')
    body(response)
    assert kept_files() == []


def test_a_revocation_gives_the_new_file_and_deletes_the_old_version(korat):
    client = reader("en")
    before = csv_rows(body(client.get(CSV)))
    before_geojson = json.loads(body(client.get(GEOJSON)))
    old = kept_files()

    transition_certificate(
        certificate=korat.certificates.get(),
        to_status=CertificateStatus.REVOKED,
        reason="ไม่ดำเนินการตามแผน",
        meeting=MeetingFactory(held_on=timezone.localdate() - dt.timedelta(days=5)),
        on=timezone.localdate(),
        by=UserFactory(is_secretariat=True),
    )
    after = csv_rows(body(client.get(CSV)))
    after_geojson = json.loads(body(client.get(GEOJSON)))

    # A revoked area leaves the registry's open data.
    assert str(korat.pk) in [row["id"] for row in before]
    assert str(korat.pk) not in [row["id"] for row in after]
    assert korat.pk in [f["id"] for f in before_geojson["features"]]
    assert korat.pk not in [f["id"] for f in after_geojson["features"]]
    assert len(kept_files()) == 2
    assert set(kept_files()).isdisjoint(old)


def test_at_most_kept_files_of_one_version_are_kept(programme_data, monkeypatch):
    monkeypatch.setattr(exports, "KEPT_FILES", 2)

    for day in ("2025-01-01", "2025-06-01", "2026-01-01"):
        body(reader().get(CSV, {"as_of": day}))

    assert len(kept_files()) == 2
    # The newest stays kept: it is streamed, not made again.
    assert area_queries(reader(), CSV, {"as_of": "2026-01-01"}) == 0


def test_the_geojson_links_are_the_sites_own_for_each_address(programme_data, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "smartcity.example.go.th"]
    here = json.loads(body(reader().get(GEOJSON)))
    there = json.loads(body(reader().get(GEOJSON, headers={"Host": "smartcity.example.go.th"})))

    assert here["features"][0]["properties"]["url"].startswith("http://testserver/")
    assert there["features"][0]["properties"]["url"].startswith("http://smartcity.example.go.th/")
