"""Where browsers report Content-Security-Policy violations (the policy is in settings).

A report is logged as one line with the directive and the blocked address (scheme, host and
path: a query string may carry personal data); nothing else from the body is kept, and
nothing is stored in the database. Reports are anonymous and unauthenticated, so each address
may send a limited number a minute; beyond it they are dropped unread (and unlogged).
"""

import json
import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from smartcity.core import throttle
from smartcity.core.http import client_ip

logger = logging.getLogger("smartcity.csp")

# A genuine report is a few hundred bytes; anything much larger is not read.
MAX_REPORT_BYTES = 16 * 1024
# Keywords a browser sends instead of an address (inline, eval, data, ...).
KEYWORDS = {"inline", "eval", "data", "blob", "self", "wasm-eval", "trusted-types-policy"}


def _blocked(value) -> str:
    text = str(value or "")[:500]
    if text in KEYWORDS:
        return text
    parts = urlsplit(text)
    if not parts.scheme:
        return text.split("?", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _violations(payload) -> list[tuple[str, str]]:
    """(directive, blocked address) from either format: the report-uri body
    (`{"csp-report": {...}}`) or the Reporting API's list of `csp-violation` reports."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        directive = report.get("effective-directive") or report.get("violated-directive")
        return [(str(directive or "")[:100], _blocked(report.get("blocked-uri")))]
    if isinstance(payload, list):
        found = []
        for report in payload[:20]:
            if isinstance(report, dict) and report.get("type") == "csp-violation":
                body = report.get("body") if isinstance(report.get("body"), dict) else {}
                directive = str(body.get("effectiveDirective") or "")[:100]
                found.append((directive, _blocked(body.get("blockedURL"))))
        return found
    return []


def _allowed(request) -> bool:
    """Within CSP_REPORTS_PER_MINUTE reports from this client (core.throttle's window)."""
    limit = (settings.CSP_REPORTS_PER_MINUTE, 60)
    return throttle.hit("csp_report", client_ip(request), rate=limit) == 0


@csrf_exempt  # browsers send reports without a token, from any page of the site
@require_POST
def csp_report(request):
    if not _allowed(request):
        # Dropped unread. Not a 429: Django logs every 4xx, and the point is a quiet log.
        return HttpResponse(status=204)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    violations = _violations(payload)
    if not violations:
        return HttpResponse(status=400)
    for directive, blocked in violations:
        logger.warning(
            "CSP violation: %s blocked %s",
            directive,
            blocked,
            extra={"csp_directive": directive, "csp_blocked": blocked},
        )
    return HttpResponse(status=204)
