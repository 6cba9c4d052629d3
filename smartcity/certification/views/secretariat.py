"""The secretariat's certificates: the list, one certificate with its history and its
status actions (suspend, reinstate, revoke), and the batches' logo ceremonies. The record
of areas certified before the platform is `views.history`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from smartcity.certification import selectors
from smartcity.certification.enums import CertificateStatus, EventKind
from smartcity.certification.forms import (
    CeremonyForm,
    CertificateFilterForm,
    CertificateTransitionForm,
)
from smartcity.certification.models import Batch
from smartcity.certification.services.batches import set_ceremony
from smartcity.certification.services.status import CERTIFICATE_TRANSITIONS, transition_certificate
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
        transition_certificate(
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
        updated = set_ceremony(batch=batch, on=form.cleaned_data["on"], by=request.user)
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
