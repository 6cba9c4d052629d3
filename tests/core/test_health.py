"""/healthz answers without the database; /readyz checks the database, the migrations and
the worker's heartbeat, and says which check failed."""

import datetime as dt

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from smartcity.core.models import WorkerHeartbeat


def _beat(seconds_ago: int) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1",
        hostname="host",
        pid=1,
        queues="*",
        started_at=now - dt.timedelta(hours=1),
        seen_at=now - dt.timedelta(seconds=seconds_ago),
    )


def test_healthz_answers_without_touching_the_database(anonymous):
    # No database for this test: a query would raise "Database access not allowed".
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ready_with_the_immediate_backend_and_says_the_worker_is_not_needed(anonymous):
    response = anonymous.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "migrations": {"status": "ok"},
            "worker": {"status": "skipped", "detail": "tasks run immediately"},
        },
    }


@pytest.mark.django_db
def test_readyz_is_ready_when_a_worker_beat_a_moment_ago(anonymous, database_tasks):
    _beat(seconds_ago=3)
    response = anonymous.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {"status": "ok", "detail": "1 alive"}


@pytest.mark.django_db
def test_readyz_fails_without_any_worker(anonymous, database_tasks):
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failed"
    assert body["checks"]["worker"] == {"status": "failed", "detail": "no fresh heartbeat"}
    assert body["checks"]["database"] == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_fails_when_the_last_heartbeat_is_stale(anonymous, database_tasks):
    _beat(seconds_ago=120)  # a worker killed two minutes ago
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["status"] == "failed"


@pytest.mark.django_db
def test_readyz_fails_when_a_migration_is_not_applied(anonymous):
    MigrationRecorder.Migration.objects.filter(app="core").order_by("-id").first().delete()
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"status": "failed", "detail": "1 unapplied"}


@pytest.mark.django_db
def test_readyz_fails_when_the_database_does_not_answer(anonymous, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "failed",
        "detail": "OperationalError",
    }


@pytest.mark.django_db
def test_readyz_names_no_person_and_no_data(anonymous, database_tasks):
    _beat(seconds_ago=1)
    text = anonymous.get("/readyz").content.decode()
    assert "host" not in text
    assert "w1" not in text
