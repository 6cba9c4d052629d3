"""The background worker's heartbeat: while `manage.py run_worker` runs, a thread writes
the worker's row (`WorkerHeartbeat`: its id, host, process and the time) every
HEARTBEAT_SECONDS, also while a long task runs; /readyz calls the workers alive when a row
is younger than STALE_AFTER. A worker that stops cleanly deletes its row; one that is
killed leaves a row that goes stale."""

import datetime as dt
import logging
import os
import socket
import threading

from django.db import DatabaseError, connection
from django.utils import timezone

from smartcity.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
# Six missed beats: a busy database may delay one or two, not six.
STALE_AFTER = dt.timedelta(seconds=30)
# Rows of workers killed long ago are removed by the next worker's beat.
FORGET_AFTER = dt.timedelta(days=1)


def beat(*, worker_id: str, queues: str, started_at: dt.datetime) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "seen_at": now,
            "started_at": started_at,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "queues": queues[:200],
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def fresh_workers(now: dt.datetime | None = None):
    """Workers whose last beat is younger than STALE_AFTER."""
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(seen_at__gte=now - STALE_AFTER)


class Heartbeat:
    """Beats on a daemon thread (its own database connection) until stop()."""

    def __init__(self, *, worker_id: str, queues: str, interval: float = HEARTBEAT_SECONDS):
        self.worker_id = worker_id
        self.queues = queues
        self.interval = interval
        self.started_at = timezone.now()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        # The first beat before any task is taken, on the caller's thread: a worker that
        # cannot write its heartbeat cannot write its results either, so it fails loudly.
        beat(worker_id=self.worker_id, queues=self.queues, started_at=self.started_at)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stopped.wait(self.interval):
                try:
                    beat(worker_id=self.worker_id, queues=self.queues, started_at=self.started_at)
                except DatabaseError:  # a locked SQLite file or a blip: the next beat retries
                    logger.warning("Worker %s could not write its heartbeat", self.worker_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=self.interval + 1)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:  # going away anyway: the row goes stale
            logger.warning("Worker %s could not remove its heartbeat", self.worker_id)
