"""The organisation page runs the same number of queries whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcity.accounts.enums import MembershipRole
from tests.accounts.factories import InvitationFactory, MembershipFactory


def count_queries(client, organisation) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def grow(organisation, members: int) -> None:
    roles = list(MembershipRole)
    for i in range(members):
        MembershipFactory(organisation=organisation, role=roles[i % len(roles)])
        InvitationFactory(organisation=organisation)


@pytest.mark.parametrize("persona", ["owner", "viewer", "secretariat"])
@pytest.mark.django_db
def test_organisation_page_query_count_does_not_grow_with_members(
    request, members, organisation, persona
):
    client = request.getfixturevalue(persona)
    client.get(organisation.get_absolute_url())  # session set-up happens once, outside

    small = count_queries(client, organisation)  # 3 members
    grow(organisation, 27)
    large = count_queries(client, organisation)  # 30 members, 27 invitations

    assert organisation.memberships.count() == 30
    assert large == small
    assert small <= 9  # the menu asks once whether the person sits on a committee
