"""Personas around one proponent organisation: its owner, editor and viewer, and a member
of another organisation (the outsider). Anonymous, secretariat and admin come from
tests/conftest.py."""

import pytest
from django.test import Client

from smartcity.accounts.enums import MembershipRole
from tests.accounts.factories import MembershipFactory, OrganisationFactory
from tests.accounts.personas import client_for


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name_th="เทศบาลนครขอนแก่น", name_en="Khon Kaen City Municipality")


@pytest.fixture
def owner_user(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.OWNER).user


@pytest.fixture
def editor_user(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def viewer_user(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.VIEWER).user


@pytest.fixture
def outsider_user(db):
    """The owner of another organisation."""
    return MembershipFactory(role=MembershipRole.OWNER).user


@pytest.fixture
def owner(owner_user) -> Client:
    return client_for(owner_user)


@pytest.fixture
def editor(editor_user) -> Client:
    return client_for(editor_user)


@pytest.fixture
def viewer(viewer_user) -> Client:
    return client_for(viewer_user)


@pytest.fixture
def outsider(outsider_user) -> Client:
    return client_for(outsider_user)


@pytest.fixture
def members(owner_user, editor_user, viewer_user):
    """The organisation with all three of its members present."""
    return {"owner": owner_user, "editor": editor_user, "viewer": viewer_user}
