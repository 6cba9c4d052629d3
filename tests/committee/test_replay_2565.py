"""Replays steering-committee meeting 1/2565 (9 Nov 2022) from the programme's data: with
the fifteen batch-B1 areas certified, the fifteen batch-B2 proposals go through the
sub-committee and the steering committee on the platform, and the announcement reads as
the programme's did: fifteen more areas in fourteen provinces, thirty in twenty-three."""

import csv
import datetime as dt

import pytest
from django.core import mail

from smartcity.accounts.models import Organisation
from smartcity.certification.models import Certificate, CertifiedArea
from smartcity.certification.services import (
    CERTIFIED_AREAS_CSV,
    import_certified_areas,
    read_area_domains,
)
from smartcity.committee.enums import CommitteeKind, MeetingStatus, Outcome
from smartcity.committee.release import release_results
from smartcity.committee.services_meetings import (
    add_proposal_item,
    close_meeting,
    record_resolution,
)
from smartcity.geo.models import Province
from smartcity.proposals.enums import ProposalState
from smartcity.registry.selectors import announcement
from tests.committee.factories import evaluated, meeting_in_session
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


def _decide(meeting, proposals, outcome, officer):
    for proposal in proposals:
        item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)
        domains = list(proposal.solutions.values_list("domain", flat=True))
        record_resolution(item=item, outcome=outcome, domains=domains, by=officer)
    close_meeting(meeting=meeting, by=officer)
    return release_results(meeting=meeting, by=officer)


def test_meeting_1_2565_replayed_from_data(
    batch_b2_evaluated, secretariat_user, django_capture_on_commit_callbacks
):
    officer = secretariat_user
    proposals = batch_b2_evaluated

    sub = meeting_in_session(officer, CommitteeKind.SUB_COMMITTEE, held_on=SUB_COMMITTEE_DAY)
    # 1/2564 and 2/2564 are on record; this is the sub-committee's first meeting of 2565.
    assert sub.reference == "1/2565"
    assert _decide(sub, proposals, Outcome.APPROVE, officer) == 15
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.state == ProposalState.APPROVED
    assert CertifiedArea.objects.count() == 15  # approval alone certifies nothing

    mail.outbox.clear()
    steering = meeting_in_session(officer, CommitteeKind.STEERING, held_on=STEERING_DAY)
    assert steering.reference == "1/2565"  # the B1 acknowledgement (Nov 2021) was B.E. 2564
    with django_capture_on_commit_callbacks(execute=True):
        assert _decide(steering, proposals, Outcome.ACKNOWLEDGE, officer) == 15
    steering.refresh_from_db()
    assert steering.status == MeetingStatus.RELEASED

    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.state == ProposalState.CERTIFIED
        certificate = proposal.certificate
        assert certificate.certified_on == certificate.area.certified_on == STEERING_DAY
        assert certificate.approving_meeting == sub
        assert certificate.acknowledging_meeting == steering
        assert certificate.number.startswith("SCT-2565-")
        assert sorted(certificate.domains.values_list("domain", flat=True)) == sorted(
            set(proposal.solutions.values_list("domain", flat=True))
        )
    numbers = sorted(Certificate.objects.filter(proposal__isnull=False).values_list(
        "number", flat=True))  # fmt: skip
    assert numbers == [f"SCT-2565-{n:03d}" for n in range(1, 16)]

    news = announcement(steering)
    assert len(news.areas) == 15
    assert news.provinces == 14  # two areas in Phitsanulok
    assert news.figures.areas == 30
    assert news.figures.provinces == 23
    assert news.figures.as_of == STEERING_DAY
    listed = {(a.name_th, a.province.name_th) for a in news.areas}
    assert ("โคราชเมืองอัจฉริยะ", "นครราชสีมา") in listed
    assert ("หาดใหญ่เมืองอัจฉริยะสีเขียว", "สงขลา") in listed
    # Nothing was declared for the B1 areas: the totals are not reported, never zero.
    assert news.figures.population_reported == 15
    assert news.figures.population_total == 15 * 60_000

    # Each proponent heard of the certification, in their own language.
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    certified = {p.organisation_id for p in proposals}
    assert len(subjects) == 30  # the officer who submitted and the one added here, per area
    assert len(certified) == 15
    english = subjects["proponent1@example.org"]
    assert "Certified" in english
    thai = subjects["proponent2@example.org"]
    assert thai.startswith("[เมืองอัจฉริยะประเทศไทย]")
    assert "ได้รับการรับรอง" in thai and "Certified" not in thai


def test_the_day_before_the_meeting_the_country_had_fifteen(batch_b2_evaluated):
    from smartcity.registry.selectors import national_figures

    figures = national_figures(STEERING_DAY - dt.timedelta(days=1))
    assert (figures.areas, figures.provinces) == (15, 11)
    assert Organisation.objects.filter(proposals__isnull=False).count() == 15
