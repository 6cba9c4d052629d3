"""Files made in the background (core.exports): asked for, made with their progress,
seen only by whoever asked and the secretariat, pruned after a week."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartcity.core import exports
from smartcity.core.enums import ExportStatus
from smartcity.core.models import AuditEntry, ExportJob
from tests.accounts.factories import UserFactory
from tests.core import sample_exports  # noqa: F401 (registers the sample export kinds)

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def requester():
    return UserFactory()


@pytest.fixture
def ready_job(requester, media, ask):
    return ask("tests.numbers", {"rows": 5}, requester)


def test_an_export_is_made_with_its_progress_and_its_file(requester, media, ask):
    job = ask("tests.numbers", {"rows": 250}, requester)
    assert (job.status, job.done, job.total, job.filename) == (
        ExportStatus.READY,
        250,
        250,
        "numbers-250.csv",
    )
    with job.file.open("rb") as f:
        assert f.read().decode().splitlines()[-1] == "250"
    entry = AuditEntry.objects.get(action="core.export.requested")
    assert (entry.actor, entry.after) == (
        requester,
        {"kind": "tests.numbers", "parameters": {"rows": 250}},
    )


def test_asking_again_while_waiting_gives_the_same_job(requester, database_tasks):
    first = exports.request_export(kind="tests.numbers", parameters={"rows": 5}, by=requester)
    again = exports.request_export(kind="tests.numbers", parameters={"rows": 5}, by=requester)
    other = exports.request_export(kind="tests.numbers", parameters={"rows": 6}, by=requester)
    assert again.pk == first.pk
    assert other.pk != first.pk


def test_a_kind_that_needs_a_role_is_refused_to_anyone_else(requester):
    with pytest.raises(exports.ExportRefused):
        exports.request_export(kind="tests.secret", parameters={"rows": 1}, by=requester)
    assert ExportJob.objects.count() == 0


def test_a_failing_writer_leaves_the_job_failed_with_its_error(requester, media, ask):
    job = ask("tests.broken", {}, requester)
    assert (job.status, job.error, job.file.name) == (
        ExportStatus.FAILED,
        "RuntimeError: disk full",
        "",
    )


def test_the_page_polls_while_the_file_is_being_made(requester):
    job = ExportJob.objects.create(
        kind="tests.numbers",
        parameters={"rows": 10},
        language="en",
        requested_by=requester,
        status=ExportStatus.RUNNING,
        done=4,
        total=10,
    )
    response = _client(requester).get(
        reverse("core:export_progress", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in html
    assert "4 of 10 rows (40%)" in html


def test_the_polling_stops_and_the_file_is_offered_once_ready(ready_job, requester):
    response = _client(requester).get(reverse("core:export_progress", args=[ready_job.pk]))
    html = response.content.decode()
    assert "hx-trigger" not in html
    assert reverse("core:export_file", args=[ready_job.pk]) in html


def test_the_requester_downloads_the_file(ready_job, requester):
    response = _client(requester).get(reverse("core:export_file", args=[ready_job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="numbers-5.csv"'
    assert b"".join(response.streaming_content).decode().splitlines() == [
        "n",
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


@pytest.mark.parametrize("name", ["core:export", "core:export_progress", "core:export_file"])
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("applicant", 404), ("other_officer", 200), ("requester", 200)],
)
def test_who_may_see_an_export(ready_job, requester, name, persona, expected):
    users = {
        "anonymous": None,
        "applicant": UserFactory(),
        "other_officer": UserFactory(is_secretariat=True),
        "requester": requester,
    }
    response = _client(users[persona]).get(reverse(name, args=[ready_job.pk]))
    response.close()  # a file's response holds it open until closed
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("accounts:login"))


def test_an_unknown_export_is_404_and_the_pages_refuse_post(ready_job, requester):
    client = _client(requester)
    assert client.get(reverse("core:export", args=[ready_job.pk + 1])).status_code == 404
    assert client.post(reverse("core:export", args=[ready_job.pk])).status_code == 405
    assert client.post(reverse("core:export_file", args=[ready_job.pk])).status_code == 405


def test_a_file_not_ready_is_not_offered(requester):
    job = ExportJob.objects.create(
        kind="tests.numbers", parameters={"rows": 1}, language="th", requested_by=requester
    )
    assert _client(requester).get(reverse("core:export_file", args=[job.pk])).status_code == 404


def test_the_error_is_shown_to_the_secretariat_not_to_the_requester(requester, media, ask):
    job = ask("tests.broken", {}, requester)
    officer = UserFactory(is_secretariat=True)
    url = reverse("core:export", args=[job.pk])
    assert "disk full" not in _client(requester).get(url).content.decode()
    assert "RuntimeError: disk full" in _client(officer).get(url).content.decode()


def test_files_older_than_a_week_are_pruned_by_the_scheduled_job(requester, media, load_command):
    now = timezone.now()

    def made(days_ago: int) -> ExportJob:
        job = ExportJob.objects.create(
            kind="tests.numbers",
            parameters={"rows": 1},
            language="th",
            requested_by=requester,
            status=ExportStatus.READY,
            finished_at=now - dt.timedelta(days=days_ago),
        )
        job.file.save(f"{job.pk}.csv", ContentFile(b"n\n1\n"))
        return job

    old, recent = made(8), made(1)
    old_path = old.file.path
    out = load_command("run_scheduled_jobs", "--only", "core.prune_exports")
    assert "core.prune_exports: 1 file(s) removed" in out
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.file.name) == (ExportStatus.EXPIRED, "")
    assert recent.status == ExportStatus.READY
    assert recent.file.storage.exists(recent.file.name)
    assert not (media / old_path).exists()
    # The old link now says the file has expired.
    response = _client(requester).get(reverse("core:export", args=[old.pk]))
    assert response.context["job"].status == ExportStatus.EXPIRED


def test_the_page_says_who_asked_and_when_in_thai(ready_job, requester):
    response = _client(requester).get(reverse("core:export", args=[ready_job.pk]))
    html = response.content.decode()
    assert f"ขอโดย {requester.full_name} เมื่อ" in html
    assert "พร้อมให้ดาวน์โหลด" in html
