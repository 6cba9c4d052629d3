"""A large registry's files can be prepared in the background (core.exports): the list
offers it above DIRECT_DOWNLOAD_MAX areas, and the file is the direct download's."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from smartcity.core.models import ExportJob
from smartcity.registry import exports
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(monkeypatch, programme_data):
    """The 30 areas count as a large registry."""
    monkeypatch.setattr(exports, "DIRECT_DOWNLOAD_MAX", 5)


@pytest.fixture
def member(db) -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.fixture
def made(member, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path

    def press(data: dict) -> tuple[ExportJob, bytes]:
        with django_capture_on_commit_callbacks(execute=True):
            response = member.post(reverse("registry:export_request"), data)
        job = ExportJob.objects.latest("pk")
        assert response.url == reverse("core:export", args=[job.pk])
        download = member.get(reverse("core:export_file", args=[job.pk]))
        return job, b"".join(download.streaming_content)

    return press


def test_a_large_list_offers_the_background_file_to_a_signed_in_person(large, member):
    response = member.get(reverse("registry:area_list"), {"q": "เมือง"})
    assert response.context["export_in_background"] is True
    assert response.context["export_filters"] == {"q": "เมือง"}
    assert 'data-testid="export-background"' in response.text


def test_a_large_list_asks_the_anonymous_to_sign_in_for_it(large, anonymous):
    response = anonymous.get(reverse("registry:area_list"))
    assert 'data-testid="export-background-sign-in"' in response.text
    assert 'data-testid="export-background"' not in response.text


def test_todays_registry_offers_only_the_direct_download(programme_data, member):
    response = member.get(reverse("registry:area_list"))
    assert 'data-testid="export-background' not in response.text


def test_the_background_csv_is_the_direct_csv_with_the_same_filters(large, member, made):
    direct = b"".join(
        member.get(reverse("registry:export_csv"), {"region": "northeast"}).streaming_content
    )
    job, content = made({"format": "csv", "region": "northeast"})
    assert content == direct
    assert job.parameters == {"region": "northeast"}
    assert (job.status, job.done) == ("ready", job.total)
    assert job.total == content.decode("utf-8-sig").count("\n") - 1


def test_the_background_geojson_has_every_area_of_the_filter(large, member, made):
    direct = json.loads(b"".join(member.get(reverse("registry:export_geojson")).streaming_content))
    job, content = made({"format": "geojson"})
    features = json.loads(content)["features"]
    assert [f["id"] for f in features] == [f["id"] for f in direct["features"]]
    assert job.done == job.total == 30


def test_the_anonymous_are_sent_to_sign_in_and_nothing_is_asked(large, anonymous):
    target = reverse("registry:export_request")
    response = anonymous.post(target, {"format": "csv"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert ExportJob.objects.count() == 0


def test_an_unknown_format_is_refused_and_get_is_not_allowed(member):
    assert member.post(reverse("registry:export_request"), {"format": "pdf"}).status_code == 400
    assert member.get(reverse("registry:export_request")).status_code == 405
    assert ExportJob.objects.count() == 0
