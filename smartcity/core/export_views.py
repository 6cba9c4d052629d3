"""The page of a file being made in the background (core.exports): its progress, polled
by htmx until it is finished, then the file. Seen by whoever asked and by the secretariat
(`core.view_export`); anyone else gets 404, as if the export did not exist."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from smartcity.core import exports
from smartcity.core.enums import ExportStatus
from smartcity.core.models import ExportJob
from smartcity.core.views import refusal_as_message

# How often the page asks for news while the file is being made.
POLL_SECONDS = 2


def get_export_for(user, pk: int) -> ExportJob:
    """The job with the access decision: 404 unless `user` may see it."""
    job = get_object_or_404(ExportJob.objects.select_related("requested_by"), pk=pk)
    if not user.has_perm("core.view_export", job):
        raise Http404
    return job


def _context(job: ExportJob) -> dict:
    kind = exports.kind_named(job.kind)
    return {"job": job, "kind": kind, "poll_seconds": POLL_SECONDS}


@require_safe
@login_required
def export_detail(request, pk: int):
    job = get_export_for(request.user, pk)
    return render(request, "core/export_detail.html", _context(job))


@require_safe
@login_required
def export_progress(request, pk: int):
    """The progress block alone (htmx): it carries its own polling trigger while the job
    is unfinished, and none once it is, so the polling stops by itself."""
    job = get_export_for(request.user, pk)
    return render(request, "core/_export_progress.html", _context(job))


@require_safe
@login_required
def export_file(request, pk: int):
    job = get_export_for(request.user, pk)
    if job.status != ExportStatus.READY or not job.file:
        raise Http404
    kind = exports.kind_named(job.kind)
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def start_export(request, *, kind: str, parameters: dict, fallback: str):
    """For the owning app's POST view: ask for the file and go to its page; a refusal is
    shown as a message on `fallback` (the page the request came from)."""
    with refusal_as_message(request) as attempt:
        job = exports.request_export(kind=kind, parameters=parameters, by=request.user)
    if attempt.refused:
        return redirect(fallback)
    return redirect("core:export", pk=job.pk)
