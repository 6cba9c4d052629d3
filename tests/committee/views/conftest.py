import pytest
from django.test import Client

from tests.committee.views.world import build_world, client_for
from tests.proposals.factories import member


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def world(officer):
    return build_world(officer)


@pytest.fixture
def applicant(world) -> Client:
    """A proponent's officer (of the proposal on item 1), on no committee."""
    return client_for(member(world.open_proposal.organisation))


@pytest.fixture
def member_client(world) -> Client:
    return client_for(world.member.user)


@pytest.fixture
def recused_client(world) -> Client:
    return client_for(world.recused.user)


@pytest.fixture
def other_member_client(world) -> Client:
    return client_for(world.other_member.user)


@pytest.fixture
def secretariat_en(secretariat) -> Client:
    secretariat.cookies["smartcity_language"] = "en"
    return secretariat
