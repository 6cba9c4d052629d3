"""The certificate and the announcement as PDF. Both are public documents: anyone may
download them, as anyone may verify a certificate; what is not (yet) public is 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from smartcity.certification import pdf
from smartcity.certification.models import CertifiedArea
from smartcity.committee.models import Meeting
from smartcity.core.downloads import pdf_response
from smartcity.registry.selectors import announcement, today


@require_safe
def certificate_pdf(request, number: str):
    """The certificate of an area certified on or before today (revoked ones too: the
    PDF says so on its face)."""
    area = get_object_or_404(
        CertifiedArea.objects.select_related(
            "province", "proponent", "batch", "approved_at__committee", "acknowledged_at__committee"
        ).prefetch_related("domains"),
        certificate_number=number,
        certified_on__lte=today(),
    )
    return pdf_response(
        pdf.certificate_pdf(area), filename=pdf.certificate_filename(area), inline=True
    )


@require_safe
def announcement_pdf(request, pk: str, lang: str):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=int(pk))
    news = announcement(meeting)
    if news is None:
        raise Http404
    return pdf_response(
        pdf.announcement_pdf(news, lang),
        filename=pdf.announcement_filename(news, lang),
        inline=True,
    )
