"""The secretariat's queue runs the same number of queries whatever the size of the queue."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.geo.models import Province
from smartcity.proposals.services.drafting import refresh_search_document
from smartcity.proposals.services.submission import submit_proposal
from tests.proposals.factories import ProposalFactory, complete, member

QUEUES = [
    {},
    {"state": "all", "sort": "name"},
    {"q": "ข้อเสนอ", "province": "65"},
    {"organisation_type": "municipality", "page": "1"},
]


def count_queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("proposals:queue"), params)
    assert response.status_code == 200
    assert response.context["page"].object_list  # rows are drawn: the count means something
    return len(queries)


def add_submitted(n: int) -> None:
    bangkok = Province.objects.get(code="10")
    for i in range(n):
        proposal = complete(ProposalFactory())
        proposal.search_document = refresh_search_document(proposal)
        proposal.save(update_fields=["search_document"])
        if i % 2:
            proposal.provinces.add(bangkok)
        submit_proposal(proposal=proposal, by=member(proposal.organisation))


@pytest.mark.parametrize("params", QUEUES)
@pytest.mark.django_db
def test_queue_query_count_does_not_grow_with_the_queue(secretariat, params):
    add_submitted(3)
    secretariat.get(reverse("proposals:queue"))  # session and user set-up, outside the measure
    small = count_queries(secretariat, params)

    add_submitted(22)
    large = count_queries(secretariat, params)

    assert large == small
    # The menu: whether the person sits on a committee, the unread count; the page by key
    # (core.keyset): its keys, then its rows.
    assert small <= 13


@pytest.mark.django_db
def test_applicant_list_query_count_does_not_grow_with_the_proposals():
    first = ProposalFactory()
    editor = member(first.organisation)
    client = Client()
    client.force_login(editor)
    client.get(reverse("proposals:list"))

    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("proposals:list"))
        assert response.status_code == 200
        return len(queries)

    small = measure()
    for _ in range(20):
        ProposalFactory(organisation=first.organisation)
    large = measure()

    assert large == small
    assert small <= 11  # the menu asks once whether the person sits on a committee


@pytest.mark.parametrize("sort", ["", "name"])
@pytest.mark.django_db
def test_a_deep_queue_page_costs_the_queries_of_the_first(secretariat, monkeypatch, sort):
    monkeypatch.setattr("smartcity.proposals.views.secretariat.PAGE_SIZE", 2)
    add_submitted(9)
    secretariat.get(reverse("proposals:queue"))
    first = count_queries(secretariat, {"sort": sort})

    deep = count_queries(secretariat, {"sort": sort, "page": 4})
    third = secretariat.get(reverse("proposals:queue"), {"sort": sort, "page": 3})
    by_cursor = count_queries(secretariat, QueryDict(third.context["page"].next_query).dict())

    # One seek in the index for a page number, one count of the rows before a page that
    # is not the first (its number): whatever the depth.
    assert (deep, by_cursor) == (first + 2, first + 1)
