"""Middleware every response passes through: the client's address on audit rows, the
request log and a security header."""

import json
import logging
import re
import time
import uuid

from django.conf import settings

from smartcity.core import audit
from smartcity.core.http import client_ip

request_log = logging.getLogger("smartcity.requests")

# A request id from the reverse proxy is kept (so its log and ours join) when it looks like
# one; anything else is replaced, so a client cannot write into the log.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# URL parts that are secrets of one person: their values never reach the log.
SECRET_URL_PARTS = frozenset({"token", "uidb64"})


class RequestLogMiddleware:
    """One JSON line per request on the "smartcity.requests" logger: method, path, status,
    duration in milliseconds, the signed-in user's id (or null) and the request id (also
    sent back as X-Request-ID). The query string is left out (searches may name people), and
    so are secret URL parts (password-reset and invitation tokens); no address, no agent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        request_log.info(
            json.dumps(
                {
                    "event": "request",
                    "method": request.method,
                    "path": _loggable_path(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                    "request_id": request.id,
                },
                ensure_ascii=False,
            )
        )
        return response


def _loggable_path(request) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_PARTS and value:
                path = path.replace(str(value), "*")
    return path


def _user_id(request):
    # request.user is lazy: reading it loads the session, which the page did anyway when a
    # session cookie came with it; without one no query runs.
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (browser features the site never uses are off)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.policy)
        return response


class AuditAddressMiddleware:
    """Every audit row written while answering a request carries the client's address
    (core.http.client_ip), whichever service writes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit.request_address(client_ip(request)):
            return self.get_response(request)
