"""The certificate of a certified area, as PDF (the announcement is the registry's).

The certificate is bilingual on one page: each label is rendered in Thai and in English
(B.E. dates in Thai, C.E. in English), whatever the reader's language. Its QR code links
to the public verification page, so a printed copy can always be checked."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import segno
from django.utils import translation

from smartcity.certification.enums import DisplayStatus
from smartcity.certification.models import Certificate
from smartcity.certification.selectors import verification_url
from smartcity.committee.pdf import meeting_reference
from smartcity.core.dates import format_date
from smartcity.core.documents import kept_pdf
from smartcity.core.enums import Domain
from smartcity.core.pdf import pdf_from_html, render_html

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


# Every request builds the page to learn its version (core.documents): the code of an
# address is made once per process.
@lru_cache(maxsize=4096)
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


# Bilingual on one page whatever the reader's language: one version per certificate.
LANGUAGE = "th"
TEMPLATE = "certification/pdf/certificate.html"


def certificate_html(certificate: Certificate) -> str:
    """The certificate's page as HTML: what its PDF is drawn from, and its version."""
    return render_html(TEMPLATE, certificate_context(certificate), language=LANGUAGE)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate, drawn now: A4 landscape, Thai and English on one page."""
    return pdf_from_html(certificate_html(certificate))


def kept_certificate_pdf(certificate: Certificate):
    """The certificate as its kept PDF (an open file), drawn and kept first when this
    version of it has not been (bytes then): a revocation, a suspension, a renewal's new
    term, a domain, a name or a meeting's reference changes the page and so the version
    (core.documents)."""
    return kept_pdf(
        kind="certificates",
        key=certificate.pk,
        language=LANGUAGE,
        html=certificate_html(certificate),
    )


def certificate_filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.number}.pdf"
