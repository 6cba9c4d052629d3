"""Who is asking: the client's address as the platform records it (audit rows, login
lockouts, throttles)."""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the first X-Forwarded-For hop when SMARTCITY_TRUST_X_FORWARDED_FOR
    says a proxy in front of the site sets that header (otherwise anyone could write it
    and pick their own address). None when neither holds an IP address."""
    if settings.SMARTCITY_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        first = _valid(forwarded.split(",")[0])
        if first:
            return first
    return _valid(request.META.get("REMOTE_ADDR") or "")
