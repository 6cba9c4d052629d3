"""The certificate as PDF. A public document: anyone may download it, as anyone may
verify a certificate; what is not (yet) public is 404.

Drawing the PDF takes a few hundred milliseconds, so each version of a certificate is
drawn once and kept in the default storage (core.documents): a request builds the page's
HTML, which names everything the page shows, and streams the kept file of that version.
A suspension, a reinstatement, a revocation, a renewal, a new day that turns "active" into
"expired" is a new page and so a new file. Each client may fetch SMARTCITY_THROTTLES["pdf"]
PDFs a window (429 beyond), kept or not."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from smartcity.certification import pdf
from smartcity.certification.models import Certificate
from smartcity.core.downloads import pdf_response
from smartcity.core.throttle import throttled


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
        pdf.kept_certificate_pdf(certificate),
        filename=pdf.certificate_filename(certificate),
        inline=True,
    )
