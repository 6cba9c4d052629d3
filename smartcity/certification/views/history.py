"""The record of areas certified before the platform, for the secretariat: the upload
with what the file must hold, the preview of the rows as they will be recorded, applying
or discarding them, and the empty template."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from smartcity.accounts.enums import OrganisationType
from smartcity.certification.enums import RecordQuality
from smartcity.certification.forms import HistoryUploadForm
from smartcity.certification.history.columns import COLUMNS, template_csv
from smartcity.certification.history.database import already_applied
from smartcity.certification.history.preview import preview
from smartcity.certification.history.reading import MAX_BYTES, MAX_ROWS, decode, file_too_big, read
from smartcity.certification.history.records import (
    digest,
    records_from_session,
    records_to_session,
)
from smartcity.certification.services.history import ImportRefused, record_certified_areas
from smartcity.certification.views.secretariat import secretariat_only
from smartcity.core.enums import Domain

# The rows read from the uploaded file wait here between the preview and the apply, with
# their fingerprint: what is applied is exactly what was previewed.
STAGED = "certification.history.staged"


def _history_page(request, *, form, problems=(), filename=""):
    return render(
        request,
        "certification/secretariat/history.html",
        {
            "form": form,
            "problems": problems,
            "filename": filename,
            "columns": COLUMNS,
            "domains": Domain.choices,
            "proponent_types": OrganisationType.choices,
            "qualities": RecordQuality.choices,
            "max_kb": MAX_BYTES // 1024,
            "max_rows": MAX_ROWS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@secretariat_only
def history_upload(request):
    """The upload form and what the file must hold; a POST reads and checks the file and,
    if every row is good, keeps the rows for the preview (nothing is written yet)."""
    if request.method != "POST":
        return _history_page(request, form=HistoryUploadForm())
    form = HistoryUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _history_page(request, form=form)
    upload = form.cleaned_data["file"]
    read_file = None
    if upload.size > MAX_BYTES:
        problems = [file_too_big(upload.size)]
    else:
        text, problems = decode(upload.read())
        if text is not None:
            read_file = read(text)
            problems = read_file.problems
    if problems:
        return _history_page(request, form=form, problems=problems, filename=upload.name)
    request.session[STAGED] = {
        "filename": upload.name[:200],
        "digest": digest(read_file.records),
        "records": records_to_session(read_file.records),
        "headers": read_file.headers,
    }
    return redirect("certification:history_preview")


def _staged(request):
    staged = request.session.get(STAGED)
    if not staged:
        return None
    rows = records_from_session(staged["records"])
    if digest(rows) != staged["digest"]:
        return None
    return staged["filename"], staged["digest"], rows, staged.get("headers", {})


@require_safe
@secretariat_only
def history_preview(request):
    """The rows waiting to be applied, as they will be recorded. A fixed number of
    queries whatever the number of rows."""
    staged = _staged(request)
    if staged is None:
        messages.info(request, _("No file waits to be applied; upload one."))
        return redirect("certification:history")
    filename, file_digest, records, _headers = staged
    rows = preview(records, request.LANGUAGE_CODE)
    return render(
        request,
        "certification/secretariat/history_preview.html",
        {"filename": filename, "digest": file_digest, **rows},
    )


@require_POST
@secretariat_only
def history_apply(request):
    """Record the previewed rows in one transaction (services.history.record_certified_areas)."""
    posted = request.POST.get("digest", "")
    staged = _staged(request)
    if staged is None or staged[1] != posted:
        if posted and already_applied(posted):
            messages.info(request, _("This file has already been recorded; nothing was added."))
        else:
            messages.error(
                request, _("The file you previewed is no longer waiting; upload it again.")
            )
        return redirect("certification:history")
    filename, file_digest, records, headers = staged
    try:
        report = record_certified_areas(
            records=records,
            source=filename,
            file_digest=file_digest,
            headers=headers,
            by=request.user,
        )
    except ImportRefused as refused:
        del request.session[STAGED]
        return _history_page(
            request, form=HistoryUploadForm(), problems=refused.found, filename=filename
        )
    del request.session[STAGED]
    messages.success(
        request,
        _(
            "Recorded from %(file)s: %(created)d areas added, %(updated)d updated, "
            "%(unchanged)d already on record."
        )
        % {
            "file": filename,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return redirect("certification:history")


@require_POST
@secretariat_only
def history_discard(request):
    request.session.pop(STAGED, None)
    messages.info(request, _("The file was set aside; nothing was recorded."))
    return redirect("certification:history")


@require_safe
@secretariat_only
def history_template(request):
    """The empty CSV template, with the Thai headers."""
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="certified-areas-template.csv"'
    return response
