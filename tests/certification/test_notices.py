"""A certificate's holder is told when it is suspended, reinstated or revoked (why, from
when, which meeting), and 90 then 30 days before it expires (once each, a daily job)."""

import datetime as dt

import pytest
from django.core import mail

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.models import Certificate
from smartcity.certification.notices import send_expiry_notices
from smartcity.certification.services.errors import CertificationError
from smartcity.certification.services.status import transition_certificate
from smartcity.core.scheduled import run_all
from smartcity.notifications.models import Notification
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def holder():
    organisation = OrganisationFactory()
    people = []
    for language in ("th", "en"):
        user = UserFactory(preferred_language=language)
        MembershipFactory(user=user, organisation=organisation, role="editor")
        people.append(user)
    viewer = UserFactory()  # a viewer is not told
    MembershipFactory(user=viewer, organisation=organisation, role="viewer")
    return organisation, people


def certificate_of(organisation, **fields) -> Certificate:
    return CertifiedAreaFactory(
        proponent=organisation, certified_on=dt.date(2023, 6, 1), **fields
    ).certificate


def test_a_suspension_then_reinstatement_tells_the_holders_each_in_their_language(
    holder, secretariat_user, django_capture_on_commit_callbacks
):
    organisation, (thai, english) = holder
    certificate = certificate_of(organisation, valid_until=dt.date(2026, 5, 31))
    decision = MeetingFactory(held_on=dt.date(2024, 3, 1), number=2, year_be=2567)

    with django_capture_on_commit_callbacks(execute=True):
        transition_certificate(
            certificate=certificate,
            to_status=CertificateStatus.SUSPENDED,
            reason="ไม่ดำเนินการตามแผน",
            meeting=decision,
            on=dt.date(2024, 3, 5),
            by=secretariat_user,
        )

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted([thai.email, english.email])
    assert by_address[thai.email].subject == (
        f"[เมืองอัจฉริยะประเทศไทย] ใบรับรองเลขที่ {certificate.number} ถูกพักใช้"
    )
    assert "ไม่ดำเนินการตามแผน" in by_address[thai.email].body
    assert "5 มีนาคม 2567" in by_address[thai.email].body
    assert by_address[english.email].subject == (
        f"[Smart City Thailand] Certificate {certificate.number} is suspended"
    )
    assert "5 March 2024" in by_address[english.email].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition_certificate(
            certificate=certificate,
            to_status=CertificateStatus.ACTIVE,
            reason="ดำเนินการครบถ้วนแล้ว",
            meeting=decision,
            on=dt.date(2024, 4, 1),
            by=secretariat_user,
        )

    assert sorted(m.subject for m in mail.outbox)[0].endswith("is reinstated")
    assert Notification.objects.filter(user=thai).count() == 2


def test_a_refused_change_of_status_tells_no_one(
    holder, secretariat_user, django_capture_on_commit_callbacks
):
    organisation, _people = holder
    certificate = certificate_of(organisation, status=CertificateStatus.REVOKED)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CertificationError):
        transition_certificate(
            certificate=certificate,
            to_status=CertificateStatus.SUSPENDED,
            reason="x",
            meeting=MeetingFactory(),
            on=dt.date(2024, 3, 5),
            by=secretariat_user,
        )

    assert mail.outbox == []


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Runs a daily job's function with its notices sent (after the commit)."""

    def run(func, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(**kwargs)

    return run


def test_the_holder_hears_90_then_30_days_before_expiry_once_each(holder, told):
    organisation, (thai, english) = holder
    certificate = certificate_of(organisation, valid_until=TODAY + dt.timedelta(days=90))
    certificate_of(  # suspended: not told
        organisation,
        valid_until=TODAY + dt.timedelta(days=30),
        status=CertificateStatus.SUSPENDED,
    )

    told(send_expiry_notices, today=TODAY)
    told(send_expiry_notices, today=TODAY + dt.timedelta(days=1))  # a later day, same threshold
    assert sorted(m.to[0] for m in mail.outbox) == sorted([thai.email, english.email])
    english_mail = next(m for m in mail.outbox if m.to == [english.email])
    assert "in 90 days" in english_mail.body

    mail.outbox.clear()
    told(send_expiry_notices, today=TODAY + dt.timedelta(days=60))
    told(send_expiry_notices, today=TODAY + dt.timedelta(days=60))
    assert len(mail.outbox) == 2
    thai_mail = next(m for m in mail.outbox if m.to == [thai.email])
    assert "อีก 30 วัน" in thai_mail.body
    assert certificate.number in thai_mail.subject


def test_the_expiry_notices_run_as_a_scheduled_job(holder, told):
    organisation, _people = holder
    certificate_of(organisation, valid_until=TODAY + dt.timedelta(days=10))

    result = told(run_all, today=TODAY, only={"certification.expiry.notices"})

    assert result == {"certification.expiry.notices": "1 certificate(s) expiring"}
    assert len(mail.outbox) == 2
