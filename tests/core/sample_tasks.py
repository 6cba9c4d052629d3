"""Tasks for the tests of core.tasks: one that fails a given number of times first."""

import datetime as dt

from django_tasks import task

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
