"""My work runs the same number of queries whatever the amount of work waiting."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.committee.enums import CommitteeKind
from smartcity.committee.services.agenda import add_information_item
from smartcity.committee.services.meetings import schedule_meeting
from smartcity.reviews.services import assign_reviewer
from tests.committee.factories import committee
from tests.dashboard.world import client_for, returned_late, submitted
from tests.proposals.factories import ProposalFactory, member
from tests.reviews.factories import (
    DUE,
    FIRST,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    in_evaluation,
    reviewed,
)

URL = reverse("dashboard:home")


def count(user) -> int:
    client = client_for(user)
    client.get(URL)  # warm the session and the translation catalogues
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def add_secretariat_work(officer, n: int) -> None:
    phase = PhaseFactory()
    board = committee(CommitteeKind.SUB_COMMITTEE)
    for i in range(n):
        submitted(f"ข้อเสนอ {i}")
        returned_late(officer, f"ข้อเสนอที่ล่าช้า {i}")
        reviewed(officer, phase, FIRST)
        schedule_meeting(
            committee=board,
            held_on=dt.date.today() + dt.timedelta(days=7 * (i + 1)),
            place="ห้องประชุม",
            by=officer,
        )


@pytest.mark.django_db
def test_secretariat_work_query_count_does_not_grow(secretariat_user):
    add_secretariat_work(secretariat_user, 1)
    small = count(secretariat_user)

    add_secretariat_work(secretariat_user, 4)
    large = count(secretariat_user)

    assert large == small, (small, large)


@pytest.mark.django_db
def test_reviewer_work_query_count_does_not_grow(secretariat_user):
    reviewer = ReviewerFactory(max_load=20)
    phase = PhaseFactory()

    def add(n):
        for _ in range(n):
            proposal = in_evaluation(secretariat_user)
            assign_reviewer(
                phase=phase,
                dossier=dossier_of(proposal),
                reviewer=reviewer,
                due_on=DUE,
                by=secretariat_user,
            )

    add(1)
    small = count(reviewer.user)
    add(4)
    large = count(reviewer.user)

    assert large == small, (small, large)


@pytest.mark.django_db
def test_committee_work_query_count_does_not_grow(secretariat_user):
    board = committee(CommitteeKind.SUB_COMMITTEE)
    seat = board.members.select_related("user").first()

    def add(n):
        for i in range(n):
            meeting = schedule_meeting(
                committee=board,
                held_on=dt.date.today() + dt.timedelta(days=7 * (i + 1)),
                place="ห้องประชุม",
                by=secretariat_user,
            )
            for title in ["รายงานความก้าวหน้า", "เรื่องอื่น ๆ"]:
                add_information_item(
                    meeting=meeting, title_th=title, title_en="", by=secretariat_user
                )

    add(1)
    small = count(seat.user)
    add(4)
    large = count(seat.user)

    assert large == small, (small, large)


@pytest.mark.django_db
def test_applicant_work_query_count_does_not_grow(secretariat_user):
    first = ProposalFactory()
    applicant = member(first.organisation)

    def add(n):
        for _ in range(n):
            ProposalFactory(organisation=first.organisation)

    small = count(applicant)
    add(5)
    large = count(applicant)

    assert large == small, (small, large)
