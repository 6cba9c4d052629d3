"""Two-factor sign-in, enforced on every page (see accounts.two_factor)."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from smartcity.accounts import two_factor

# What a person who still owes a code may open: the pages that take it, and the way out.
EXEMPT_VIEWS = {
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "accounts:logout",
    "set_language",
    "healthz",
}


class TwoFactorMiddleware:
    """After the password, someone who must verify (their role, or they turned it on) sees
    only the verify page (or enrolment, the first time) until they give a code. Needs
    django-otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match and request.resolver_match.view_name in EXEMPT_VIEWS:
            return None
        if not two_factor.must_verify_in(request):
            return None
        name = (
            "accounts:two_factor_verify"
            if two_factor.is_enabled_for(user)
            else "accounts:two_factor_enrol"
        )
        url = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):  # a partial update: htmx follows this header
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
