"""An expired certificate counted in the national figures after its end date.

A certificate reads "valid until D" (มีผลถึงวันที่ D): D is its last day in force, so the
area counts on D and stops counting on D + 1, as a revoked one stops on its revocation day."""

import datetime as dt

import pytest

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.services.status import transition_certificate
from smartcity.geo.models import Province
from smartcity.registry.selectors import certified_areas, national_figures, search_areas
from tests.accounts.factories import UserFactory
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory

VALID_UNTIL = dt.date(2025, 5, 31)
DAY_AFTER = VALID_UNTIL + dt.timedelta(days=1)


@pytest.fixture
def expiring(db):
    """Two areas in two provinces certified in 2023: one without a validity term on record
    (as the imported ones), the other valid until 31 May 2025."""
    CertifiedAreaFactory(province=Province.objects.get(code="65"), certified_on=dt.date(2023, 6, 1))
    return CertifiedAreaFactory(
        province=Province.objects.get(code="83"),
        certified_on=dt.date(2023, 6, 1),
        certificate_number="SCT-2566-001",
        valid_until=VALID_UNTIL,
        domains=["mobility"],
    )


@pytest.mark.parametrize(
    ("as_of", "areas", "provinces"),
    [
        (dt.date(2024, 1, 1), 2, 2),
        (VALID_UNTIL, 2, 2),  # its last day in force
        (DAY_AFTER, 1, 1),  # expired
        (dt.date(2099, 1, 1), 1, 1),  # the area without a term keeps counting
    ],
)
def test_an_expiring_area_counts_until_its_end_date_and_not_after(
    expiring, as_of, areas, provinces
):
    figures = national_figures(as_of)

    assert (figures.areas, figures.provinces) == (areas, provinces)
    assert (expiring in certified_areas(as_of)) is (areas == 2)
    assert (expiring in search_areas({"as_of": as_of})) is (areas == 2)


def test_an_expired_area_leaves_its_region_batch_and_domain_counts(expiring):
    on_last_day = national_figures(VALID_UNTIL)
    after = national_figures(DAY_AFTER)

    def south(figures):
        return next(r for r in figures.regions if r.region.code == "south").areas

    def mobility(figures):
        return {d.code: d.areas for d in figures.domains}["mobility"]

    def batch(figures):
        return dict((b.code, n) for b, n in figures.batches).get(expiring.batch.code, 0)

    assert (south(on_last_day), south(after)) == (1, 0)
    assert (mobility(on_last_day), mobility(after)) == (1, 0)
    assert (batch(on_last_day), batch(after)) == (1, 0)
    assert (on_last_day.areas_with_domains, after.areas_with_domains) == (1, 0)


def test_a_revoked_area_stops_at_its_revocation_even_before_its_end_date(expiring):
    transition_certificate(
        certificate=expiring.certificate,
        to_status=CertificateStatus.REVOKED,
        reason="ไม่ดำเนินการตามแผน",
        meeting=MeetingFactory(held_on=dt.date(2024, 12, 20), year_be=2567),
        on=dt.date(2025, 1, 1),
        by=UserFactory(is_secretariat=True),
    )

    assert national_figures(dt.date(2024, 12, 31)).areas == 2
    assert national_figures(dt.date(2025, 1, 1)).areas == 1


def test_the_imported_areas_have_no_term_and_keep_counting(programme_data):
    assert national_figures(dt.date(2099, 1, 1)).areas == 30
