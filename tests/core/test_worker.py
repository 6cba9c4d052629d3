"""The worker for real: tasks enqueued in the database and run by `manage.py run_worker`
in this process (its --batch mode), with the heartbeat it writes; retries that wait their
backoff in the database."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from smartcity.core import exports
from smartcity.core.enums import ExportStatus
from smartcity.core.models import WorkerHeartbeat
from smartcity.core.worker import Heartbeat, fresh_workers
from tests.accounts.factories import UserFactory
from tests.core import (
    sample_exports,  # noqa: F401 (registers the sample export kinds)
    sample_tasks,
)


@pytest.mark.django_db
def test_a_heartbeat_writes_the_workers_row_and_removes_it_when_stopped():
    heartbeat = Heartbeat(worker_id="worker-a", queues="*", interval=60)
    heartbeat.start()
    row = WorkerHeartbeat.objects.get()
    assert (row.worker_id, row.queues) == ("worker-a", "*")
    assert list(fresh_workers()) == [row]
    heartbeat.stop()
    assert WorkerHeartbeat.objects.count() == 0


def test_an_export_waits_in_the_database_until_the_worker_runs_it(
    transactional_db, database_tasks, media
):
    user = UserFactory()
    job = exports.request_export(kind="tests.numbers", parameters={"rows": 30}, by=user)
    job.refresh_from_db()
    # Enqueued after the commit: a task row waits, and nothing has run.
    assert job.status == ExportStatus.QUEUED
    waiting = DBTaskResult.objects.get()
    assert (waiting.status, waiting.queue_name, str(waiting.pk)) == (
        "READY",
        "exports",
        job.task_id,
    )

    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (ExportStatus.READY, 30, 30)
    with job.file.open("rb") as f:
        assert f.read().decode().splitlines()[:3] == ["n", "1", "2"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # The worker removed its heartbeat when it stopped.
    assert WorkerHeartbeat.objects.count() == 0


def test_a_failing_export_is_recorded_failed_by_the_worker(transactional_db, database_tasks, media):
    job = exports.request_export(kind="tests.broken", parameters={}, by=UserFactory())
    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.error) == (ExportStatus.FAILED, "RuntimeError: disk full")
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED"
    assert result.exception_class_path == "builtins.RuntimeError"


def test_with_the_database_the_retry_waits_its_backoff(transactional_db, database_tasks):
    sample_tasks.CALLS.clear()
    sample_tasks.flaky.enqueue("c", fail_times=1)
    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    failed = DBTaskResult.objects.get(status="FAILED")
    waiting = DBTaskResult.objects.get(status="READY")
    assert failed.exception_class_path == "builtins.ConnectionError"
    assert waiting.args_kwargs == {"args": ["c"], "kwargs": {"fail_times": 1, "retry_attempt": 2}}
    # Not before ten minutes after the failure: the worker's batch left it waiting.
    assert waiting.run_after >= failed.finished_at + dt.timedelta(minutes=10) - dt.timedelta(
        seconds=1
    )
    assert sample_tasks.CALLS == ["c"]


def test_a_retry_with_the_database_backend_leaves_a_new_task_waiting(
    transactional_db, database_tasks
):
    officer = UserFactory(is_secretariat=True)
    (failed,) = sample_tasks.failed_rows()
    client = Client()
    client.force_login(officer)
    client.post(reverse("core:task_retry", args=[failed.pk]))
    waiting = DBTaskResult.objects.get(status="READY")
    assert (waiting.task_path, waiting.args_kwargs) == (failed.task_path, failed.args_kwargs)
