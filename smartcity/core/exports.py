"""Files made in the background: a long export runs as a task and shows its progress,
instead of holding a request open for half a minute.

An app registers each kind of file it can make, in its own `exports.py` (discovered here,
like the scheduled jobs):

    export_kind(
        "reviews.csv",
        title=_("Evaluation results (CSV)"),
        extension="csv",
        permission="reviews.manage_evaluation",   # who may ask (a rule); None: anyone signed in
        filename=lambda parameters: "evaluation.csv",
        write=write_reviews_csv,                  # write(parameters, out, progress)
    )

A view calls `request_export(kind=..., parameters=..., by=request.user)`, which records an
`ExportJob` and, after the commit, enqueues `run_export` on the "exports" queue; the
person is sent to the job's page, which polls its progress and offers the file when it is
ready. The writer writes bytes to `out` (a temporary file: rows go to disk as they are
made, so memory stays flat) and calls `progress.total(n)` once and `progress.advance()`
per row. The finished file is saved in the default storage under exports/, and
`prune_exports` (a scheduled job, core.jobs) deletes files older than KEEP_FOR.

Who sees a job and its file: the person who asked, and the secretariat (the rule
`core.view_export`).
"""

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import BinaryIO

from django.apps import apps
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from smartcity.core import audit
from smartcity.core.enums import ExportStatus
from smartcity.core.errors import ActionRefused
from smartcity.core.models import ExportJob

logger = logging.getLogger(__name__)

# Files are kept this long after they are made, then pruned (the job row stays, expired).
KEEP_FOR = dt.timedelta(days=7)
# How many progress writes a job makes at most: one every 1% of its rows.
PROGRESS_STEPS = 100

TRANSITIONS = {
    ExportStatus.QUEUED: {ExportStatus.RUNNING, ExportStatus.FAILED},
    # A failed job may run again: the secretariat retries its task (core.task_views).
    ExportStatus.FAILED: {ExportStatus.RUNNING},
    ExportStatus.RUNNING: {ExportStatus.READY, ExportStatus.FAILED},
    ExportStatus.READY: {ExportStatus.EXPIRED},
    ExportStatus.EXPIRED: set(),
}


class ExportRefused(ActionRefused):
    pass


@dataclass(frozen=True)
class ExportKind:
    name: str
    title: str
    extension: str
    content_type: str
    permission: str | None
    filename: Callable[[dict], str]
    write: Callable[[dict, BinaryIO, "Progress"], None]


_kinds: dict[str, ExportKind] = {}


def export_kind(
    name: str,
    *,
    title,
    extension: str,
    content_type: str,
    permission: str | None,
    filename: Callable[[dict], str],
    write: Callable[[dict, BinaryIO, "Progress"], None],
) -> ExportKind:
    kind = ExportKind(name, title, extension, content_type, permission, filename, write)
    if name in _kinds and _kinds[name].write is not write:
        raise ValueError(f"An export kind named {name!r} is already registered.")
    _kinds[name] = kind
    return kind


def discover() -> None:
    """Import every installed app's `exports` module (where its export kinds live)."""
    for config in apps.get_app_configs():
        if config.name.startswith("smartcity.") and config.label != "core":
            try:
                import_module(f"{config.name}.exports")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.exports":
                    raise


def kind_named(name: str) -> ExportKind:
    if name not in _kinds:
        discover()
    return _kinds[name]


class Progress:
    """What a writer reports: the number of rows in all, then each row written. Writes
    to the job's row at most PROGRESS_STEPS times, whatever the size."""

    def __init__(self, job: ExportJob):
        self.job = job
        self.done = 0
        self._step = 1
        self._next = 1

    def total(self, total: int) -> None:
        self._step = max(1, total // PROGRESS_STEPS)
        self._next = self._step
        ExportJob.objects.filter(pk=self.job.pk).update(total=total)

    def advance(self, rows: int = 1) -> None:
        self.done += rows
        if self.done >= self._next:
            self._next = self.done + self._step
            ExportJob.objects.filter(pk=self.job.pk).update(done=self.done)

    def counted(self, rows):
        """`rows` passed through, each one counted as it is read."""
        for row in rows:
            yield row
            self.advance()


def may_request(user, kind: ExportKind) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return kind.permission is None or user.has_perm(kind.permission)


def request_export(*, kind: str, parameters: dict, by, language: str | None = None) -> ExportJob:
    """Record that `by` asks for a file of `kind` made with `parameters` (JSON values) in
    `language`, and enqueue its task after the commit. The same person asking again for
    the same file while it is still being made gets the same job, not a second one.

    Side effects, in order: the job row; an audit row (`core.export.requested`); after the
    commit, the task on the "exports" queue."""
    export = kind_named(kind)
    if not may_request(by, export):
        raise ExportRefused(_("You may not ask for this file."))
    language = language or translation.get_language()
    with transaction.atomic():
        waiting = (
            ExportJob.objects.filter(
                requested_by=by,
                kind=kind,
                language=language,
                status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING],
            )
            .order_by("-created_at")
            .first()
        )
        if waiting is not None and waiting.parameters == parameters:
            return waiting
        job = ExportJob.objects.create(
            kind=kind,
            parameters=parameters,
            language=language,
            requested_by=by,
            filename=export.filename(parameters),
        )
        audit.record(
            action="core.export.requested",
            by=by,
            target=job,
            after={"kind": kind, "parameters": parameters},
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    result = run_export.enqueue(job_id)
    ExportJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id))


def _move(job: ExportJob, to: ExportStatus, **fields) -> None:
    """The one writer of ExportJob.status."""
    if to not in TRANSITIONS[ExportStatus(job.status)]:
        raise ExportRefused(
            _("This file cannot go from “%(from)s” to “%(to)s”.")
            % {"from": job.get_status_display(), "to": to.label}
        )
    job.status = to
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["status", *fields])


@task(queue_name="exports")
def run_export(job_id: int) -> dict:
    """Write the job's file through its kind's writer, in the language it was asked in,
    then save it. A writer's failure marks the job failed (its error class and message,
    for the person waiting) and is raised again, so the task is recorded as failed too."""
    job = ExportJob.objects.get(pk=job_id)
    if job.status in {ExportStatus.READY, ExportStatus.EXPIRED}:
        return {"status": job.status}  # already made (a task run twice)
    _move(job, ExportStatus.RUNNING, started_at=timezone.now(), done=0, error="")
    export = kind_named(job.kind)
    try:
        with tempfile.TemporaryFile() as out, translation.override(job.language):
            export.write(job.parameters, out, Progress(job))
            out.seek(0)
            job.refresh_from_db(fields=["done", "total"])
            job.file.save(f"{job.pk}-{job.filename}", File(out), save=False)
    except Exception as error:
        _move(
            job,
            ExportStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    _move(job, ExportStatus.READY, finished_at=timezone.now(), file=job.file.name)
    return {"status": job.status, "rows": job.done}


def prune_exports(*, now: dt.datetime | None = None) -> int:
    """Delete the files of jobs finished more than KEEP_FOR ago; their rows stay, expired
    (so an old link says the file has expired). Returns how many files were removed."""
    now = now or timezone.now()
    old = ExportJob.objects.filter(status=ExportStatus.READY, finished_at__lt=now - KEEP_FOR)
    removed = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        _move(job, ExportStatus.EXPIRED, file="")
        removed += 1
    return removed
