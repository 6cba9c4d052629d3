"""The secretariat's page of background work: tasks that failed and tasks running now
(django_tasks_db's DBTaskResult), with a retry that enqueues a failed task again.

It shows the task, when, the attempts, the error's class and its message; the traceback
only to admins (it may quote data and shows the code's insides)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from smartcity.core.models import AuditEntry
from smartcity.core.tasks import RETRIED, TARGET_TYPE, attempt_of, error_message, retry_task
from smartcity.core.views import gate, refusal_as_message
from smartcity.core.worker import fresh_workers

PAGE_SIZE = 50
secretariat_only = gate("core.manage_background_work")
SHOWN = {"failed": "FAILED", "running": "RUNNING"}


@require_safe
@secretariat_only
def task_list(request):
    shown = request.GET.get("status", "failed")
    if shown not in SHOWN:
        shown = "failed"
    database = isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)
    results = (
        DBTaskResult.objects.filter(status=SHOWN[shown])
        .defer("return_value")
        .order_by("-finished_at" if shown == "failed" else "-started_at", "-enqueued_at")
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    workers = list(fresh_workers().order_by("worker_id"))
    alive = {w.worker_id for w in workers}
    retried = set(
        AuditEntry.objects.filter(
            action=RETRIED,
            target_type=TARGET_TYPE,
            target_id__in=[str(r.pk) for r in page.object_list],
        ).values_list("target_id", flat=True)
    )
    for result in page.object_list:
        # A task left running by a worker that has stopped beating (killed mid-task)
        # will never finish by itself.
        result.stalled = shown == "running" and (result.worker_ids or [""])[-1] not in alive
        result.error_message = error_message(result)
        result.attempt = attempt_of(result)
        result.retried = str(result.pk) in retried
    return render(
        request,
        "core/tasks.html",
        {
            "page": page,
            "shown": shown,
            "database": database,
            "workers": workers,
            "show_traceback": request.user.is_superuser,
            "page_query": f"status={shown}",
        },
    )


@require_POST
@secretariat_only
def retry(request, pk):
    result = get_object_or_404(DBTaskResult, pk=pk)
    with refusal_as_message(request) as attempt:
        retry_task(result=result, by=request.user)
    if attempt.succeeded:
        messages.success(request, _("The task was enqueued again."))
    return redirect("core:tasks")
