"""The exports of a phase (CSV, XLSX): asked for in the background from the board, or\ndownloaded directly (streamed) by the GET addresses, for scripts and small phases."""

import tempfile

from django.http import HttpResponseBadRequest
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from smartcity.core import audit
from smartcity.core.export_views import start_export
from smartcity.core.spreadsheets import csv_response, in_language, xlsx_response
from smartcity.reviews import exports
from smartcity.reviews.models import (
    ReviewPhase,
)
from smartcity.reviews.views.secretariat.common import (
    phase_from,
    secretariat_only,
)

# Exports ------------------------------------------------------------------------------------


def _filename(phase: ReviewPhase | None, extension: str) -> str:
    return exports.filename(phase, extension)


KINDS = {"csv": exports.CSV_EXPORT.name, "xlsx": exports.XLSX_EXPORT.name}


@require_POST
@secretariat_only
def export_request(request):
    """The board's buttons: the file is made by the background worker, and the officer
    waits on its page (progress, then the file) instead of on an open request."""
    phase = phase_from(request.POST)
    kind = KINDS.get(request.POST.get("format", ""))
    if kind is None:
        return HttpResponseBadRequest("format must be csv or xlsx")
    parameters = {"phase": phase.pk if phase else None}
    return start_export(request, kind=kind, parameters=parameters, fallback="reviews:board")


@require_safe
@secretariat_only
def export_csv(request):
    """Streamed: the first rows leave while the last are read, in the reader's language."""
    phase = phase_from(request.GET)
    lines = in_language(exports.reviews_csv(phase), get_language())
    filename = _filename(phase, "csv")
    audit.record_download(
        action="reviews.export.downloaded", by=request.user, target=phase, filename=filename
    )
    return csv_response(lines, filename=filename)


@require_safe
@secretariat_only
def export_xlsx(request):
    """Written to a temporary file (a workbook is a zip, finished before it can be read),
    then streamed from it."""
    phase = phase_from(request.GET)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    exports.reviews_xlsx(phase, out)
    out.seek(0)
    filename = _filename(phase, "xlsx")
    audit.record_download(
        action="reviews.export.downloaded", by=request.user, target=phase, filename=filename
    )
    return xlsx_response(out, filename=filename)
