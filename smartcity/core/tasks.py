"""Helpers for background tasks (Django's tasks API, django-tasks): retries with backoff.

A task that talks to something that may be down for a while (a mail server, a remote
service) retries itself:

    @task(queue_name="mail")
    @retrying(attempts=5, first_delay=dt.timedelta(minutes=1))
    def send_something(pk: int) -> None: ...

When the function raises, the attempt is recorded as failed (the worker's DBTaskResult
row, with its error) and, unless it was the last, a new attempt is enqueued to run after
first_delay, then twice that, and so on (1, 2, 4, 8 minutes). The attempt number travels
as the keyword argument `retry_attempt`, so the secretariat's page of failed work shows it.
With a backend that cannot defer (the immediate one of the tests) the next attempt runs at
once.
"""

import datetime as dt
import logging
from functools import wraps

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from smartcity.core import audit
from smartcity.core.errors import ActionRefused
from smartcity.core.models import AuditEntry

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "retry_attempt"
RETRIED = "core.task.retried"
TARGET_TYPE = DBTaskResult._meta.label_lower


def retry_delay(first_delay: dt.timedelta, attempt: int) -> dt.timedelta:
    """The wait before attempt `attempt + 1`: doubling from `first_delay`."""
    return first_delay * 2 ** (attempt - 1)


def retrying(
    *,
    attempts: int = 5,
    first_delay: dt.timedelta = dt.timedelta(minutes=1),
    retry_on: tuple[type[BaseException], ...] = (Exception,),
):
    """Decorate a task's function (under @task) so that it retries with backoff, at most
    `attempts` times in all, on the exceptions in `retry_on`."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")

    def decorate(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
            try:
                return func(*args, **kwargs)
            except retry_on as error:
                if attempt >= attempts:
                    logger.error(
                        "Task %s failed for good after %d attempts: %s",
                        func.__qualname__,
                        attempt,
                        type(error).__name__,
                    )
                    raise
                # The Task object stands where the decorated function was defined.
                task = import_string(f"{func.__module__}.{func.__qualname__}")
                delay = retry_delay(first_delay, attempt)
                if task.get_backend().supports_defer:
                    task = task.using(run_after=timezone.now() + delay)
                logger.warning(
                    "Task %s attempt %d of %d failed (%s); retrying in %s",
                    func.__qualname__,
                    attempt,
                    attempts,
                    type(error).__name__,
                    delay,
                )
                task.enqueue(*args, **kwargs, **{ATTEMPT_KWARG: attempt + 1})
                raise

        return wrapper

    return decorate


class RetryRefused(ActionRefused):
    pass


def error_message(result: DBTaskResult) -> str:
    """The last line of the traceback: the error's class and its message."""
    lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def attempt_of(result: DBTaskResult) -> int:
    """The attempt this row was: a retrying task carries it (core.tasks), a retry by
    hand makes a new row, so each row is one attempt of its own count."""
    kwargs = (result.args_kwargs or {}).get("kwargs", {})
    return int(kwargs.get(ATTEMPT_KWARG, 1))


def retry_task(*, result: DBTaskResult, by):
    """Enqueue a failed task again with its arguments; once per failed row.

    Side effects, in order: the failed row is locked (two officers pressing retry at once
    must not enqueue it twice: the second finds the audit row and is refused); the new
    task (returned: its TaskResult); an audit row `core.task.retried` naming both."""
    with transaction.atomic():
        result = DBTaskResult.objects.select_for_update().get(pk=result.pk)
        if result.status != "FAILED":
            raise RetryRefused(_("Only a failed task can be tried again."))
        if AuditEntry.objects.filter(
            action=RETRIED, target_type=TARGET_TYPE, target_id=str(result.pk)
        ).exists():
            raise RetryRefused(_("This task has already been tried again."))
        arguments = result.args_kwargs
        again = result.task.enqueue(*arguments["args"], **arguments["kwargs"])
        audit.record(
            action=RETRIED,
            by=by,
            target=result,
            before={"status": result.status, "task": result.task_path},
            after={"new_task": str(again.id)},
        )
    return again
