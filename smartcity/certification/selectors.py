"""Reads for certificates."""

from django.conf import settings
from django.urls import reverse

from smartcity.certification.models import CertifiedArea


def verification_url(area: CertifiedArea) -> str:
    """The absolute address of the area's public verification page (for QR codes)."""
    path = reverse("certification:verify", kwargs={"number": area.certificate_number})
    return f"{settings.SMARTCITY['SITE_URL']}{path}"
