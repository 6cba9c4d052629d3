"""The replay of meeting 1/2565 as data: batch B1 imported from the programme's record and
the fifteen B2 proposals evaluated, for the replay test and every test that reads its
announcement (pytest finds the fixtures where a test module imports them)."""

import csv
import datetime as dt

import pytest

from smartcity.certification.models import CertifiedArea
from smartcity.certification.services.history import (
    CERTIFIED_AREAS_CSV,
    import_certified_areas,
    read_area_domains,
)
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import record_resolution
from smartcity.geo.models import Province
from tests.committee.factories import add_proposal_item, evaluated
from tests.proposals.factories import member

STEERING_DAY = dt.date(2022, 11, 9)
# The sub-committee's meeting 1/2565 was held before the steering committee's; its exact
# day is not on the public record, so the replay picks one in late October 2022.
SUB_COMMITTEE_DAY = dt.date(2022, 10, 26)


def _rows(batch: str) -> list[dict]:
    with CERTIFIED_AREAS_CSV.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["batch"] == batch]


@pytest.fixture
def batch_b1(db, tmp_path):
    path = tmp_path / "b1.csv"
    rows = _rows("B1")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    import_certified_areas(path=path)
    assert CertifiedArea.objects.count() == 15


@pytest.fixture
def batch_b2_evaluated(batch_b1, secretariat_user):
    """The fifteen B2 areas as proposals the secretariat has evaluated."""
    domains = read_area_domains()
    proposals = []
    for number, row in enumerate(_rows("B2"), 1):
        proposal = evaluated(
            secretariat_user,
            domains=domains.get(row["name_en"]) or ("environment", "governance"),
        )
        organisation = proposal.organisation
        organisation.name_th = row["proponent_th"] or f"ผู้ยื่นข้อเสนอ {row['name_th']}"
        organisation.save()
        proposal.name_th, proposal.name_en = row["name_th"], row["name_en"]
        proposal.save(update_fields=["name_th", "name_en"])
        proposal.provinces.set([Province.objects.get(code=row["province_code"])])
        # One proponent officer reads English, the others Thai.
        member(organisation, email=f"proponent{number}@example.org",
               preferred_language="en" if number == 1 else "th")  # fmt: skip
        proposals.append(proposal)
    return proposals


def decide(meeting, proposals, outcome, officer):
    for proposal in proposals:
        item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)
        domains = list(proposal.solutions.values_list("domain", flat=True))
        record_resolution(item=item, outcome=outcome, domains=domains, by=officer)
    close_meeting(meeting=meeting, by=officer)
    return release_results(meeting=meeting, by=officer)
