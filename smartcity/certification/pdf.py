"""The certificate of a certified area, as PDF (the announcement is the registry's).

The certificate is bilingual on one page: each label is rendered in Thai and in English
(B.E. dates in Thai, C.E. in English), whatever the reader's language. Its QR code links
to the public verification page, so a printed copy can always be checked."""

import datetime as dt
from dataclasses import dataclass

import segno
from django.utils import translation

from smartcity.certification.enums import DisplayStatus
from smartcity.certification.models import Certificate
from smartcity.certification.selectors import verification_url
from smartcity.committee.pdf import meeting_reference
from smartcity.core.dates import format_date
from smartcity.core.enums import Domain
from smartcity.core.pdf import render_pdf

LANGUAGES = ("th", "en")


@dataclass
class Bilingual:
    th: str
    en: str


def _both(make) -> Bilingual:
    """`make()` evaluated in Thai and in English."""
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            values[language] = make(language)
    return Bilingual(**values)


def _date(value: dt.date | None) -> Bilingual | None:
    if value is None:
        return None
    return _both(lambda language: format_date(value, language))


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a PNG data URI, one pixel a module: a few hundred bytes
    that the page scales up without smoothing (`image-rendering: pixelated`). Drawn as
    SVG it cost WeasyPrint a path of a thousand pieces to parse and paint."""
    return segno.make(url, error="m").png_data_uri(scale=1, border=0)


def _names(obj) -> Bilingual | None:
    """The Thai and English names of `obj`, each falling back to the other."""
    if obj is None:
        return None
    return Bilingual(th=obj.name_th or obj.name_en, en=obj.name_en or obj.name_th)


def certificate_context(certificate: Certificate) -> dict:
    area = certificate.area
    domains = sorted(certificate.domains.all(), key=lambda d: Domain.values.index(d.domain))
    status = certificate.display_status()
    url = verification_url(certificate)
    return {
        "area": area,
        "certificate": certificate,
        "name": _names(area),
        "province": _names(area.province),
        "proponent": _names(area.proponent),
        "domains": [_both(lambda _lang, code=d.domain: str(Domain(code).label)) for d in domains],
        "certified_on": _date(certificate.certified_on),
        "ceremony_on": _date(area.logo_ceremony_on or (area.batch and area.batch.logo_ceremony_on)),
        "valid_until": _date(certificate.valid_until),
        "revoked_on": _date(certificate.revoked_on),
        "approving_meeting": _both(
            lambda language: meeting_reference(certificate.approving_meeting, language)
        ),
        "acknowledging_meeting": _both(
            lambda language: meeting_reference(certificate.acknowledging_meeting, language)
        ),
        "status": status,
        "status_label": _both(lambda _lang: str(DisplayStatus(status).label)),
        "active": status == DisplayStatus.ACTIVE,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate: A4 landscape, Thai and English on one page."""
    return render_pdf(
        "certification/pdf/certificate.html", certificate_context(certificate), language="th"
    )


def certificate_filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.number}.pdf"
