"""The certificate as PDF. A public document: anyone may download it, as anyone may
verify a certificate; what is not (yet) public is 404."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from smartcity.certification import pdf
from smartcity.certification.models import CertifiedArea
from smartcity.core.downloads import pdf_response


@require_safe
def certificate_pdf(request, number: str):
    """The certificate of an area certified on or before today (revoked ones too: the
    PDF says so on its face)."""
    area = get_object_or_404(
        CertifiedArea.objects.select_related(
            "province", "proponent", "batch", "approved_at__committee", "acknowledged_at__committee"
        ).prefetch_related("domains"),
        certificate_number=number,
        certified_on__lte=timezone.localdate(),
    )
    return pdf_response(
        pdf.certificate_pdf(area), filename=pdf.certificate_filename(area), inline=True
    )
