"""Tasks for the tests of core.tasks: one that fails a given number of times first, one
that always fails, and failed rows of the latter as the worker leaves them."""

import datetime as dt

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult, get_date_max

from smartcity.core.tasks import retrying

CALLS: list[str] = []


@task()
@retrying(attempts=3, first_delay=dt.timedelta(minutes=10), retry_on=(ConnectionError,))
def flaky(key: str, fail_times: int) -> int:
    CALLS.append(key)
    if CALLS.count(key) <= fail_times:
        raise ConnectionError("mail server down")
    return CALLS.count(key)


@task()
def broken(key: str) -> None:
    raise ValueError(f"no such row: {key}")


TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "/srv/smartcity/core/mail.py", line 12, in send\n'
    "    secret_local_variable = 1\n"
    "ValueError: no such row: 12\n"
)


def failed_rows(n: int = 1, *, key: str = "12") -> list[DBTaskResult]:
    now = timezone.now()
    return [
        DBTaskResult.objects.create(
            status="FAILED",
            args_kwargs={"args": [], "kwargs": {"key": f"{key}-{i}"}},
            task_path="tests.core.sample_tasks.broken",
            queue_name="default",
            backend_name="default",
            run_after=get_date_max(),
            started_at=now,
            finished_at=now,
            worker_ids=["w"],
            exception_class_path="builtins.ValueError",
            traceback=TRACEBACK,
        )
        for i in range(n)
    ]
