"""The certificate list, the announcements and the certificate pages run the same number
of queries whatever the size of the data."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.certification.services.status import transition_certificate
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from tests.certification.factories import BatchFactory, CertifiedAreaFactory, MeetingFactory
from tests.certification.views.certificates import certificate, deciding_meeting, revoked

pytestmark = pytest.mark.django_db

PAST = dt.date(2024, 5, 31)
LISTS = [
    {},
    {"status": "active"},
    {"status": "expired", "batch": "B1"},
    {"q": "SCT-2566"},
    {"q": "เมืองอัจฉริยะ"},
]


def count_queries(client, url, params=None) -> int:
    # The rendering is measured, not a public page kept for anonymous readers
    # (tests/registry/test_public_cache.py measures those).
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def add_certificates(start: int, n: int, officer) -> None:
    batch = BatchFactory(code="B1")
    for i in range(start, start + n):
        number = f"SCT-2566-{i + 1:03d}"
        if i % 5 == 4:
            revoked(officer, number)
        else:
            expired = i % 3 == 0
            certificate(number, batch=batch, valid_until=PAST if expired else None)


@pytest.mark.parametrize("params", LISTS)
def test_certificate_list_query_count_does_not_grow(secretariat, secretariat_user, params):
    url = reverse("certification:certificates")
    add_certificates(0, 3, secretariat_user)
    secretariat.get(url)  # session and user set-up, outside the measure
    small = count_queries(secretariat, url, params)

    add_certificates(3, 30, secretariat_user)
    large = count_queries(secretariat, url, params)

    assert large == small
    assert small <= 10


def test_batches_query_count_does_not_grow(secretariat):
    url = reverse("certification:batches")
    for n in range(2):
        certificate(f"SCT-2566-{n + 1:03d}", batch=BatchFactory(code=f"B{n + 1}"))
    secretariat.get(url)
    small = count_queries(secretariat, url)

    for n in range(2, 12):
        certificate(f"SCT-2566-{n + 1:03d}", batch=BatchFactory(code=f"B{n + 1}"))
    large = count_queries(secretariat, url)

    assert large == small
    assert small <= 8


def add_announced_meetings(start: int, n: int) -> None:
    for number in range(start, start + n):
        meeting = MeetingFactory(
            committee__kind=CommitteeKind.STEERING,
            number=number + 1,
            year_be=2566,
            status=MeetingStatus.RELEASED,
        )
        for _ in range(3):
            CertifiedAreaFactory(acknowledging_meeting=meeting)


def test_announcement_list_query_count_does_not_grow(anonymous):
    url = reverse("registry:announcements")
    add_announced_meetings(0, 2)
    anonymous.get(url)
    small = count_queries(anonymous, url)

    add_announced_meetings(2, 15)
    large = count_queries(anonymous, url)

    assert large == small
    assert small <= 5


def test_announcement_query_count_does_not_grow_with_its_areas(anonymous):
    meeting = MeetingFactory(
        committee__kind=CommitteeKind.STEERING,
        number=1,
        year_be=2566,
        status=MeetingStatus.RELEASED,
    )
    url = reverse("registry:announcement", args=[meeting.pk])
    CertifiedAreaFactory(acknowledging_meeting=meeting, domains=["energy"])
    anonymous.get(url)
    small = count_queries(anonymous, url)

    for _ in range(20):
        CertifiedAreaFactory(acknowledging_meeting=meeting, domains=["energy", "living"])
    large = count_queries(anonymous, url)

    assert large == small
    assert small <= 15


def test_verification_query_count_does_not_grow_with_the_history(anonymous, secretariat_user):
    held = certificate()
    url = reverse("certification:verify", args=[held.number])
    anonymous.get(url)
    small = count_queries(anonymous, url)

    for n in range(4):  # suspended and reinstated, with a meeting each time
        meeting = deciding_meeting(number=n + 1)
        transition_certificate(certificate=held, to_status="suspended", reason="r", meeting=meeting,
                               on=meeting.held_on, by=secretariat_user)  # fmt: skip
        transition_certificate(certificate=held, to_status="active", reason="r", meeting=meeting,
                               on=meeting.held_on, by=secretariat_user)  # fmt: skip
    large = count_queries(anonymous, url)
    json_count = count_queries(anonymous, reverse("certification:verify_json", args=[held.number]))

    assert large == small
    assert json_count <= small
    assert small <= 6
