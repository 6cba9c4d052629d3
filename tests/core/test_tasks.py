"""Retries with backoff (core.tasks.retrying) and the secretariat's page of failed and
running background work, with its audited retry."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from smartcity.core.models import AuditEntry, WorkerHeartbeat
from tests.accounts.factories import UserFactory
from tests.core import sample_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calls():
    sample_tasks.CALLS.clear()


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_task_retries_until_it_succeeds():
    result = sample_tasks.flaky.enqueue("a", fail_times=1)
    assert sample_tasks.CALLS == ["a", "a"]
    # The first attempt is recorded as failed; its retry ran (at once, with this backend).
    assert result.status == "FAILED"


def test_a_task_gives_up_after_its_attempts():
    sample_tasks.flaky.enqueue("b", fail_times=99)
    assert sample_tasks.CALLS == ["b", "b", "b"]


@pytest.mark.parametrize(("persona", "expected"), [("anonymous", 302), ("applicant", 403)])
def test_the_page_is_the_secretariats(persona, expected):
    user = None if persona == "anonymous" else UserFactory()
    assert _client(user).get(reverse("core:tasks")).status_code == expected


def test_the_secretariat_sees_the_error_but_not_the_traceback(secretariat):
    sample_tasks.failed_rows()
    response = secretariat.get(reverse("core:tasks"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "tests.core.sample_tasks.broken" in html
    assert "ValueError: no such row: 12" in html
    assert "secret_local_variable" not in html


def test_an_admin_sees_the_traceback(admin):
    sample_tasks.failed_rows()
    assert "secret_local_variable" in admin.get(reverse("core:tasks")).content.decode()


def test_running_tasks_are_listed_apart(secretariat):
    sample_tasks.failed_rows()
    running = DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="smartcity.core.exports.run_export",
        queue_name="exports",
        backend_name="default",
        run_after=get_date_max(),
        started_at=timezone.now(),
    )
    response = secretariat.get(reverse("core:tasks"), {"status": "running"})
    assert [r.pk for r in response.context["page"].object_list] == [running.pk]


def test_a_task_left_running_by_a_stopped_worker_is_flagged(secretariat):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="alive", hostname="h", pid=1, queues="*", started_at=now, seen_at=now
    )
    for worker in ("alive", "killed"):
        DBTaskResult.objects.create(
            status="RUNNING",
            args_kwargs={"args": [], "kwargs": {}},
            task_path="smartcity.core.exports.run_export",
            queue_name="exports",
            backend_name="default",
            run_after=get_date_max(),
            started_at=now,
            worker_ids=[worker],
        )
    response = secretariat.get(reverse("core:tasks"), {"status": "running"})
    flags = {r.worker_ids[-1]: r.stalled for r in response.context["page"].object_list}
    assert flags == {"alive": False, "killed": True}
    assert response.content.decode().count('data-testid="task-stalled"') == 1


def test_a_retry_enqueues_the_task_again_once_and_is_audited(secretariat, secretariat_user):
    (failed,) = sample_tasks.failed_rows()
    response = secretariat.post(reverse("core:task_retry", args=[failed.pk]), follow=True)
    assert response.status_code == 200
    # Immediate backend in tests: the new attempt ran at once (and failed again, here).
    assert DBTaskResult.objects.count() == 1  # the immediate backend keeps no row
    entry = AuditEntry.objects.get(action="core.task.retried")
    assert (entry.actor, entry.target_id) == (secretariat_user, str(failed.pk))
    assert response.context["page"].object_list[0].retried is True
    again = secretariat.post(reverse("core:task_retry", args=[failed.pk]), follow=True)
    assert [str(m) for m in again.context["messages"]] == [
        "งานนี้ได้สั่งให้ทำใหม่ไปแล้ว",
    ]
    assert AuditEntry.objects.filter(action="core.task.retried").count() == 1


def test_a_retry_needs_post_and_a_known_task(secretariat):
    (failed,) = sample_tasks.failed_rows()
    assert secretariat.get(reverse("core:task_retry", args=[failed.pk])).status_code == 405
    assert secretariat.post(reverse("core:task_retry", args=[uuid.uuid4()])).status_code == 404
    assert secretariat.get("/secretariat/background/not-a-uuid/retry").status_code == 404


@pytest.mark.parametrize("size", [1, 12])
def test_the_page_reads_in_a_constant_number_of_queries(
    secretariat, size, django_assert_num_queries
):
    sample_tasks.failed_rows(size)
    secretariat.get(reverse("core:tasks"))  # the session and user, once
    # session, user, its two permission sets (the gate), count, the page of rows, the
    # retried audit rows, the workers, and the menu's reviewer, committee seat and unread
    # notifications
    with django_assert_num_queries(11):
        response = secretariat.get(reverse("core:tasks"))
    assert len(response.context["page"].object_list) == size
