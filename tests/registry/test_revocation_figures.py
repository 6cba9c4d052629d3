"""A revoked area counted in the national figures until its revocation takes effect."""

import datetime as dt

import pytest

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.services.status import transition_certificate
from smartcity.geo.models import Province
from smartcity.registry.selectors import certified_areas, national_figures
from tests.accounts.factories import UserFactory
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory

REVOKED_ON = dt.date(2025, 7, 1)


@pytest.fixture
def revoked(db):
    """Two areas in two provinces certified in 2023; the second revoked on 1 July 2025."""
    CertifiedAreaFactory(province=Province.objects.get(code="65"), certified_on=dt.date(2023, 6, 1))
    area = CertifiedAreaFactory(
        province=Province.objects.get(code="83"), certified_on=dt.date(2023, 6, 1)
    )
    transition_certificate(
        certificate=area.certificate,
        to_status=CertificateStatus.REVOKED,
        reason="ไม่ดำเนินการตามแผนภายในสองปี",
        meeting=MeetingFactory(held_on=dt.date(2025, 6, 20), year_be=2568),
        on=REVOKED_ON,
        by=UserFactory(is_secretariat=True),
    )
    return area


@pytest.mark.parametrize(
    ("as_of", "areas", "provinces"),
    [
        (dt.date(2023, 5, 31), 0, 0),
        (dt.date(2024, 1, 1), 2, 2),
        (REVOKED_ON - dt.timedelta(days=1), 2, 2),  # the last day it held the logo
        (REVOKED_ON, 1, 1),  # the revocation takes effect on its day
        (dt.date(2026, 1, 1), 1, 1),
    ],
)
def test_a_revoked_area_counts_before_its_revocation_and_not_after(
    revoked, as_of, areas, provinces
):
    figures = national_figures(as_of)

    assert (figures.areas, figures.provinces) == (areas, provinces)
    assert (revoked in certified_areas(as_of)) is (areas == 2)


def test_a_revoked_area_leaves_its_region_and_domain_counts(revoked):
    revoked.certificate.domains.create(domain="mobility")

    before = national_figures(REVOKED_ON - dt.timedelta(days=1))
    after = national_figures(REVOKED_ON)

    south = next(r for r in before.regions if r.region.code == "south")
    south_after = next(r for r in after.regions if r.region.code == "south")
    mobility = {d.code: d.areas for d in before.domains}["mobility"]
    mobility_after = {d.code: d.areas for d in after.domains}["mobility"]
    assert (south.areas, south_after.areas) == (1, 0)
    assert (mobility, mobility_after) == (1, 0)
