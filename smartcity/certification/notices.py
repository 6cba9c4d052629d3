"""Telling a certificate's holder (the proponent's owners and editors, in their language,
inbox and email) that it was suspended, reinstated or revoked, and that it expires soon
(a daily job, `certification.expiry.notices`, at EXPIRY_NOTICE_DAYS before its end)."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from smartcity.accounts.models import User
from smartcity.certification.enums import CertificateStatus
from smartcity.certification.models import Certificate
from smartcity.certification.selectors import verification_url
from smartcity.notifications.services import notify
from smartcity.proposals.notifications import proponent_recipients

# The holder hears 90 days before the certificate's term ends, then again 30 days before.
EXPIRY_NOTICE_DAYS = (90, 30)


def holders(certificate: Certificate) -> list[User]:
    """Who holds the certificate: the area's proponent, else the proposal's organisation."""
    organisation = certificate.area.proponent or (
        certificate.proposal.organisation if certificate.proposal_id else None
    )
    return list(proponent_recipients(organisation)) if organisation else []


def _certificate(certificate_id: int) -> Certificate:
    return Certificate.objects.select_related("area__proponent", "proposal__organisation").get(
        pk=certificate_id
    )


def tell_status_changed(certificate_id: int, *, kind: str) -> int:
    """After a suspension, reinstatement or revocation (`kind`): the holder learns what
    changed, from when, why and which meeting decided. Returns how many were told."""
    certificate = _certificate(certificate_id)
    event = certificate.events.filter(kind=kind).select_related("meeting__committee")
    step = event.order_by("-on", "-pk").first()
    people = holders(certificate)
    notify(
        f"certification.certificate.{kind}",
        people,
        context={
            "certificate": certificate,
            "area": certificate.area,
            "kind": kind,
            "step": step,
            "verify_url": verification_url(certificate),
        },
        link=reverse("certification:verify", kwargs={"number": certificate.number}),
    )
    return len(people)


@dataclass
class ExpiryNotices:
    certificates: int = 0


def send_expiry_notices(*, today: dt.date) -> ExpiryNotices:
    """Tell the holder of each active certificate whose term ends within one of
    EXPIRY_NOTICE_DAYS (the nearest threshold it has reached), once per threshold and term
    (`notify(once=...)`): a second run tells no one again, a renewed term starts afresh."""
    run = ExpiryNotices()
    longest = max(EXPIRY_NOTICE_DAYS)
    certificates = (
        Certificate.objects.filter(
            status=CertificateStatus.ACTIVE,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=longest),
        )
        .select_related("area__proponent", "proposal__organisation")
        .order_by("valid_until", "pk")
    )
    for certificate in certificates:
        left = (certificate.valid_until - today).days
        threshold = min(days for days in EXPIRY_NOTICE_DAYS if left <= days)
        notify(
            "certification.certificate.expiring",
            holders(certificate),
            context={
                "certificate": certificate,
                "area": certificate.area,
                "days_left": left,
                "verify_url": verification_url(certificate),
            },
            link=reverse("certification:verify", kwargs={"number": certificate.number}),
            once=f"certificate-{certificate.pk}-{certificate.valid_until.isoformat()}-{threshold}",
        )
        run.certificates += 1
    return run
