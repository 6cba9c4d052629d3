"""The certificate and the announcement as PDF. Both are public documents: anyone may
download them, as anyone may verify a certificate; what is not (yet) public is 404."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from smartcity.certification import pdf
from smartcity.certification.models import Certificate
from smartcity.committee.models import Meeting
from smartcity.registry.selectors import announcement, today


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


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
        certified_on__lte=today(),
    )
    return pdf_response(pdf.certificate_pdf(certificate), pdf.certificate_filename(certificate))


@require_safe
def announcement_pdf(request, pk: str, lang: str):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=int(pk))
    news = announcement(meeting)
    if news is None:
        raise Http404
    return pdf_response(pdf.announcement_pdf(news, lang), pdf.announcement_filename(news, lang))
