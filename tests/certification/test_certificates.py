"""Certificates: numbered per Buddhist-era year without gap or duplicate, valid for the
configured term, for the approved domains; suspended, reinstated or revoked with a reason,
a meeting and a date; "expired" derived from the dates."""

import datetime as dt
import itertools
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from smartcity.certification.enums import CertificateStatus, DisplayStatus, EventKind
from smartcity.certification.models import Certificate, CertificateEvent, CertifiedArea
from smartcity.certification.services.batches import set_ceremony
from smartcity.certification.services.errors import CertificationError
from smartcity.certification.services.history import import_certified_areas
from smartcity.certification.services.issuing import certify, validity_end
from smartcity.certification.services.numbering import next_certificate_number
from smartcity.certification.services.status import CERTIFICATE_TRANSITIONS, transition_certificate
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.services.meetings import schedule_meeting
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory
from tests.committee.factories import committee, evaluated

C = CertificateStatus
DAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


def meeting(kind, day, officer):
    return schedule_meeting(committee=committee(kind), held_on=day, place="ดีป้า", by=officer)


def certified(officer, day=DAY, domains=("mobility",), proposal=None):
    proposal = proposal or evaluated(officer)
    return certify(
        proposal=proposal,
        domains=list(domains),
        approving_meeting=meeting(
            CommitteeKind.SUB_COMMITTEE, day - dt.timedelta(days=20), officer
        ),
        acknowledging_meeting=meeting(CommitteeKind.STEERING, day, officer),
        by=officer,
    )


# --------------------------------------------------------------------------------------
# Certify
# --------------------------------------------------------------------------------------


def test_certify_gives_the_area_its_number_domains_event_and_proposal(officer):
    proposal = evaluated(officer, domains=("mobility", "environment", "energy"))

    certificate = certified(officer, domains=["mobility", "energy", "mobility"], proposal=proposal)

    area = certificate.area
    assert certificate.number == "SCT-2569-001"
    assert (certificate.proposal, certificate.certified_on, certificate.status) == (
        proposal,
        DAY,
        C.ACTIVE,
    )
    assert (area.certified_on, area.province.code, area.proponent) == (
        DAY,
        "65",
        proposal.organisation,
    )
    assert sorted(certificate.domains.values_list("domain", flat=True)) == ["energy", "mobility"]
    assert list(certificate.events.values_list("kind", "on", "meeting")) == [
        (EventKind.CERTIFIED, DAY, certificate.acknowledging_meeting_id)
    ]
    entry = AuditEntry.objects.for_object(area).get(action="certification.area.certified")
    assert entry.after["certificate_number"] == "SCT-2569-001"


def test_numbers_follow_each_other_within_a_year_and_restart_the_next(officer):
    first = certified(officer, day=dt.date(2026, 3, 1))
    second = certified(officer, day=dt.date(2026, 12, 1))
    january = certified(officer, day=dt.date(2027, 1, 10))

    assert [c.number for c in (first, second, january)] == [
        "SCT-2569-001",
        "SCT-2569-002",
        "SCT-2570-001",
    ]


@pytest.mark.parametrize(
    ("years", "until"), [(3, dt.date(2029, 11, 19)), (5, dt.date(2031, 11, 19))]
)
def test_the_validity_term_comes_from_the_settings(officer, years, until):
    with override_settings(SMARTCITY={**settings.SMARTCITY, "CERTIFICATE_VALIDITY_YEARS": years}):
        certificate = certified(officer)

    assert (certificate.valid_from, certificate.valid_until) == (DAY, until)


@pytest.mark.parametrize(
    ("certified_on", "until"),
    [
        (dt.date(2024, 2, 29), dt.date(2027, 2, 28)),  # no 29 February in 2027
        (dt.date(2024, 3, 1), dt.date(2027, 2, 28)),
        (dt.date(2023, 2, 28), dt.date(2026, 2, 27)),
    ],
)
@override_settings(SMARTCITY={**settings.SMARTCITY, "CERTIFICATE_VALIDITY_YEARS": 3})
def test_validity_ends_the_day_before_the_anniversary(certified_on, until):
    assert validity_end(certified_on) == until


def test_an_area_is_certified_once(officer):
    certificate = certified(officer)

    with pytest.raises(CertificationError, match="This proposal's area is already certified"):
        certified(officer, proposal=certificate.proposal)

    assert CertifiedArea.objects.count() == 1


@pytest.mark.parametrize(
    ("domains", "message"),
    [
        ([], "An area is certified for at least one domain."),
        (["mobility", "flying"], "Only the seven smart-city domains can be certified."),
    ],
)
def test_certify_refuses_bad_domains(officer, domains, message):
    with pytest.raises(CertificationError, match=message):
        certified(officer, domains=domains)

    assert CertifiedArea.objects.count() == 0


def test_certify_refuses_a_second_area_of_the_same_name_in_the_province(officer):
    first = certified(officer).area
    twin = evaluated(officer)
    twin.name_en = first.name_en
    twin.save(update_fields=["name_en"])

    with pytest.raises(CertificationError, match="is already certified"):
        certified(officer, proposal=twin)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The SQLite test database is in memory with a shared cache: threads cannot take "
    "numbers at the same time. Run with DATABASE_URL set to PostgreSQL.",
)
def test_numbers_taken_at_the_same_moment_have_no_gap_and_no_duplicate(transactional_db):
    count = 8
    start = threading.Barrier(count)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            start.wait()
            with transaction.atomic():
                numbers.append(next_certificate_number(2569))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(numbers) == [f"SCT-2569-{n:03d}" for n in range(1, count + 1)]


# --------------------------------------------------------------------------------------
# Status
# --------------------------------------------------------------------------------------


@pytest.fixture
def certificate(db):
    return CertifiedAreaFactory(
        certified_on=dt.date(2023, 6, 1), valid_until=dt.date(2026, 5, 31)
    ).certificate


@pytest.fixture
def decision():
    return MeetingFactory(held_on=dt.date(2024, 3, 1), number=2, year_be=2567)


def put(certificate, status):
    Certificate.objects.filter(pk=certificate.pk).update(status=status)
    certificate.refresh_from_db()
    return certificate


@pytest.mark.parametrize(("source", "target"), list(CERTIFICATE_TRANSITIONS))
def test_every_allowed_change_of_status_is_recorded_publicly(
    officer, certificate, decision, source, target
):
    put(certificate, source)
    on = dt.date(2024, 3, 5)

    transition_certificate(
        certificate=certificate,
        to_status=target,
        reason=" ไม่ดำเนินการตามแผน ",
        meeting=decision,
        on=on,
        by=officer,
    )

    certificate.refresh_from_db()
    event = certificate.events.get()
    assert certificate.status == target
    assert certificate.revoked_on == (on if target == C.REVOKED else None)
    assert (event.kind, event.on, event.reason, event.meeting) == (
        CERTIFICATE_TRANSITIONS[(source, target)],
        on,
        "ไม่ดำเนินการตามแผน",
        decision,
    )
    entry = AuditEntry.objects.for_object(certificate).get(
        action=f"certification.certificate.{event.kind}"
    )
    assert (entry.before, entry.after["status"]) == ({"status": source}, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pair
        for pair in itertools.product(C.values, [*C.values, "expired"])
        if pair not in CERTIFICATE_TRANSITIONS
    ],
)
def test_every_other_change_of_status_is_refused(officer, certificate, decision, source, target):
    put(certificate, source)

    with pytest.raises(CertificationError) as error:
        transition_certificate(
            certificate=certificate,
            to_status=target,
            reason="เหตุผล",
            meeting=decision,
            on=dt.date(2024, 3, 5),
            by=officer,
        )

    label = C(target).label if target in C.values else target
    assert str(error.value) == f"A certificate that is “{C(source).label}” cannot become “{label}”."
    certificate.refresh_from_db()
    assert (certificate.status, certificate.events.count()) == (source, 0)


@pytest.mark.parametrize(
    ("reason", "with_meeting", "on", "message"),
    [
        ("  ", True, dt.date(2024, 3, 5), "Give the reason; it is shown publicly."),
        ("เหตุผล", False, dt.date(2024, 3, 5), "Name the meeting that decided."),
        ("เหตุผล", True, None, "Give the date it takes effect."),
        ("เหตุผล", True, dt.date(2023, 5, 31), "The date is before the area was certified."),
        ("เหตุผล", True, dt.date(2024, 2, 29), "The date is before the meeting that decided."),
    ],
)
def test_a_change_of_status_needs_a_reason_a_meeting_and_a_sensible_date(
    officer, certificate, decision, reason, with_meeting, on, message
):
    with pytest.raises(CertificationError, match=message):
        transition_certificate(
            certificate=certificate,
            to_status=C.REVOKED,
            reason=reason,
            meeting=decision if with_meeting else None,
            on=on,
            by=officer,
        )

    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_on) == (C.ACTIVE, None)


def test_a_reinstatement_cannot_be_dated_before_the_suspension(officer, certificate, decision):
    transition_certificate(
        certificate=certificate,
        to_status=C.SUSPENDED,
        reason="ระงับ",
        meeting=decision,
        on=dt.date(2024, 4, 1),
        by=officer,
    )

    with pytest.raises(CertificationError, match="before the certificate's last change"):
        transition_certificate(
            certificate=certificate,
            to_status=C.ACTIVE,
            reason="คืนสิทธิ์",
            meeting=decision,
            on=dt.date(2024, 3, 20),
            by=officer,
        )


@pytest.mark.parametrize(
    ("status", "on", "shown"),
    [
        (C.ACTIVE, dt.date(2026, 5, 31), DisplayStatus.ACTIVE),  # the last valid day
        (C.ACTIVE, dt.date(2026, 6, 1), DisplayStatus.EXPIRED),
        (C.SUSPENDED, dt.date(2025, 1, 1), DisplayStatus.SUSPENDED),
        # As the docstring says: once the term has passed, "expired" tells the reader more
        # than a suspension that can no longer be lifted into a valid certificate.
        (C.SUSPENDED, dt.date(2026, 6, 1), DisplayStatus.EXPIRED),
        (C.REVOKED, dt.date(2025, 1, 1), DisplayStatus.REVOKED),
        (C.REVOKED, dt.date(2030, 1, 1), DisplayStatus.REVOKED),  # revoked stays revoked
    ],
)
def test_display_status_derives_expired_from_the_dates(certificate, status, on, shown):
    put(certificate, status)

    assert certificate.display_status(on) == shown


def test_an_imported_area_without_a_term_never_expires(db):
    area = CertifiedAreaFactory(certified_on=dt.date(2021, 11, 30), valid_until=None)

    assert area.certificate.display_status(dt.date(2040, 1, 1)) == DisplayStatus.ACTIVE


# --------------------------------------------------------------------------------------
# The imported record and the ceremony
# --------------------------------------------------------------------------------------


def test_the_import_numbers_each_of_the_thirty_areas_once(programme_data):
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    events = list(CertificateEvent.objects.order_by("pk").values_list("pk", "kind", "on"))

    import_certified_areas()

    assert numbers == sorted(
        [f"SCT-2564-{n:03d}" for n in range(1, 16)] + [f"SCT-2565-{n:03d}" for n in range(1, 16)]
    )
    assert sorted(Certificate.objects.values_list("number", flat=True)) == numbers
    assert Certificate.objects.filter(valid_from=None, valid_until=None).count() == 30
    assert list(CertificateEvent.objects.order_by("pk").values_list("pk", "kind", "on")) == events
    assert CertificateEvent.objects.filter(kind=EventKind.CERTIFIED).count() == 30


def test_set_ceremony_updates_the_batch_its_areas_and_their_events(officer, programme_data):
    phuket = CertifiedArea.objects.get(name_en="Phuket Smart City")
    batch = phuket.batch

    updated = set_ceremony(batch=batch, on=dt.date(2022, 1, 9), by=officer)

    phuket.refresh_from_db()
    batch.refresh_from_db()
    assert updated == 15 == batch.areas.count()
    assert (batch.logo_ceremony_on, phuket.logo_ceremony_on) == (
        dt.date(2022, 1, 9),
        dt.date(2022, 1, 9),
    )
    events = CertificateEvent.objects.filter(certificate__area=phuket, kind=EventKind.CEREMONY)
    assert list(events.values_list("on", flat=True)) == [dt.date(2022, 1, 9)]
    entry = AuditEntry.objects.for_object(batch).get(action="certification.batch.ceremony_recorded")
    assert (entry.before, entry.after) == (
        {"logo_ceremony_on": "2021-12-24"},
        {"logo_ceremony_on": "2022-01-09"},
    )


def test_the_logo_is_not_presented_before_certification(officer, programme_data):
    batch = CertifiedArea.objects.get(name_en="Phuket Smart City").batch

    with pytest.raises(CertificationError, match="before the area is certified"):
        set_ceremony(batch=batch, on=dt.date(2021, 11, 1), by=officer)

    batch.refresh_from_db()
    assert batch.logo_ceremony_on == dt.date(2021, 12, 24)
