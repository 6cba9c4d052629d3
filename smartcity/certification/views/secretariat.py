"""The secretariat's certificates: the list, one certificate with its history and its
status actions (suspend, reinstate, revoke), the batches' logo ceremonies, and the record
of areas certified before the platform (upload, preview, apply)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from smartcity.accounts.enums import OrganisationType
from smartcity.certification import history, selectors, services
from smartcity.certification.enums import CertificateStatus, EventKind, RecordQuality
from smartcity.certification.forms import (
    CeremonyForm,
    CertificateFilterForm,
    CertificateTransitionForm,
    HistoryUploadForm,
)
from smartcity.certification.models import Batch
from smartcity.certification.services import (
    CERTIFICATE_TRANSITIONS,
    ImportRefused,
)
from smartcity.core.enums import Domain
from smartcity.core.querystring import changed_query
from smartcity.core.views import flash_form_errors, gate, refusal_as_message

PAGE_SIZE = 25
PERMISSION = "certification.manage_certificates"

# What each action is called on its button, by the event it records.
ACTION_LABELS = {
    EventKind.SUSPENDED: gettext_lazy("Suspend"),
    EventKind.REINSTATED: gettext_lazy("Reinstate"),
    EventKind.REVOKED: gettext_lazy("Revoke"),
}


# Signed in (else the sign-in page) and allowed to manage certificates (else 403).
secretariat_only = gate(PERMISSION)


@require_safe
@secretariat_only
def certificate_list(request):
    """Every certificate, newest first; a fixed number of queries whatever the size."""
    form = CertificateFilterForm(request.GET or None, batches=selectors.batches())
    page = Paginator(selectors.certificates(form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for certificate in page.object_list:
        certificate.shown_status = certificate.display_status()
        certificate.shown_status_label = selectors.status_label(certificate.shown_status)
    return render(
        request,
        "certification/secretariat/certificates.html",
        {"form": form, "page": page, "page_query": changed_query(request, page=None)},
    )


def _actions(certificate) -> list[dict]:
    """The status actions open to the certificate now, each with its form."""
    actions = []
    for (from_status, to_status), event in CERTIFICATE_TRANSITIONS.items():
        if from_status != certificate.status:
            continue
        # One form per action on the page: the ids must differ, the field names not.
        form = CertificateTransitionForm(
            initial={"to_status": to_status}, auto_id=f"id_{to_status}_%s"
        )
        actions.append(
            {
                "to_status": to_status,
                "event": event,
                "label": ACTION_LABELS[event],
                "form": form,
                "danger": to_status == CertificateStatus.REVOKED,
            }
        )
    return actions


@require_safe
@secretariat_only
def certificate_detail(request, number: str):
    certificate = selectors.certificate_detail(number)
    if certificate is None:
        raise Http404
    status = certificate.display_status()
    return render(
        request,
        "certification/secretariat/certificate.html",
        {
            "certificate": certificate,
            "area": certificate.area,
            "history": certificate.events.all(),
            "status": status,
            "status_label": selectors.status_label(status),
            "status_event": selectors.status_event(certificate, status),
            "actions": _actions(certificate),
        },
    )


@require_POST
@secretariat_only
def certificate_transition(request, number: str):
    """Suspend, reinstate or revoke (the target status comes with the form)."""
    certificate = selectors.certificate_detail(number)
    if certificate is None:
        raise Http404
    form = CertificateTransitionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("certification:certificate", number=certificate.number)
    with refusal_as_message(request) as attempt:
        services.transition_certificate(
            certificate=certificate,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            meeting=form.cleaned_data["meeting"],
            on=form.cleaned_data["on"],
            by=request.user,
        )
    if attempt.succeeded:
        messages.success(
            request,
            _("The certificate is now “%(status)s”.")
            % {"status": CertificateStatus(form.cleaned_data["to_status"]).label},
        )
    return redirect("certification:certificate", number=certificate.number)


@require_safe
@secretariat_only
def batch_list(request):
    batches = [(batch, CeremonyForm(initial={"on": batch.logo_ceremony_on}, prefix=f"b{batch.pk}"))
               for batch in selectors.batches()]  # fmt: skip
    return render(request, "certification/secretariat/batches.html", {"batches": batches})


@require_POST
@secretariat_only
def batch_ceremony(request, pk: int):
    batch = get_object_or_404(Batch, pk=pk)
    form = CeremonyForm(request.POST, prefix=f"b{batch.pk}")
    if not form.is_valid():
        flash_form_errors(request, form, prefix=f"{batch.code}: ")
        return redirect("certification:batches")
    with refusal_as_message(request, prefix=f"{batch.code}: ") as attempt:
        updated = services.set_ceremony(batch=batch, on=form.cleaned_data["on"], by=request.user)
    if attempt.refused:
        return redirect("certification:batches")
    messages.success(
        request,
        ngettext(
            "Logo ceremony of batch %(code)s recorded for %(n)d area.",
            "Logo ceremony of batch %(code)s recorded for %(n)d areas.",
            updated,
        )
        % {"code": batch.code, "n": updated},
    )
    return redirect("certification:batches")


# History: areas certified before the platform ----------------------------------------

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
            "columns": history.COLUMNS,
            "domains": Domain.choices,
            "proponent_types": OrganisationType.choices,
            "qualities": RecordQuality.choices,
            "max_kb": history.MAX_BYTES // 1024,
            "max_rows": history.MAX_ROWS,
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
    read = None
    if upload.size > history.MAX_BYTES:
        problems = [history.file_too_big(upload.size)]
    else:
        text, problems = history.decode(upload.read())
        if text is not None:
            read = history.read(text)
            problems = read.problems
    if problems:
        return _history_page(request, form=form, problems=problems, filename=upload.name)
    request.session[STAGED] = {
        "filename": upload.name[:200],
        "digest": history.digest(read.records),
        "records": history.records_to_session(read.records),
        "headers": read.headers,
    }
    return redirect("certification:history_preview")


def _staged(request):
    staged = request.session.get(STAGED)
    if not staged:
        return None
    records = history.records_from_session(staged["records"])
    if history.digest(records) != staged["digest"]:
        return None
    return staged["filename"], staged["digest"], records, staged.get("headers", {})


@require_safe
@secretariat_only
def history_preview(request):
    """The rows waiting to be applied, as they will be recorded. A fixed number of
    queries whatever the number of rows."""
    staged = _staged(request)
    if staged is None:
        messages.info(request, _("No file waits to be applied; upload one."))
        return redirect("certification:history")
    filename, digest, records, _headers = staged
    preview = history.preview(records, request.LANGUAGE_CODE)
    return render(
        request,
        "certification/secretariat/history_preview.html",
        {"filename": filename, "digest": digest, **preview},
    )


@require_POST
@secretariat_only
def history_apply(request):
    """Record the previewed rows in one transaction (services.record_certified_areas)."""
    posted = request.POST.get("digest", "")
    staged = _staged(request)
    if staged is None or staged[1] != posted:
        if posted and history.already_applied(posted):
            messages.info(request, _("This file has already been recorded; nothing was added."))
        else:
            messages.error(
                request, _("The file you previewed is no longer waiting; upload it again.")
            )
        return redirect("certification:history")
    filename, digest, records, headers = staged
    try:
        report = services.record_certified_areas(
            records=records, source=filename, file_digest=digest, headers=headers, by=request.user
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
    response = HttpResponse(history.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="certified-areas-template.csv"'
    return response
