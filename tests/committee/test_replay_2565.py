"""Replays steering-committee meeting 1/2565 (9 Nov 2022) from the programme's data: with
the fifteen batch-B1 areas certified, the fifteen batch-B2 proposals go through the
sub-committee and the steering committee on the platform, and the announcement reads as
the programme's did: fifteen more areas in fourteen provinces, thirty in twenty-three."""

import datetime as dt

from django.core import mail

from smartcity.accounts.models import Organisation
from smartcity.certification.models import Certificate, CertifiedArea
from smartcity.committee.enums import CommitteeKind, MeetingStatus, Outcome
from smartcity.proposals.enums import ProposalState
from smartcity.registry.selectors import announcement
from tests.committee.factories import meeting_in_session
from tests.committee.replay import (  # noqa: F401 (fixtures)
    STEERING_DAY,
    SUB_COMMITTEE_DAY,
    batch_b1,
    batch_b2_evaluated,
    decide,
)


def test_meeting_1_2565_replayed_from_data(
    batch_b2_evaluated,  # noqa: F811
    secretariat_user,
    django_capture_on_commit_callbacks,
):
    officer = secretariat_user
    proposals = batch_b2_evaluated

    sub = meeting_in_session(officer, CommitteeKind.SUB_COMMITTEE, held_on=SUB_COMMITTEE_DAY)
    # 1/2564 and 2/2564 are on record; this is the sub-committee's first meeting of 2565.
    assert sub.reference == "1/2565"
    assert decide(sub, proposals, Outcome.APPROVE, officer) == 15
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.state == ProposalState.APPROVED
    assert CertifiedArea.objects.count() == 15  # approval alone certifies nothing

    mail.outbox.clear()
    steering = meeting_in_session(officer, CommitteeKind.STEERING, held_on=STEERING_DAY)
    assert steering.reference == "1/2565"  # the B1 acknowledgement (Nov 2021) was B.E. 2564
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(steering, proposals, Outcome.ACKNOWLEDGE, officer) == 15
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


def test_the_day_before_the_meeting_the_country_had_fifteen(batch_b2_evaluated):  # noqa: F811
    from smartcity.registry.selectors import national_figures

    figures = national_figures(STEERING_DAY - dt.timedelta(days=1))
    assert (figures.areas, figures.provinces) == (15, 11)
    assert Organisation.objects.filter(proposals__isnull=False).count() == 15
