"""Two-factor sign-in: giving a code after the password, enrolling an authenticator app,
recovery codes, and turning it off for those whose role does not require it."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from smartcity.accounts import two_factor
from smartcity.accounts.forms import EnrolmentCodeForm, TwoFactorCodeForm


def _next(request) -> str:
    """Where to go once verified: a page of this site, else the person's work page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "dashboard:home"


def _owes_no_code(request) -> bool:
    """Already verified in this session, or nothing to verify (enrolment still open)."""
    return request.user.is_verified() or not two_factor.is_enabled_for(request.user)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not two_factor.is_enabled_for(user):
        return redirect("accounts:two_factor_enrol")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = two_factor.wait_seconds(user)
        if wait:
            form.add_error(
                None,
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second, then try the newest code.",
                    "Too many wrong codes. Wait %(seconds)d seconds, then try the newest code.",
                    wait,
                )
                % {"seconds": wait},
            )
        else:
            device = two_factor.verify(user=user, code=form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                if two_factor.recovery_codes_left(user) <= 2:
                    messages.warning(
                        request,
                        _("Few recovery codes are left. Make new ones on your account page."),
                    )
                return redirect(_next(request))
            form.add_error("code", two_factor.WRONG_CODE)
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_field(request)}
    )


def _next_field(request) -> str:
    target = _next(request)
    return "" if target == "dashboard:home" else target


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def enrol(request):
    """First enrolment, or a new phone for someone already verified in this session."""
    user = request.user
    if two_factor.is_enabled_for(user) and not user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_authenticator(user)
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.confirm_enrolment(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            two_factor.forget(request)
            return _show_recovery_codes(request, codes, first=True)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            # segno writes the SVG from the otpauth URL alone: nothing typed by anyone.
            "qr_svg": mark_safe(qr.svg_inline(scale=4, title=_("QR code for your app"))),  # noqa: S308
            "secret": two_factor.secret_of(device),
            "required": two_factor.required_by_role(user),
            "next": _next_field(request),
        },
    )


def _show_recovery_codes(request, codes: list[str], *, first: bool):
    response = render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "first": first, "next": _next_field(request)},
    )
    response["Cache-Control"] = "no-store"  # shown once: not kept by the browser either
    return response


@require_POST
@login_required
def regenerate_recovery_codes(request):
    if not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    codes = two_factor.regenerate_recovery_codes(user=request.user, by=request.user)
    return _show_recovery_codes(request, codes, first=False)


@require_POST
@login_required
def disable(request):
    user = request.user
    if not _owes_no_code(request):
        return redirect("accounts:two_factor_verify")
    try:
        two_factor.disable(user=user, by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        two_factor.forget(request)
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:me")
