"""Certificates in each status, for the page tests: made with the factories and moved
through the certificate service, as the secretariat would. Each helper returns the
Certificate (its area is `.area`)."""

import datetime as dt

from smartcity.accounts.models import Organisation
from smartcity.certification.enums import CertificateStatus, EventKind
from smartcity.certification.models import CertificateEvent
from smartcity.certification.services.status import transition_certificate
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.geo.models import Province
from tests.accounts.factories import OrganisationFactory
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory

CERTIFIED_ON = dt.date(2023, 6, 1)
DECIDED_ON = dt.date(2024, 3, 15)


def deciding_meeting(number: int = 1, year_be: int = 2567, held_on=DECIDED_ON):
    """Steering committee meeting `number`/`year_be`, its results released."""
    existing = Meeting.objects.filter(
        committee__kind=CommitteeKind.STEERING, number=number, year_be=year_be
    ).first()
    return existing or MeetingFactory(
        committee__kind=CommitteeKind.STEERING,
        number=number,
        year_be=year_be,
        held_on=held_on,
        status=MeetingStatus.RELEASED,
    )


def certificate(number: str = "SCT-2566-001", *, valid_until=dt.date(2099, 5, 31), **fields):
    """An active certificate of a municipality in Khon Kaen, certified on 1 June 2023
    for mobility and living, with its "certified" event."""
    fields.setdefault("province", Province.objects.get(code="40"))
    if "proponent" not in fields:
        fields["proponent"] = Organisation.objects.filter(
            name_th="เทศบาลนครขอนแก่น"
        ).first() or OrganisationFactory(
            name_th="เทศบาลนครขอนแก่น", name_en="Khon Kaen City Municipality"
        )
    fields.setdefault("certified_on", CERTIFIED_ON)
    area = CertifiedAreaFactory(
        certificate_number=number,
        valid_until=valid_until,
        domains=["mobility", "living"],
        **fields,
    )
    certificate = area.certificate
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=EventKind.CERTIFIED,
        on=certificate.certified_on,
        meeting=certificate.acknowledging_meeting,
    )
    return certificate


def suspended(officer, number="SCT-2566-002", reason="ไม่ส่งรายงานความก้าวหน้าตามกำหนด"):
    held = certificate(number)
    transition_certificate(certificate=held, to_status=CertificateStatus.SUSPENDED,
                           reason=reason, meeting=deciding_meeting(), on=DECIDED_ON,
                           by=officer)  # fmt: skip
    held.refresh_from_db()
    return held


def revoked(officer, number="SCT-2566-003", reason="ไม่ดำเนินการตามแผนภายในสองปี", on=DECIDED_ON):
    held = certificate(number)
    transition_certificate(certificate=held, to_status=CertificateStatus.REVOKED,
                           reason=reason, meeting=deciding_meeting(number=2), on=on,
                           by=officer)  # fmt: skip
    held.refresh_from_db()
    return held


def expired(number="SCT-2566-004"):
    return certificate(number, valid_until=dt.date(2024, 5, 31))
