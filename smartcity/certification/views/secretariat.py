"""The secretariat's certificates: the list, one certificate with its history and its
status actions (suspend, reinstate, revoke), and the batches' logo ceremonies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from smartcity.certification import selectors, services
from smartcity.certification.enums import CertificateStatus, EventKind
from smartcity.certification.forms import (
    CeremonyForm,
    CertificateFilterForm,
    CertificateTransitionForm,
)
from smartcity.certification.models import Batch
from smartcity.certification.services import CERTIFICATE_TRANSITIONS, CertificationError
from smartcity.core.querystring import changed_query

PAGE_SIZE = 25
PERMISSION = "certification.manage_certificates"

# What each action is called on its button, by the event it records.
ACTION_LABELS = {
    EventKind.SUSPENDED: gettext_lazy("Suspend"),
    EventKind.REINSTATED: gettext_lazy("Reinstate"),
    EventKind.REVOKED: gettext_lazy("Revoke"),
}


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@require_safe
@login_required
def certificate_list(request):
    """Every certificate, newest first; a fixed number of queries whatever the size."""
    _check(request)
    form = CertificateFilterForm(request.GET or None, batches=selectors.batches())
    page = Paginator(selectors.certificates(form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for area in page.object_list:
        area.shown_status = area.display_status()
        area.shown_status_label = selectors.status_label(area.shown_status)
    return render(
        request,
        "certification/secretariat/certificates.html",
        {"form": form, "page": page, "page_query": changed_query(request, page=None)},
    )


def _actions(area) -> list[dict]:
    """The status actions open to the certificate now, each with its form."""
    actions = []
    for (from_status, to_status), event in CERTIFICATE_TRANSITIONS.items():
        if from_status != area.status:
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
@login_required
def certificate_detail(request, number: str):
    _check(request)
    area = selectors.certificate_detail(number)
    if area is None:
        raise Http404
    status = area.display_status()
    return render(
        request,
        "certification/secretariat/certificate.html",
        {
            "area": area,
            "status": status,
            "status_label": selectors.status_label(status),
            "status_event": selectors.status_event(area, status),
            "actions": _actions(area),
        },
    )


def _form_errors(form) -> list[str]:
    errors = []
    for name, field_errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        errors.extend(f"{label}: {e}" if label else e for e in field_errors)
    return errors


@require_POST
@login_required
def certificate_transition(request, number: str):
    """Suspend, reinstate or revoke (the target status comes with the form)."""
    _check(request)
    area = selectors.certificate_detail(number)
    if area is None:
        raise Http404
    form = CertificateTransitionForm(request.POST)
    if not form.is_valid():
        for error in _form_errors(form):
            messages.error(request, error)
        return redirect("certification:certificate", number=area.certificate_number)
    try:
        services.transition_certificate(
            area=area,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            meeting=form.cleaned_data["meeting"],
            on=form.cleaned_data["on"],
            by=request.user,
        )
    except CertificationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The certificate is now “%(status)s”.")
            % {"status": CertificateStatus(form.cleaned_data["to_status"]).label},
        )
    return redirect("certification:certificate", number=area.certificate_number)


@require_safe
@login_required
def batch_list(request):
    _check(request)
    batches = [(batch, CeremonyForm(initial={"on": batch.logo_ceremony_on}, prefix=f"b{batch.pk}"))
               for batch in selectors.batches()]  # fmt: skip
    return render(request, "certification/secretariat/batches.html", {"batches": batches})


@require_POST
@login_required
def batch_ceremony(request, pk: int):
    _check(request)
    batch = get_object_or_404(Batch, pk=pk)
    form = CeremonyForm(request.POST, prefix=f"b{batch.pk}")
    if not form.is_valid():
        for error in _form_errors(form):
            messages.error(request, f"{batch.code}: {error}")
        return redirect("certification:batches")
    try:
        updated = services.set_ceremony(batch=batch, on=form.cleaned_data["on"], by=request.user)
    except CertificationError as error:
        messages.error(request, f"{batch.code}: {error}")
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
