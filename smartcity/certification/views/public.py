"""Public verification of certificates (no login): what an investor, the Board of
Investment or anyone holding a printed certificate checks, by number or QR code."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from smartcity.certification import selectors
from smartcity.certification.forms import VerifyForm
from smartcity.certification.models import CertifiedArea
from smartcity.core.i18n import localised

# Public data that changes rarely: a short cache keeps the page fresh after a revocation.
CACHE_SECONDS = 300


@require_safe
def verify_search(request):
    form = VerifyForm(request.GET or None)
    number = form.number_typed()
    if number:
        area = selectors.certificate_for_verification(number)
        if area is not None:
            return redirect("certification:verify", number=area.certificate_number)
    return render(
        request,
        "certification/verify_search.html",
        {"form": form, "number": number, "not_found": bool(number)},
    )


@require_safe
def verify(request, number: str):
    area = selectors.certificate_for_verification(number)
    if area is None:
        raise Http404
    if number != area.certificate_number:  # typed in lower case or with spaces
        return redirect("certification:verify", number=area.certificate_number)
    status = area.display_status()
    response = render(
        request,
        "certification/verify.html",
        {
            "area": area,
            "status": status,
            "status_label": selectors.status_label(status),
            "status_event": selectors.status_event(area, status),
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


def _date(value):
    return value.isoformat() if value else None


def _meeting(meeting):
    if meeting is None:
        return None
    return {
        "committee": meeting.committee.kind,
        "committee_name": localised(meeting.committee, "name"),
        "reference": meeting.reference,
        "number": meeting.number,
        "year_be": meeting.year_be,
        "held_on": _date(meeting.held_on),
        "held_on_precision": meeting.held_on_precision,
    }


def certificate_json(area: CertifiedArea, request) -> dict:
    status = area.display_status()
    proponent = None
    if area.proponent or area.proponent_type:
        organisation = area.proponent
        proponent = {
            "name_th": organisation.name_th or None if organisation else None,
            "name_en": organisation.name_en or None if organisation else None,
            "type": (organisation.type if organisation else area.proponent_type) or None,
        }
    province = area.province
    return {
        "certificate_number": area.certificate_number,
        "status": status,
        "status_label": selectors.status_label(status),
        "area": {"name_th": area.name_th or None, "name_en": area.name_en or None},
        "proponent": proponent,
        "province": {
            "code": province.code,
            "name_th": province.name_th,
            "name_en": province.name_en,
        },
        "domains": [d.domain for d in area.domains.all()],
        "certified_on": _date(area.certified_on),
        "valid_until": _date(area.valid_until),
        "logo_ceremony_on": _date(area.logo_ceremony_on),
        "revoked_on": _date(area.revoked_on),
        "approved_at": _meeting(area.approved_at),
        "acknowledged_at": _meeting(area.acknowledged_at),
        "history": [
            {
                "event": event.kind,
                "event_label": str(event.get_kind_display()),
                "on": _date(event.on),
                "reason": event.reason or None,
                "meeting": _meeting(event.meeting),
            }
            for event in area.events.all()
        ],
        "verified_at": timezone.now().isoformat(timespec="seconds"),
        "url": request.build_absolute_uri(
            reverse("certification:verify", kwargs={"number": area.certificate_number})
        ),
    }


@require_safe
def verify_json(request, number: str):
    area = selectors.certificate_for_verification(number)
    if area is None:
        response = JsonResponse(
            {"error": _("No certificate has this number."), "certificate_number": number},
            status=404,
        )
    else:
        response = JsonResponse(
            certificate_json(area, request), json_dumps_params={"ensure_ascii": False}
        )
        _public(response)
    response["Access-Control-Allow-Origin"] = "*"
    return response
