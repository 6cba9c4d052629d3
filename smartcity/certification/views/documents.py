"""The certificate as PDF. A public document: anyone may download it, as anyone may
verify a certificate; what is not (yet) public is 404.

Rendering takes about a second, so each version of a certificate is rendered once and
kept in the cache: the key names everything the page shows that can change (the
certificate's last change and status, the area and proponent, the logo domains, the
public history, and the day, on which "expired" depends), so a suspension, a
reinstatement or a revocation is a new key and the next request renders afresh. Each
client may fetch SMARTCITY_THROTTLES["pdf"] PDFs a window (429 beyond)."""

import hashlib

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from smartcity.certification import pdf
from smartcity.certification.models import Certificate
from smartcity.core.downloads import pdf_response
from smartcity.core.throttle import throttled

# A day at most: a new day may turn "active" into "expired" (the key has the day too).
PDF_CACHE_SECONDS = 24 * 3600


def _version(certificate: Certificate) -> str:
    today = timezone.localdate()
    parts = [
        certificate.pk,
        certificate.number,
        certificate.updated_at.isoformat(),
        certificate.status,
        certificate.display_status(today),
        today.isoformat(),
        certificate.area.updated_at.isoformat(),
        certificate.area.proponent.updated_at.isoformat() if certificate.area.proponent else "",
        sorted(d.domain for d in certificate.domains.all()),
        list(certificate.events.order_by("pk").values_list("pk", "kind", "on", "meeting_id")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def cached_certificate_pdf(certificate: Certificate) -> bytes:
    key = f"certification:certificate-pdf:{_version(certificate)}"
    content = cache.get(key)
    if content is None:
        content = pdf.certificate_pdf(certificate)
        cache.set(key, content, timeout=PDF_CACHE_SECONDS)
    return content


@require_safe
@throttled("pdf")
def certificate_pdf(request, number: str):
    """A certificate that took effect on or before today (revoked ones too: the
    PDF says so on its face)."""
    certificate = get_object_or_404(
        Certificate.objects.select_related(
            "area__province",
            "area__proponent",
            "area__batch",
            "approving_meeting__committee",
            "acknowledging_meeting__committee",
        ).prefetch_related("domains"),
        number=number,
        certified_on__lte=timezone.localdate(),
    )
    return pdf_response(
        cached_certificate_pdf(certificate),
        filename=pdf.certificate_filename(certificate),
        inline=True,
    )
