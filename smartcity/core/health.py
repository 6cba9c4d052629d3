"""Health and readiness, for load balancers, orchestrators and people on call.

- /healthz: the process answers (touches nothing else: a database outage must not make
  every web process look dead and get restarted).
- /readyz: ready for traffic and for background work: the database answers a query, every
  migration is applied, and a worker's heartbeat is fresh (core.worker). JSON with each
  check; 503 when one fails. It names no person and no data: only the checks' outcomes.
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend

from smartcity.core import worker

OK, FAILED, SKIPPED = "ok", "failed", "skipped"


def check_database() -> tuple[str, str]:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return FAILED, type(error).__name__
    return OK, ""


def check_migrations() -> tuple[str, str]:
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return FAILED, type(error).__name__
    if plan:
        return FAILED, f"{len(plan)} unapplied"
    return OK, ""


def check_worker() -> tuple[str, str]:
    """A fresh heartbeat, when tasks go through the database; with the immediate backend
    tasks run inside the request and no worker is needed."""
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return SKIPPED, "tasks run immediately"
    try:
        alive = worker.fresh_workers().count()
    except DatabaseError as error:
        return FAILED, type(error).__name__
    if not alive:
        return FAILED, "no fresh heartbeat"
    return OK, f"{alive} alive"


CHECKS = {"database": check_database, "migrations": check_migrations, "worker": check_worker}


@never_cache
@require_safe
def healthz(request):
    """The process is up and answers."""
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def readyz(request):
    checks = {}
    for name, check in CHECKS.items():
        status, detail = check()
        checks[name] = {"status": status, **({"detail": detail} if detail else {})}
    ready = all(c["status"] != FAILED for c in checks.values())
    return JsonResponse(
        {"status": OK if ready else FAILED, "checks": checks}, status=200 if ready else 503
    )
