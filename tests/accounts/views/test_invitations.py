import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Membership
from tests.accounts.factories import InvitationFactory, MembershipFactory, UserFactory
from tests.accounts.personas import client_for


@pytest.fixture
def invitation(organisation, owner_user):
    return InvitationFactory(
        organisation=organisation,
        email="invitee@example.go.th",
        role=MembershipRole.EDITOR,
        invited_by=owner_user,
    )


@pytest.fixture
def invitee():
    return client_for(UserFactory(email="invitee@example.go.th"))


def page(invitation) -> str:
    return f"/accounts/invitations/{invitation.token}/"


def accept(invitation) -> str:
    return f"/accounts/invitations/{invitation.token}/accept/"


def members_of(invitation):
    return Membership.objects.filter(
        organisation=invitation.organisation, user__email=invitation.email
    )


# Seeing the invitation


@pytest.mark.django_db
def test_anonymous_is_asked_to_sign_in_or_sign_up(anonymous, invitation):
    response = anonymous.get(page(invitation))

    assert response.status_code == 200
    assert f"/accounts/login/?next=/accounts/invitations/{invitation.token}/" in response.text
    assert f"/accounts/signup/?invitation={invitation.token}" in response.text


@pytest.mark.django_db
def test_the_invitee_sees_the_accept_button(invitee, invitation):
    response = invitee.get(page(invitation))

    assert response.status_code == 200
    assert 'data-testid="accept"' in response.text
    assert invitation.organisation.name_th in response.text


@pytest.mark.parametrize("persona", ["owner", "outsider", "secretariat", "admin"])
@pytest.mark.django_db
def test_someone_signed_in_with_another_email_is_refused_clearly(request, invitation, persona):
    client = request.getfixturevalue(persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    seen = client.get(page(invitation))
    accepted = client.post(accept(invitation))

    assert (seen.status_code, accepted.status_code) == (403, 403)
    assert "This invitation is for someone else" in accepted.text
    assert "invitee@example.go.th" in accepted.text
    assert members_of(invitation).exists() is False


@pytest.mark.parametrize("persona", ["anonymous", "invitee", "owner"])
@pytest.mark.django_db
def test_an_unknown_token_is_404(request, invitation, persona):
    client = request.getfixturevalue(persona)

    assert client.get("/accounts/invitations/no-such-token/").status_code == 404
    assert client.post("/accounts/invitations/no-such-token/accept/").status_code == 404


@pytest.mark.django_db
def test_an_expired_invitation_says_so(invitee, invitation):
    invitation.expires_at = timezone.now() - dt.timedelta(minutes=1)
    invitation.save()
    invitee.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    seen = invitee.get(page(invitation))
    accepted = invitee.post(accept(invitation))

    assert (seen.status_code, accepted.status_code) == (410, 410)
    assert "This invitation is no longer valid" in seen.text
    assert members_of(invitation).exists() is False


@pytest.mark.django_db
def test_a_used_invitation_says_so_to_someone_not_in_the_organisation(anonymous, invitation):
    invitation.accepted_at = timezone.now()
    invitation.save()
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = anonymous.get(page(invitation))

    assert response.status_code == 410
    assert "This invitation has already been used" in response.text


@pytest.mark.django_db
def test_the_invitation_pages_refuse_the_wrong_method(invitee, invitation):
    assert invitee.post(page(invitation)).status_code == 405
    assert invitee.get(accept(invitation)).status_code == 405


# Accepting


@pytest.mark.django_db
def test_the_invitee_accepts_and_joins_with_the_invited_role(invitee, invitation):
    response = invitee.post(accept(invitation))

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert response.url == invitation.organisation.get_absolute_url()
    assert members_of(invitation).get().role == MembershipRole.EDITOR
    assert invitation.is_accepted is True


@pytest.mark.django_db
def test_an_email_in_another_case_is_the_same_person(invitation):
    client = client_for(UserFactory(email="INVITEE@example.go.th"))

    assert client.post(accept(invitation)).status_code == 302
    assert Membership.objects.filter(organisation=invitation.organisation).count() == 2


@pytest.mark.django_db
def test_double_clicking_accept_makes_one_membership(invitee, invitation):
    first = invitee.post(accept(invitation))
    second = invitee.post(accept(invitation))

    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == invitation.organisation.get_absolute_url()
    assert members_of(invitation).count() == 1


@pytest.mark.django_db
def test_a_used_invitation_cannot_bring_back_a_removed_member(invitee, invitation):
    invitee.post(accept(invitation))
    members_of(invitation).delete()  # an owner removed them afterwards

    response = invitee.post(accept(invitation))

    assert response.status_code == 410
    assert members_of(invitation).exists() is False


@pytest.mark.django_db
def test_someone_already_a_member_is_sent_to_the_organisation(organisation, viewer_user):
    invitation = InvitationFactory(organisation=organisation, email=viewer_user.email)

    response = client_for(viewer_user).post(accept(invitation))

    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert viewer_user.memberships.get().role == MembershipRole.VIEWER


@pytest.mark.django_db
def test_anonymous_accepting_is_sent_to_sign_in_and_back_to_the_invitation(anonymous, invitation):
    response = anonymous.post(accept(invitation))

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/accounts/invitations/{invitation.token}/"
    assert members_of(invitation).exists() is False


@pytest.mark.django_db
def test_a_newcomer_signs_up_from_the_invitation_and_accepts(anonymous, invitation):
    signup = anonymous.post(
        f"/accounts/signup/?invitation={invitation.token}",
        {
            "email": "invitee@example.go.th",
            "full_name": "Newcomer",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
            "preferred_language": "en",
        },
    )
    accepted = anonymous.post(accept(invitation))

    assert signup.url == page(invitation)
    assert accepted.url == invitation.organisation.get_absolute_url()
    assert members_of(invitation).get().user.full_name == "Newcomer"


@pytest.mark.django_db
def test_a_member_signs_in_from_the_invitation_and_accepts(anonymous, invitation):
    MembershipFactory(user__email="invitee@example.go.th")  # already in another organisation

    signed_in = anonymous.post(
        "/accounts/login/",
        {
            "username": "invitee@example.go.th",
            "password": "correct horse battery staple",
            "next": page(invitation),
        },
    )
    accepted = anonymous.post(accept(invitation))

    assert signed_in.url == page(invitation)
    assert accepted.status_code == 302
    assert members_of(invitation).count() == 1
