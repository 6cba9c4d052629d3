"""Public verification of certificates (no login): what an investor, the Board of
Investment or anyone holding a printed certificate checks, by number or QR code."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from smartcity.certification import selectors
from smartcity.certification.enums import DisplayStatus
from smartcity.certification.forms import VerifyForm
from smartcity.certification.serialisers import certificate_record

# Public data that changes rarely: a short cache keeps the page fresh after a revocation.
CACHE_SECONDS = 300


@require_safe
def verify_search(request):
    form = VerifyForm(request.GET or None)
    number = form.number_typed()
    if number:
        certificate = selectors.certificate_for_verification(number)
        if certificate is not None:
            return redirect("certification:verify", number=certificate.number)
    return render(
        request,
        "certification/verify_search.html",
        {"form": form, "number": number, "not_found": bool(number)},
    )


@require_safe
def verify(request, number: str):
    certificate = selectors.certificate_for_verification(number)
    if certificate is None:
        raise Http404
    if number != certificate.number:  # typed in lower case or with spaces
        return redirect("certification:verify", number=certificate.number)
    status = certificate.display_status()
    response = render(
        request,
        "certification/verify.html",
        {
            "certificate": certificate,
            "area": certificate.area,
            "history": certificate.events.all(),
            "status": status,
            "statuses": DisplayStatus,
            "status_label": selectors.status_label(status),
            "status_event": selectors.status_event(certificate, status),
            "verified_at": timezone.now(),
        },
    )
    _public(response)
    return response


def _public(response) -> None:
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    # The language comes from the cookie or Accept-Language (LocaleMiddleware varies on
    # the latter); a shared cache must not hand a Thai page to an English reader.
    patch_vary_headers(response, ["Cookie"])


def certificate_json(number: str, request) -> dict | None:
    """The verification JSON: the certificate's record (certification.serialisers, the
    same fields as the registry's exports), its history, and when it was verified."""
    record = certificate_record(selectors.normalise_number(number), request=request)
    if record is None:
        return None
    return {**record, "verified_at": timezone.now().isoformat(timespec="seconds")}


@require_safe
def verify_json(request, number: str):
    data = certificate_json(number, request)
    if data is None:
        response = JsonResponse(
            {"error": _("No certificate has this number."), "certificate_number": number},
            status=404,
        )
    else:
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        _public(response)
    response["Access-Control-Allow-Origin"] = "*"
    return response
