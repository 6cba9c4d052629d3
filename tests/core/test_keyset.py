"""Keyset pagination: following the next links visits every row once in order, the
previous links come back through the same pages, a page number lands where the links do,
and a cursor that is not ours gives the first page."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from smartcity.core.keyset import Keyset, encode_cursor, paginate
from smartcity.proposals.models import Proposal
from tests.proposals.factories import ProposalFactory
from tests.reviews.factories import PhaseFactory

DAY = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC)
# Submission times with ties and blanks: None sorts first (ascending).
TIMES = [None, DAY, DAY, None, DAY + dt.timedelta(days=1), DAY, DAY + dt.timedelta(days=2)]


@pytest.fixture
def proposals(db):
    made = []
    for when in TIMES:
        proposal = ProposalFactory()
        Proposal.objects.filter(pk=proposal.pk).update(submitted_at=when)
        made.append(proposal.pk)
    return Proposal.objects.filter(pk__in=made)


def page_of(queryset, keyset, query: str = "", size: int = 3):
    return paginate(RequestFactory().get("/list/", QueryDict(query)), queryset, keyset, size=size)


def order(queryset, *, descending=False) -> list[int]:
    """The ids in the list's order, worked out here: blanks first ascending, last
    descending; ties by id."""
    rows = list(queryset.values_list("submitted_at", "pk"))
    if descending:
        rows.sort(key=lambda r: (r[0] is None, -r[0].timestamp() if r[0] else 0, r[1]))
    else:
        rows.sort(key=lambda r: (r[0] is not None, r[0].timestamp() if r[0] else 0, r[1]))
    return [pk for _when, pk in rows]


def walk(queryset, keyset) -> tuple[list[list[int]], list[list[int]]]:
    """The pages met following "next" from the first, then "previous" back from the last."""
    forward = [page_of(queryset, keyset)]
    while forward[-1].has_next:
        forward.append(page_of(queryset, keyset, forward[-1].next_query))
    backward = [forward[-1]]
    while backward[-1].has_previous:
        backward.append(page_of(queryset, keyset, backward[-1].previous_query))
    ids = [[row.pk for row in page.object_list] for page in forward]
    back = [[row.pk for row in page.object_list] for page in reversed(backward)]
    return ids, back


@pytest.mark.parametrize("descending", [False, True])
def test_next_and_previous_visit_every_row_once_in_order_despite_ties_and_blanks(
    proposals, descending
):
    keyset = Keyset("submitted_at", descending=descending)

    forward, backward = walk(proposals, keyset)

    assert [pk for page in forward for pk in page] == order(proposals, descending=descending)
    assert backward == forward
    assert [len(page) for page in forward] == [3, 3, 1]


def test_a_page_number_lands_on_the_page_the_links_reach(proposals):
    keyset = Keyset("submitted_at")
    forward, _back = walk(proposals, keyset)

    numbered = [page_of(proposals, keyset, f"page={n}") for n in (1, 2, 3, 99)]

    assert [[r.pk for r in p.object_list] for p in numbered] == [*forward, forward[-1]]
    assert [(p.number, p.paginator.num_pages, p.paginator.count) for p in numbered[:3]] == [
        (1, 3, 7),
        (2, 3, 7),
        (3, 3, 7),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "after=nonsense",
        "before=%%%",
        f"after={encode_cursor('not a date', 1)}",
        "after=WzEsIjIiXQ",  # [1,"2"]: an id that is not a number
        "page=abc",
        "page=-3",
    ],
)
def test_a_cursor_that_is_not_ours_gives_the_first_page(proposals, query):
    keyset = Keyset("submitted_at")
    first = page_of(proposals, keyset)

    page = page_of(proposals, keyset, query)

    assert ([r.pk for r in page.object_list], page.number) == (
        [r.pk for r in first.object_list],
        1,
    )


def test_a_cursor_past_the_end_gives_the_first_page(proposals):
    keyset = Keyset("submitted_at")
    late = timezone.now() + dt.timedelta(days=3650)

    page = page_of(proposals, keyset, f"after={encode_cursor(late, 10**9)}")

    assert [r.pk for r in page.object_list] == order(proposals)[:3]


def test_the_links_keep_the_other_filters(proposals):
    page = page_of(proposals, Keyset("submitted_at"), "state=all&sort=&page=2")

    assert QueryDict(page.next_query).get("state") == "all"
    assert "page" not in QueryDict(page.next_query)
    assert "after" in QueryDict(page.next_query)


def test_the_board_answers_a_bad_cursor_with_its_first_page(secretariat, db):
    PhaseFactory()

    response = secretariat.get(reverse("reviews:board"), {"after": "garbage", "before": "x"})

    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_the_queue_answers_a_bad_cursor_with_its_first_page(secretariat, db):
    response = secretariat.get(reverse("proposals:queue"), {"after": "WzFd", "page": "2"})

    assert (response.status_code, response.context["page"].number) == (200, 1)
