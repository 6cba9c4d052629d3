"""The secretariat's evaluation lists run the same number of queries whatever their size."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.reviews.services import assign_reviewer, detect_conflicts, write_summary
from tests.reviews.factories import (
    DUE,
    FIRST,
    PERFECT,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    in_evaluation,
    reviewed,
)


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def phase(db):
    return PhaseFactory()


def count_queries(client, name: str, rows: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), params or {})
    assert response.status_code == 200
    assert response.context[rows].object_list  # rows are drawn: the count means something
    return len(queries)


def add_to_board(officer, phase, n: int) -> None:
    """n proposals: reviewed (some twice, some with a summary) or only assigned."""
    for i in range(n):
        if i % 3 == 0:
            proposal = in_evaluation(officer)
            assign_reviewer(
                phase=phase,
                dossier=dossier_of(proposal),
                reviewer=ReviewerFactory(),
                due_on=DUE,
                by=officer,
            )
        elif i % 3 == 1:
            proposal = reviewed(officer, phase, FIRST, PERFECT)
            write_summary(
                dossier=dossier_of(proposal), recommendation="approve", summary="ผ่าน", by=officer
            )
        else:
            reviewed(officer, phase, PERFECT)


def test_board_query_count_does_not_grow_with_the_board(secretariat, officer, phase):
    add_to_board(officer, phase, 3)
    secretariat.get(reverse("reviews:board"))  # session and user set-up, outside the measure
    small = count_queries(secretariat, "reviews:board", "page")

    add_to_board(officer, phase, 6)
    large = count_queries(secretariat, "reviews:board", "page")

    assert large == small
    # With the menu's unread count; the page by key: its count, keys, rows, the ranks'
    # count and the phase's totals.
    assert small <= 15


def test_a_deep_board_page_costs_the_queries_of_the_first(secretariat, officer, phase, monkeypatch):
    monkeypatch.setattr("smartcity.reviews.views.secretariat.board.PAGE_SIZE", 2)
    for scores in [FIRST, PERFECT] * 4:  # every row has a mean: every page counts ranks
        reviewed(officer, phase, scores)
    secretariat.get(reverse("reviews:board"))
    first = count_queries(secretariat, "reviews:board", "page")

    deep = count_queries(secretariat, "reviews:board", "page", {"page": 4})
    following = secretariat.get(reverse("reviews:board"), {"page": 3}).context["page"]
    by_cursor = count_queries(
        secretariat, "reviews:board", "page", QueryDict(following.next_query).dict()
    )

    # A page number is found by one seek in the index, and a page after the first counts
    # the rows before it (its number): never more, whatever the depth.
    assert (deep, by_cursor) == (first + 2, first + 1)


def add_to_pool(officer, phase, n: int) -> None:
    """n reviewers: some assigned in the phase, some in a province, some inactive."""
    proposal = in_evaluation(officer)
    for i in range(n):
        reviewer = ReviewerFactory(
            expertise=["mobility", "energy"][: 1 + i % 2],
            is_active=bool(i % 4),
            max_load=3,
        )
        if i % 2:
            reviewer.province_id = proposal.provinces.get().pk
            reviewer.save()
        if reviewer.is_active and i % 3 == 0:
            assign_reviewer(
                phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
            )


def test_reviewer_pool_query_count_does_not_grow_with_the_pool(secretariat, officer, phase):
    add_to_pool(officer, phase, 3)
    secretariat.get(reverse("reviews:reviewers"))
    small = count_queries(secretariat, "reviews:reviewers", "page")

    add_to_pool(officer, phase, 20)
    large = count_queries(secretariat, "reviews:reviewers", "page")

    assert large == small
    assert small <= 12


def test_conflict_list_query_count_does_not_grow_with_the_conflicts(secretariat, officer):
    def add(n: int) -> None:
        for _ in range(n):
            proposal = in_evaluation(officer)
            detect_conflicts(
                dossier=dossier_of(proposal),
                reviewers=[ReviewerFactory(organisation=proposal.organisation)],
            )

    add(2)
    secretariat.get(reverse("reviews:conflicts"))
    small = count_queries(secretariat, "reviews:conflicts", "page")

    add(6)
    large = count_queries(secretariat, "reviews:conflicts", "page")

    assert large == small


def test_assignment_board_query_count_does_not_grow_with_proposals_or_reviewers(
    secretariat, officer, phase
):
    def add(n: int) -> None:
        for _ in range(n):
            proposal = in_evaluation(officer)
            assign_reviewer(
                phase=phase,
                dossier=dossier_of(proposal),
                reviewer=ReviewerFactory(),
                due_on=DUE,
                by=officer,
            )
            detect_conflicts(
                dossier=dossier_of(proposal),
                reviewers=[ReviewerFactory(organisation=proposal.organisation)],
            )

    add(2)
    secretariat.get(reverse("reviews:assign"))
    small = count_queries(secretariat, "reviews:assign", "page")

    add(6)
    large = count_queries(secretariat, "reviews:assign", "page")

    assert large == small
