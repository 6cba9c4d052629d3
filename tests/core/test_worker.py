"""The worker for real: tasks enqueued in the database and run by `manage.py run_worker`
in this process (its --batch mode), with the heartbeat it writes."""

import pytest
from django.core.management import call_command

from smartcity.core import exports
from smartcity.core.enums import ExportStatus
from smartcity.core.models import WorkerHeartbeat
from smartcity.core.worker import Heartbeat, fresh_workers
from tests.accounts.factories import UserFactory
from tests.core import sample_exports  # noqa: F401 (registers the sample export kinds)


@pytest.mark.django_db
def test_a_heartbeat_writes_the_workers_row_and_removes_it_when_stopped():
    heartbeat = Heartbeat(worker_id="worker-a", queues="*", interval=60)
    heartbeat.start()
    row = WorkerHeartbeat.objects.get()
    assert (row.worker_id, row.queues) == ("worker-a", "*")
    assert list(fresh_workers()) == [row]
    heartbeat.stop()
    assert WorkerHeartbeat.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_an_export_waits_in_the_database_until_the_worker_runs_it(database_tasks, media):
    from django_tasks_db.models import DBTaskResult

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


@pytest.mark.django_db(transaction=True)
def test_a_failing_export_is_recorded_failed_by_the_worker(database_tasks, media):
    from django_tasks_db.models import DBTaskResult

    job = exports.request_export(kind="tests.broken", parameters={}, by=UserFactory())
    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.error) == (ExportStatus.FAILED, "RuntimeError: disk full")
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED"
    assert result.exception_class_path == "builtins.RuntimeError"
