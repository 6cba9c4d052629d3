import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Invitation, Membership
from tests.accounts.factories import InvitationFactory, MembershipFactory
from tests.accounts.personas import EVERY_PERSONA

# persona -> status of the organisation page
DETAIL = {
    "owner": 200,
    "editor": 200,
    "viewer": 200,
    "secretariat": 200,
    "admin": 200,  # a superuser holds every permission, as everywhere in Django
    "outsider": 404,
}
# persona -> status of an owner's action (invite, revoke, change role, remove)
MANAGE = {
    "owner": 302,
    "admin": 302,
    "editor": 403,
    "viewer": 403,
    "secretariat": 403,
    "outsider": 404,
}


@pytest.fixture
def everyone(members, outsider, secretariat, admin):
    """Every persona exists, so each test sees the organisation in its full state."""


def url(name, organisation, *args):
    return reverse(f"accounts:{name}", args=[organisation.pk, *args])


# The organisation page


@pytest.mark.parametrize(("persona", "status"), DETAIL.items())
@pytest.mark.django_db
def test_organisation_page_by_persona(request, everyone, organisation, persona, status):
    response = request.getfixturevalue(persona).get(url("organisation_detail", organisation))

    assert response.status_code == status


@pytest.mark.django_db
def test_organisation_page_lists_the_members_with_their_roles(owner, members, organisation):
    response = owner.get(url("organisation_detail", organisation))

    assert [(m.user, m.role) for m in response.context["members"]] == [
        (members["owner"], "owner"),
        (members["editor"], "editor"),
        (members["viewer"], "viewer"),
    ]
    assert members["viewer"].email in response.text


@pytest.mark.parametrize(
    ("persona", "manages"), [("owner", True), ("editor", False), ("secretariat", False)]
)
@pytest.mark.django_db
def test_only_owners_see_the_management_forms(request, everyone, organisation, persona, manages):
    response = request.getfixturevalue(persona).get(url("organisation_detail", organisation))

    assert response.context["can_manage"] is manages
    assert (url("invite_member", organisation) in response.text) is manages


@pytest.mark.django_db
def test_organisation_page_asks_anonymous_to_sign_in(anonymous, organisation):
    response = anonymous.get(url("organisation_detail", organisation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "path", ["/accounts/organisations/999999/", "/accounts/organisations/abc/"]
)
@pytest.mark.django_db
def test_organisation_page_with_a_bad_identifier_is_404(owner, path):
    assert owner.get(path).status_code == 404


@pytest.mark.django_db
def test_organisation_page_refuses_post(owner, organisation):
    assert owner.post(url("organisation_detail", organisation)).status_code == 405


# Inviting


@pytest.mark.parametrize(("persona", "status"), MANAGE.items())
@pytest.mark.django_db
def test_invite_member_by_persona(
    request, everyone, organisation, django_capture_on_commit_callbacks, persona, status
):
    with django_capture_on_commit_callbacks(execute=True):
        response = request.getfixturevalue(persona).post(
            url("invite_member", organisation), {"email": "new@example.go.th", "role": "editor"}
        )

    invited = Invitation.objects.filter(organisation=organisation, email="new@example.go.th")
    assert response.status_code == status
    assert invited.exists() is (status == 302)
    assert len(mail.outbox) == (1 if status == 302 else 0)


@pytest.mark.django_db
def test_invite_member_with_bad_input_shows_the_errors(owner, members, organisation):
    response = owner.post(
        url("invite_member", organisation), {"email": members["viewer"].email, "role": "editor"}
    )
    bad = owner.post(
        url("invite_member", organisation), {"email": "not-an-address", "role": "boss"}
    )

    assert response.status_code == 200
    assert list(response.context["invite_form"].errors) == ["email"]
    assert sorted(bad.context["invite_form"].errors) == ["email", "role"]
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_invite_member_refuses_get(owner, organisation):
    assert owner.get(url("invite_member", organisation)).status_code == 405


@pytest.mark.django_db
def test_invite_member_asks_anonymous_to_sign_in(anonymous, organisation):
    response = anonymous.post(
        url("invite_member", organisation), {"email": "a@b.go.th", "role": "viewer"}
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_invite_member_to_an_unknown_organisation_is_404(owner):
    response = owner.post(
        reverse("accounts:invite_member", args=[999_999]), {"email": "a@b.go.th", "role": "viewer"}
    )

    assert response.status_code == 404


# Revoking an invitation


@pytest.mark.parametrize(("persona", "status"), MANAGE.items())
@pytest.mark.django_db
def test_revoke_invitation_by_persona(request, everyone, organisation, persona, status):
    invitation = InvitationFactory(organisation=organisation)

    response = request.getfixturevalue(persona).post(
        url("revoke_invitation", organisation, invitation.pk)
    )

    invitation.refresh_from_db()
    assert response.status_code == status
    assert invitation.is_pending is (status != 302)


@pytest.mark.django_db
def test_revoke_invitation_refuses_get(owner, organisation):
    invitation = InvitationFactory(organisation=organisation)

    assert owner.get(url("revoke_invitation", organisation, invitation.pk)).status_code == 405


@pytest.mark.django_db
def test_revoke_invitation_of_another_organisation_is_404(owner, organisation):
    elsewhere = InvitationFactory()

    response = owner.post(url("revoke_invitation", organisation, elsewhere.pk))
    unknown = owner.post(url("revoke_invitation", organisation, 999_999))

    elsewhere.refresh_from_db()
    assert (response.status_code, unknown.status_code) == (404, 404)
    assert elsewhere.is_pending is True


# Changing a role


@pytest.mark.parametrize(("persona", "status"), MANAGE.items())
@pytest.mark.django_db
def test_change_member_role_by_persona(request, everyone, organisation, persona, status):
    membership = request.getfixturevalue("viewer_user").memberships.get()

    response = request.getfixturevalue(persona).post(
        url("change_member_role", organisation, membership.pk), {"role": "editor"}
    )

    membership.refresh_from_db()
    assert response.status_code == status
    assert membership.role == ("editor" if status == 302 else "viewer")


@pytest.mark.django_db
def test_change_member_role_keeps_the_last_owner_and_says_why(owner, owner_user, organisation):
    membership = owner_user.memberships.get()
    owner.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = owner.post(
        url("change_member_role", organisation, membership.pk), {"role": "viewer"}, follow=True
    )

    membership.refresh_from_db()
    assert membership.role == MembershipRole.OWNER
    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [
        (
            "error",
            "An organisation always needs an owner. Make another member an owner first, "
            "then change or remove this one.",
        )
    ]


@pytest.mark.django_db
def test_change_member_role_refuses_get_and_bad_identifiers(owner, viewer_user, organisation):
    membership = viewer_user.memberships.get()
    elsewhere = MembershipFactory()

    assert owner.get(url("change_member_role", organisation, membership.pk)).status_code == 405
    assert (
        owner.post(url("change_member_role", organisation, 999_999), {"role": "editor"}).status_code
        == 404
    )
    assert (
        owner.post(
            url("change_member_role", organisation, elsewhere.pk), {"role": "owner"}
        ).status_code
        == 404
    )
    elsewhere.refresh_from_db()
    assert elsewhere.role == MembershipRole.VIEWER


@pytest.mark.django_db
def test_change_member_role_with_an_unknown_role_changes_nothing(owner, viewer_user, organisation):
    membership = viewer_user.memberships.get()

    response = owner.post(url("change_member_role", organisation, membership.pk), {"role": "boss"})

    membership.refresh_from_db()
    assert response.status_code == 302
    assert membership.role == MembershipRole.VIEWER


# Removing a member


@pytest.mark.parametrize(("persona", "status"), MANAGE.items())
@pytest.mark.django_db
def test_remove_member_by_persona(request, everyone, organisation, persona, status):
    membership = request.getfixturevalue("editor_user").memberships.get()

    response = request.getfixturevalue(persona).post(
        url("remove_member", organisation, membership.pk)
    )

    assert response.status_code == status
    assert Membership.objects.filter(pk=membership.pk).exists() is (status != 302)


@pytest.mark.django_db
def test_remove_member_keeps_the_last_owner(owner, owner_user, organisation):
    membership = owner_user.memberships.get()

    response = owner.post(url("remove_member", organisation, membership.pk))

    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert Membership.objects.filter(pk=membership.pk).exists() is True


@pytest.mark.django_db
def test_an_owner_who_leaves_goes_to_their_account_page(owner, owner_user, organisation):
    MembershipFactory(organisation=organisation, role=MembershipRole.OWNER)
    membership = owner_user.memberships.get()

    response = owner.post(url("remove_member", organisation, membership.pk))

    assert response.url == reverse("accounts:me")
    assert owner.get(organisation.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_remove_member_refuses_get_and_bad_identifiers(owner, editor_user, organisation):
    membership = editor_user.memberships.get()

    assert owner.get(url("remove_member", organisation, membership.pk)).status_code == 405
    assert owner.post(url("remove_member", organisation, 999_999)).status_code == 404
    assert owner.post(url("remove_member", organisation, MembershipFactory().pk)).status_code == 404


@pytest.mark.parametrize("persona", [p for p in EVERY_PERSONA if p != "anonymous"])
@pytest.mark.django_db
def test_actions_on_an_unknown_organisation_are_404(request, everyone, persona):
    client = request.getfixturevalue(persona)

    assert client.post(reverse("accounts:remove_member", args=[999_999, 1])).status_code == 404
