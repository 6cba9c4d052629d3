"""Reads for certificates: the public verification and the secretariat's pages."""

import datetime as dt
import re

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from smartcity.certification.enums import CertificateStatus, DisplayStatus, EventKind
from smartcity.certification.models import AreaDomain, Batch, CertificateEvent, CertifiedArea
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.core.text import search_filter


def verification_url(area: CertifiedArea) -> str:
    """The absolute address of the area's public verification page (for QR codes)."""
    path = reverse("certification:verify", kwargs={"number": area.certificate_number})
    return f"{settings.SMARTCITY['SITE_URL']}{path}"


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


def _full(queryset: QuerySet[CertifiedArea]) -> QuerySet[CertifiedArea]:
    """With everything a certificate page shows, in a fixed number of queries."""
    return (
        queryset.select_related(
            "province__region",
            "proponent",
            "batch",
            "approved_at__committee",
            "acknowledged_at__committee",
        )
        .defer("province__boundary")
        .prefetch_related(
            Prefetch("domains", queryset=AreaDomain.objects.order_by("domain")),
            Prefetch(
                "events",
                queryset=CertificateEvent.objects.select_related("meeting__committee"),
            ),
        )
    )


def certificate_for_verification(number: str) -> CertifiedArea | None:
    """The certificate as the public verifies it; None for an unknown number or an area
    whose certification has not taken effect yet."""
    number = normalise_number(number)
    if not number:
        return None
    return (
        _full(CertifiedArea.objects.filter(certified_on__lte=timezone.localdate()))
        .filter(certificate_number=number)
        .first()
    )


def display_status_filter(status: str, on: dt.date) -> Q:
    """The rows whose display_status(on) is `status` (see CertifiedArea.display_status)."""
    expired = Q(valid_until__lt=on) & ~Q(status=CertificateStatus.REVOKED)
    if status == DisplayStatus.EXPIRED:
        return expired
    if status == DisplayStatus.REVOKED:
        return Q(status=CertificateStatus.REVOKED)
    return Q(status=status) & ~expired


def certificates(filters: dict) -> QuerySet[CertifiedArea]:
    """Every numbered certificate for the secretariat, newest first. `filters`: q
    (number or name), status (a display status), batch (a code)."""
    queryset = CertifiedArea.objects.filter(certificate_number__isnull=False)
    if query := (filters.get("q") or "").strip():
        by_number = Q(certificate_number__icontains=normalise_number(query))
        by_name = search_filter(query)
        queryset = queryset.filter(by_number | by_name if by_name else by_number)
    if status := filters.get("status"):
        queryset = queryset.filter(display_status_filter(status, timezone.localdate()))
    if batch := filters.get("batch"):
        queryset = queryset.filter(batch__code=batch)
    return (
        queryset.select_related("province", "batch")
        .defer("province__boundary")
        .order_by("-certified_on", "-certificate_number", "-id")
    )


def certificate_detail(number: str) -> CertifiedArea | None:
    """One certificate for the secretariat, whatever its status or date."""
    return _full(CertifiedArea.objects.filter(certificate_number=normalise_number(number))).first()


# The events whose reason and meeting explain the current status.
STATUS_EVENTS = {
    DisplayStatus.SUSPENDED: EventKind.SUSPENDED,
    DisplayStatus.REVOKED: EventKind.REVOKED,
}


def status_event(area: CertifiedArea, status: str):
    """The latest suspension or revocation behind `status` (from the prefetched events)."""
    kind = STATUS_EVENTS.get(status)
    matching = [event for event in area.events.all() if event.kind == kind]
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
