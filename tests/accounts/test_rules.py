import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from smartcity.accounts import rules as account_rules
from tests.accounts.factories import InvitationFactory, UserFactory

# persona -> (member, owner, can edit, secretariat, may view, may manage)
EXPECTED = {
    "anonymous": (False, False, False, False, False, False),
    "owner": (True, True, True, False, True, True),
    "editor": (True, False, True, False, True, False),
    "viewer": (True, False, False, False, True, False),
    "outsider": (False, False, False, False, False, False),
    "secretariat": (False, False, False, True, True, False),
    "admin": (False, False, False, False, False, False),
}


@pytest.fixture
def persona_user(request, members, outsider_user, secretariat_user, admin_user):
    def get(persona):
        if persona == "anonymous":
            return AnonymousUser()
        return request.getfixturevalue(f"{persona}_user")

    return get


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items())
@pytest.mark.django_db
def test_predicates_for_every_persona(persona_user, organisation, persona, expected):
    user = persona_user(persona)

    actual = (
        account_rules.is_member_of(user, organisation),
        account_rules.is_owner_of(user, organisation),
        account_rules.can_edit_for(user, organisation),
        account_rules.is_secretariat(user),
        rules.has_perm("accounts.view_organisation", user, organisation),
        rules.has_perm("accounts.manage_organisation", user, organisation),
    )

    assert actual == expected


@pytest.mark.django_db
def test_superuser_holds_every_organisation_permission_through_django(admin_user, organisation):
    assert admin_user.has_perm("accounts.view_organisation", organisation) is True
    assert admin_user.has_perm("accounts.manage_organisation", organisation) is True


@pytest.mark.django_db
def test_predicates_without_an_organisation_are_false(owner_user):
    assert account_rules.is_member_of(owner_user, None) is False


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("invitee@example.go.th", True),
        ("INVITEE@Example.go.th", True),
        ("other@example.go.th", False),
    ],
)
@pytest.mark.django_db
def test_invitee_is_matched_by_email_in_any_case(email, expected):
    invitation = InvitationFactory(email="invitee@example.go.th")
    user = UserFactory(email=email)

    assert rules.test_rule("accounts.accept_invitation", user, invitation) is expected


@pytest.mark.django_db
def test_nobody_anonymous_or_superuser_takes_someone_elses_invitation(admin_user):
    invitation = InvitationFactory()

    assert rules.test_rule("accounts.accept_invitation", AnonymousUser(), invitation) is False
    assert rules.test_rule("accounts.accept_invitation", admin_user, invitation) is False
