import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from smartcity.accounts import selectors
from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.selectors import MANAGE_ORGANISATION, VIEW_ORGANISATION
from tests.accounts.factories import InvitationFactory, MembershipFactory, UserFactory


@pytest.mark.parametrize("persona", ["owner", "editor", "viewer", "secretariat", "admin"])
@pytest.mark.django_db
def test_get_organisation_for_returns_it_to_those_who_may_see_it(
    request, members, organisation, persona
):
    user = request.getfixturevalue(f"{persona}_user")

    assert selectors.get_organisation_for(user, organisation.pk, VIEW_ORGANISATION) == organisation


@pytest.mark.django_db
def test_get_organisation_for_hides_it_from_an_outsider(outsider_user, organisation):
    with pytest.raises(Http404):
        selectors.get_organisation_for(outsider_user, organisation.pk, MANAGE_ORGANISATION)


@pytest.mark.django_db
def test_get_organisation_for_an_unknown_identifier_is_404(owner_user):
    with pytest.raises(Http404):
        selectors.get_organisation_for(owner_user, 999_999, VIEW_ORGANISATION)


@pytest.mark.parametrize("persona", ["editor", "viewer", "secretariat"])
@pytest.mark.django_db
def test_get_organisation_for_refuses_management_to_insiders_without_the_role(
    request, members, organisation, persona
):
    user = request.getfixturevalue(f"{persona}_user")

    with pytest.raises(PermissionDenied):
        selectors.get_organisation_for(user, organisation.pk, MANAGE_ORGANISATION)


@pytest.mark.django_db
def test_organisation_members_lists_owners_first_then_by_name(organisation):
    viewer = MembershipFactory(organisation=organisation, user__full_name="ก ไก่")
    owner = MembershipFactory(
        organisation=organisation, role=MembershipRole.OWNER, user__full_name="ฮ นกฮูก"
    )
    editor = MembershipFactory(
        organisation=organisation, role=MembershipRole.EDITOR, user__full_name="ข ไข่"
    )
    MembershipFactory()  # another organisation's

    assert list(selectors.organisation_members(organisation)) == [owner, editor, viewer]


@pytest.mark.django_db
def test_pending_invitations_leave_out_accepted_and_expired_ones(organisation):
    pending = InvitationFactory(organisation=organisation)
    InvitationFactory(organisation=organisation, accepted_at=timezone.now())
    InvitationFactory(
        organisation=organisation, expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    InvitationFactory()  # another organisation's

    assert list(selectors.pending_invitations(organisation)) == [pending]


@pytest.mark.django_db
def test_memberships_of_lists_a_persons_organisations():
    user = UserFactory()
    first = MembershipFactory(user=user, organisation__name_th="ก เทศบาล")
    second = MembershipFactory(user=user, organisation__name_th="ข เทศบาล")
    MembershipFactory()

    assert list(selectors.memberships_of(user)) == [first, second]


@pytest.mark.django_db
def test_invitation_by_token_is_404_for_an_unknown_token():
    with pytest.raises(Http404):
        selectors.invitation_by_token("no-such-token")


@pytest.mark.django_db
def test_pending_invitation_is_none_unless_the_token_can_still_be_used():
    pending = InvitationFactory()
    used = InvitationFactory(accepted_at=timezone.now())

    assert selectors.pending_invitation(pending.token) == pending
    assert selectors.pending_invitation(used.token) is None
    assert selectors.pending_invitation("") is None
    assert selectors.pending_invitation("unknown") is None
