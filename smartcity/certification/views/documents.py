"""The certificate as PDF. A public document: anyone may download it, as anyone may
verify a certificate; what is not (yet) public is 404."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from smartcity.certification import pdf
from smartcity.certification.models import Certificate
from smartcity.core.downloads import pdf_response


@require_safe
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
        pdf.certificate_pdf(certificate),
        filename=pdf.certificate_filename(certificate),
        inline=True,
    )
