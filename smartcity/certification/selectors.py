"""Reads for certificates: the public verification and the secretariat's pages."""

import datetime as dt
import re

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from smartcity.certification.enums import CertificateStatus, DisplayStatus, EventKind
from smartcity.certification.models import (
    Batch,
    Certificate,
    CertificateDomain,
    CertificateEvent,
    CertifiedArea,
)
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.core.text import search_filter


def verification_url(certificate: Certificate) -> str:
    """The absolute address of the certificate's public verification page (QR codes)."""
    path = reverse("certification:verify", kwargs={"number": certificate.number})
    return f"{settings.SMARTCITY['SITE_URL']}{path}"


def current_certificate(area: CertifiedArea, on: dt.date | None = None) -> Certificate | None:
    """The area's current certificate: the newest in force on `on` (default today), or,
    when none is (expired, revoked), the newest it held. From `area.certificates` (prefetch
    it, see with_certificates(), for a constant number of queries)."""
    on = on or timezone.localdate()
    held = sorted(
        (c for c in area.certificates.all() if c.certified_on <= on),
        key=lambda c: (c.certified_on, c.pk),
        reverse=True,
    )
    in_force = [c for c in held if c.is_in_force(on)]
    return (in_force or held or [None])[0]


def first_certificate(area: CertifiedArea) -> Certificate | None:
    """The area's first certificate (an imported area's only one, from the public record),
    the one that put it in its batch. From `area.certificates` (prefetch it)."""
    certificates = sorted(area.certificates.all(), key=lambda c: (c.certified_on, c.pk))
    return certificates[0] if certificates else None


def with_certificates(queryset: QuerySet[CertifiedArea], *, events: bool = False):
    """The areas with their certificates, each with its domains (and its history)."""
    certificates = Certificate.objects.select_related(
        "approving_meeting__committee", "acknowledging_meeting__committee"
    ).prefetch_related(Prefetch("domains", queryset=CertificateDomain.objects.order_by("domain")))
    if events:
        certificates = certificates.prefetch_related(
            Prefetch(
                "events", queryset=CertificateEvent.objects.select_related("meeting__committee")
            )
        )
    return queryset.prefetch_related(Prefetch("certificates", queryset=certificates))


def area_history(area: CertifiedArea) -> list[CertificateEvent]:
    """Every event of every certificate the area held, in date order (from the prefetch
    of with_certificates(events=True))."""
    events = [e for c in area.certificates.all() for e in c.events.all()]
    return sorted(events, key=lambda e: (e.on, e.pk))


def status_label(status: str) -> str:
    """What a reader is told of a display status ("certificate status" context in Thai:
    a bare "Active" reads "in use" elsewhere), in the current language."""
    return str(DisplayStatus(status).label)


_SPACES = re.compile(r"\s+")


def normalise_number(text: str) -> str:
    """A certificate number as typed ("sct-2565-001 ", "SCT 2565 001") in the form
    numbers are kept in ("SCT-2565-001")."""
    words = _SPACES.split((text or "").strip().upper())
    return "-".join(w.strip("-") for w in words if w.strip("-"))


def _full(queryset: QuerySet[Certificate]) -> QuerySet[Certificate]:
    """With everything a certificate page shows, in a fixed number of queries."""
    return (
        queryset.select_related(
            "area__province__region",
            "area__proponent",
            "area__batch",
            "approving_meeting__committee",
            "acknowledging_meeting__committee",
        )
        .defer("area__province__boundary")
        .prefetch_related(
            Prefetch("domains", queryset=CertificateDomain.objects.order_by("domain")),
            Prefetch(
                "events",
                queryset=CertificateEvent.objects.select_related("meeting__committee"),
            ),
        )
    )


def certificate_for_verification(number: str) -> Certificate | None:
    """The certificate as the public verifies it; None for an unknown number or a
    certificate that has not taken effect yet."""
    number = normalise_number(number)
    if not number:
        return None
    return (
        _full(Certificate.objects.filter(certified_on__lte=timezone.localdate()))
        .filter(number=number)
        .first()
    )


def display_status_filter(status: str, on: dt.date, prefix: str = "") -> Q:
    """The certificates whose display_status(on) is `status` (see models.display_status);
    `prefix` is the path to the certificate."""
    expired = Q(**{f"{prefix}valid_until__lt": on}) & Q(
        **{f"{prefix}status__in": CertificateStatus.standing()}
    )
    if status == DisplayStatus.EXPIRED:
        return expired
    if status == DisplayStatus.REVOKED:
        return Q(**{f"{prefix}status": CertificateStatus.REVOKED})
    return Q(**{f"{prefix}status": status}) & ~expired


def certificates(filters: dict) -> QuerySet[Certificate]:
    """Every certificate for the secretariat, newest first (an area renewed is listed once
    per term). `filters`: q (number or name), status (a display status), batch (a code)."""
    queryset = Certificate.objects.all()
    if query := (filters.get("q") or "").strip():
        by_number = Q(number__icontains=normalise_number(query))
        by_name = search_filter(query, "area__search_document")
        queryset = queryset.filter(by_number | by_name if by_name else by_number)
    if status := filters.get("status"):
        queryset = queryset.filter(display_status_filter(status, timezone.localdate()))
    if batch := filters.get("batch"):
        queryset = queryset.filter(area__batch__code=batch)
    return (
        queryset.select_related("area__province", "area__batch")
        .defer("area__province__boundary")
        .order_by("-certified_on", "-number", "-id")
    )


def certificate_detail(number: str) -> Certificate | None:
    """One certificate for the secretariat, whatever its status or date."""
    return _full(Certificate.objects.filter(number=normalise_number(number))).first()


# The events whose reason and meeting explain the current status.
STATUS_EVENTS = {
    DisplayStatus.SUSPENDED: EventKind.SUSPENDED,
    DisplayStatus.REVOKED: EventKind.REVOKED,
}


def status_event(certificate: Certificate | None, status: str):
    """The latest suspension or revocation behind `status` (from the prefetched events)."""
    kind = STATUS_EVENTS.get(status)
    if certificate is None or kind is None:
        return None
    matching = [event for event in certificate.events.all() if event.kind == kind]
    return matching[-1] if matching else None


def deciding_meetings() -> QuerySet[Meeting]:
    """The meetings that can decide a suspension, reinstatement or revocation: any meeting
    of the steering committee or the sub-committee that was not cancelled, newest first."""
    return (
        Meeting.objects.filter(
            committee__kind__in=[CommitteeKind.STEERING, CommitteeKind.SUB_COMMITTEE]
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("committee")
        .order_by("-year_be", "-held_on", "-number", "-pk")
    )


def batches() -> QuerySet[Batch]:
    return Batch.objects.annotate(n_areas=Count("areas")).order_by("position", "code")
