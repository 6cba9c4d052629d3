"""The registry's open data as written: links as reverse() makes them, the files in
pieces of rows (streamed, the same bytes whatever the piece), hostile text kept inert."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse

from smartcity.certification import serialisers
from smartcity.certification.models import Certificate, CertifiedArea
from smartcity.registry import exports
from smartcity.registry.selectors import search_areas


def pieces(response) -> list[bytes]:
    assert isinstance(response, StreamingHttpResponse)
    return list(response.streaming_content)


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 7 areas: the 30 areas cross four chunk boundaries."""
    monkeypatch.setattr(serialisers, "CHUNK", 7)
    monkeypatch.setattr(exports, "CHUNK", 7)


@pytest.mark.django_db
def test_each_records_links_are_those_reverse_gives(programme_data):
    request = RequestFactory().get("/")  # testserver

    records = list(serialisers.area_records(search_areas({}), request=request))

    with_certificate = [r for r in records if r["certificate_number"]]
    assert len(records) == 30
    assert [r["url"] for r in records] == [
        request.build_absolute_uri(reverse("registry:area_detail", args=[r["id"]])) for r in records
    ]
    assert [r["verify_url"] for r in with_certificate] == [
        request.build_absolute_uri(
            reverse("certification:verify", kwargs={"number": r["certificate_number"]})
        )
        for r in with_certificate
    ]


@pytest.mark.django_db
def test_the_csv_streams_in_pieces_of_rows_with_the_same_bytes(
    anonymous, programme_data, monkeypatch
):
    # Sorted: a filtered export, made live (the whole registry's is kept, test_kept_exports).
    url = reverse("registry:export_csv") + "?sort=name"
    whole = b"".join(pieces(anonymous.get(url)))
    monkeypatch.setattr(serialisers, "CHUNK", 7)
    monkeypatch.setattr(exports, "CHUNK", 7)

    parts = pieces(anonymous.get(url))

    assert len(parts) == 1 + 5  # the header, then 7 + 7 + 7 + 7 + 2 rows
    assert b"".join(parts) == whole
    assert len(list(csv.reader(io.StringIO(whole.decode("utf-8-sig"))))) == 1 + 30


@pytest.mark.django_db
def test_the_geojson_streams_in_pieces_of_features_and_stays_one_document(
    anonymous, programme_data, small_chunks
):
    parts = pieces(anonymous.get(reverse("registry:export_geojson") + "?sort=name"))

    document = json.loads(b"".join(parts))
    assert len(parts) == 1 + 5 + 1  # the head, five pieces of features, the end
    assert len(document["features"]) == 30
    assert len({f["id"] for f in document["features"]}) == 30


HOSTILE = '</script><b onmouseover="x">=1+1\r\n"quoted", @line'


@pytest.mark.django_db
def test_hostile_text_stays_inert_in_both_files(anonymous, programme_data, small_chunks):
    korat = CertifiedArea.objects.get(name_en="Korat Smart City")
    CertifiedArea.objects.filter(pk=korat.pk).update(note=HOSTILE, name_en="=cmd|' /C calc'!A0")

    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(pieces(anonymous.get(reverse("registry:export_csv"))))
                .decode("utf-8")
                .lstrip("\ufeff")
            )
        )
    )
    document = json.loads(b"".join(pieces(anonymous.get(reverse("registry:export_geojson")))))

    row = next(r for r in rows if r["id"] == str(korat.pk))
    assert (row["note"], row["name_en"]) == (HOSTILE, "'=cmd|' /C calc'!A0")
    assert len(rows) == 30
    feature = next(f for f in document["features"] if f["id"] == korat.pk)
    assert (feature["properties"]["note"], feature["properties"]["name_en"]) == (
        HOSTILE,
        "=cmd|' /C calc'!A0",  # JSON has no formulas: the text exactly as typed
    )


@pytest.mark.django_db
def test_the_csv_row_writes_domains_and_meetings_as_text_and_unknowns_empty(
    programme_data,
):
    certificate = Certificate.objects.exclude(approving_meeting=None).first()

    record = next(
        r for r in serialisers.area_records(search_areas({})) if r["id"] == certificate.area_id
    )
    row = dict(zip(exports.COLUMNS, exports.area_row(record), strict=True))

    assert row["domains"] == " ".join(record["domains"])
    assert row["approving_meeting"] == record["approving_meeting"]["label"]
    assert row["population_served"] is None  # written empty by the CSV
    assert "verify_url" not in row
