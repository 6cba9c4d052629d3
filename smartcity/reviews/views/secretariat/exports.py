"""The exports of a phase (CSV, XLSX)."""

import tempfile

from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from smartcity.core import audit
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
    scope = f"phase-{phase.pk}" if phase else "all-phases"
    return f"evaluation-{scope}-{timezone.localdate().isoformat()}.{extension}"


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
