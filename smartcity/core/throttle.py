"""Throttles: at most N requests per window from one client, counted in the cache.

    retry_after = throttle.hit("verify", client_ip(request))
    if retry_after:
        return too_many_requests(request, retry_after)

Windows are fixed (they start on a multiple of their length), so one key costs one cache
entry and one increment per request; a shared cache (Redis) makes the count hold across
web processes. Rates live in settings.SMARTCITY_THROTTLES as (requests, seconds).
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from smartcity.core.http import client_ip

TOO_MANY = _("Too many requests from your address. Please wait a moment and try again.")


def _key(scope: str, subject: str, window: int, seconds: int) -> str:
    # Hashed: an email address or an IPv6 address must not become a raw cache key.
    digest = hashlib.sha256(subject.casefold().encode()).hexdigest()[:32]
    return f"throttle:{scope}:{seconds}:{window}:{digest}"


def hit(scope: str, subject: str | None, *, rate: tuple[int, int] | None = None) -> int:
    """Count one request by `subject` (an address, an email) under `scope`. Returns 0 if
    it is allowed, else the seconds until the window ends (for Retry-After). The rate
    (requests, seconds) is settings.SMARTCITY_THROTTLES[scope] unless given."""
    limit, seconds = rate or settings.SMARTCITY_THROTTLES[scope]
    subject = subject or "unknown"
    now = time.time()
    window = int(now // seconds)
    key = _key(scope, subject, window, seconds)
    # add() is a no-op when the key exists, so two processes cannot both start at zero.
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int((window + 1) * seconds - now) + 1)


def too_many_requests(request, retry_after: int, *, as_json: bool = False):
    """The 429 answer, in the reader's language, with Retry-After: a page, or for a JSON
    endpoint a JSON body with the same message."""
    if as_json:
        response = JsonResponse(
            {"error": "too_many_requests", "detail": str(TOO_MANY), "retry_after": retry_after},
            status=429,
        )
        response["Retry-After"] = str(retry_after)
        response["Access-Control-Allow-Origin"] = "*"  # other sites' scripts read it too
        return response
    response = render(
        request,
        "core/429.html",
        {"retry_after": retry_after, "retry_minutes": max(1, (retry_after + 59) // 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def throttled(scope: str, *, as_json: bool = False):
    """A view that answers 429 (with Retry-After) once one client has made more than
    SMARTCITY_THROTTLES[scope] requests in the window."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            retry_after = hit(scope, client_ip(request))
            if retry_after:
                return too_many_requests(request, retry_after, as_json=as_json)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
