import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from smartcity.accounts import services
from smartcity.accounts.enums import MembershipRole, OrganisationType
from smartcity.accounts.models import Invitation, Membership, Organisation, User
from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province
from tests.accounts.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

SITE = "https://smartcity.example.go.th/"


def proponent(**changes) -> dict:
    values = {
        "email": "Somchai@KhonKaen.go.th",
        "password": "a-long-and-unusual-passphrase",
        "full_name": "  สมชาย   ใจดี ",
        "preferred_language": "th",
        "organisation_name_th": "เทศบาลนครขอนแก่น",
        "organisation_name_en": "Khon Kaen City Municipality",
        "organisation_type": OrganisationType.MUNICIPALITY,
        "province": Province.objects.get(code="40"),
    }
    return {**values, **changes}


def actions() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="accounts.")
        .order_by("id")
        .values_list("action", flat=True)
    )


# Registration


@pytest.mark.django_db
def test_register_proponent_creates_the_person_as_owner_of_their_organisation():
    membership = services.register_proponent(**proponent())

    assert membership.role == MembershipRole.OWNER
    assert membership.user.email == "somchai@khonkaen.go.th"
    assert membership.user.full_name == "สมชาย ใจดี"
    assert membership.user.check_password("a-long-and-unusual-passphrase")
    assert membership.organisation.name_en == "Khon Kaen City Municipality"
    assert membership.organisation.province.code == "40"
    assert actions() == [
        "accounts.user.registered",
        "accounts.organisation.created",
        "accounts.membership.created",
    ]


@pytest.mark.django_db
def test_register_proponent_refuses_an_email_already_used_in_another_case():
    UserFactory(email="somchai@khonkaen.go.th")

    with pytest.raises(ValidationError) as refused:
        services.register_proponent(**proponent(email="SOMCHAI@khonkaen.go.th"))

    assert list(refused.value.message_dict) == ["email"]
    assert Organisation.objects.filter(name_th="เทศบาลนครขอนแก่น").exists() is False


@pytest.mark.parametrize(
    ("name_th", "name_en", "field"),
    [
        ("เทศบาลนครขอนแก่น", "", "organisation_name_th"),
        (" เทศบาลนครขอนแก่น  ", "Another name", "organisation_name_th"),
        ("ชื่ออื่น", "khon kaen CITY  municipality", "organisation_name_en"),
    ],
)
@pytest.mark.django_db
def test_register_proponent_refuses_an_organisation_already_registered(name_th, name_en, field):
    OrganisationFactory(name_th="เทศบาลนครขอนแก่น", name_en="Khon Kaen City Municipality")

    with pytest.raises(ValidationError) as refused:
        services.register_proponent(
            **proponent(organisation_name_th=name_th, organisation_name_en=name_en)
        )

    assert list(refused.value.message_dict) == [field]
    assert User.objects.count() == 0  # the person was not created either


@pytest.mark.django_db
def test_register_proponent_requires_a_thai_name_and_a_known_type():
    with pytest.raises(ValidationError) as no_name:
        services.register_proponent(**proponent(organisation_name_th="   "))
    with pytest.raises(ValidationError) as bad_type:
        services.register_proponent(**proponent(organisation_type="club"))

    assert list(no_name.value.message_dict) == ["organisation_name_th"]
    assert list(bad_type.value.message_dict) == ["organisation_type"]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_register_user_creates_a_person_without_an_organisation():
    user = services.register_user(
        email="Invitee@Example.go.th",
        password="pw-long-enough-1",
        full_name="Ann",
        preferred_language="en",
    )

    assert user.email == "invitee@example.go.th"
    assert user.preferred_language == "en"
    assert user.memberships.count() == 0
    assert actions() == ["accounts.user.registered"]


@pytest.mark.django_db
def test_register_user_refuses_a_language_we_do_not_speak():
    with pytest.raises(ValidationError) as refused:
        services.register_user(
            email="a@example.go.th",
            password="pw-long-enough-1",
            full_name="A",
            preferred_language="fr",
        )

    assert list(refused.value.message_dict) == ["preferred_language"]


# Profile and password


@pytest.mark.django_db
def test_update_profile_saves_and_audits_the_change():
    user = UserFactory(full_name="เดิม", preferred_language="th")

    services.update_profile(user=user, full_name="New name", preferred_language="en", by=user)

    user.refresh_from_db()
    entry = AuditEntry.objects.get(action="accounts.user.profile_updated")
    assert (user.full_name, user.preferred_language) == ("New name", "en")
    assert entry.before == {"full_name": "เดิม", "preferred_language": "th"}
    assert entry.after == {"full_name": "New name", "preferred_language": "en"}
    assert entry.actor == user


@pytest.mark.django_db
def test_update_profile_without_a_change_writes_nothing():
    user = UserFactory(full_name="เดิม", preferred_language="th")

    services.update_profile(user=user, full_name="เดิม", preferred_language="th", by=user)

    assert actions() == []


@pytest.mark.django_db
def test_reset_password_sets_it_and_audits_without_the_password():
    user = UserFactory()

    services.reset_password(user=user, password="brand-new-passphrase", by=user)

    user.refresh_from_db()
    entry = AuditEntry.objects.get(action="accounts.user.password_reset")
    assert user.check_password("brand-new-passphrase")
    assert (entry.before, entry.after) == (None, None)


# Invitations


@pytest.mark.django_db
def test_invite_member_creates_a_single_use_invitation_for_14_days(
    organisation, owner_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(
            organisation=organisation,
            email=" New@Example.go.th ",
            role="editor",
            by=owner_user,
            site_url=SITE,
        )

    entry = AuditEntry.objects.get(action="accounts.invitation.created")
    assert invitation.email == "new@example.go.th"
    assert len(invitation.token) >= 43
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        dt.timedelta(days=14), abs=dt.timedelta(seconds=5)
    )
    assert invitation.token not in str(entry.after)
    assert entry.actor == owner_user
    assert [m.to for m in mail.outbox] == [["new@example.go.th"]]
    assert f"{SITE}accounts/invitations/{invitation.token}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_invite_member_sends_no_email_when_the_transaction_rolls_back(
    organisation, owner_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.invite_member(
            organisation=organisation,
            email="x@example.go.th",
            role="viewer",
            by=owner_user,
            site_url=SITE,
        )

    assert len(callbacks) == 1
    assert mail.outbox == []


@pytest.mark.django_db
def test_invite_member_refuses_someone_already_a_member(organisation, owner_user, viewer_user):
    with pytest.raises(ValidationError) as refused:
        services.invite_member(
            organisation=organisation,
            email=viewer_user.email.upper(),
            role="editor",
            by=owner_user,
            site_url=SITE,
        )

    assert list(refused.value.message_dict) == ["email"]


@pytest.mark.django_db
def test_invite_member_refuses_a_second_pending_invitation_but_not_after_expiry(
    organisation, owner_user
):
    InvitationFactory(organisation=organisation, email="twice@example.go.th")
    InvitationFactory(
        organisation=organisation,
        email="lapsed@example.go.th",
        expires_at=timezone.now() - dt.timedelta(days=1),
    )

    with pytest.raises(ValidationError) as refused:
        services.invite_member(
            organisation=organisation,
            email="Twice@example.go.th",
            role="editor",
            by=owner_user,
            site_url=SITE,
        )
    again = services.invite_member(
        organisation=organisation,
        email="lapsed@example.go.th",
        role="editor",
        by=owner_user,
        site_url=SITE,
    )

    assert list(refused.value.message_dict) == ["email"]
    assert again.is_pending is True


@pytest.mark.django_db
def test_invite_member_refuses_an_unknown_role(organisation, owner_user):
    with pytest.raises(ValidationError) as refused:
        services.invite_member(
            organisation=organisation,
            email="a@example.go.th",
            role="admin",
            by=owner_user,
            site_url=SITE,
        )

    assert list(refused.value.message_dict) == ["role"]


@pytest.mark.django_db
def test_revoke_invitation_expires_it_now_and_audits(organisation, owner_user):
    invitation = InvitationFactory(organisation=organisation)

    services.revoke_invitation(invitation=invitation, by=owner_user)

    invitation.refresh_from_db()
    entry = AuditEntry.objects.get(action="accounts.invitation.revoked")
    assert invitation.is_expired is True
    assert entry.actor == owner_user
    assert entry.before != entry.after


@pytest.mark.django_db
def test_revoke_invitation_refuses_one_already_accepted(organisation, owner_user):
    invitation = InvitationFactory(organisation=organisation, accepted_at=timezone.now())

    with pytest.raises(ValidationError) as refused:
        services.revoke_invitation(invitation=invitation, by=owner_user)

    assert refused.value.code == "not_pending"


@pytest.mark.django_db
def test_accept_invitation_makes_the_invitee_a_member_with_the_invited_role(organisation):
    invitation = InvitationFactory(organisation=organisation, role=MembershipRole.EDITOR)
    invitee = UserFactory(email=invitation.email)

    membership = services.accept_invitation(invitation=invitation, by=invitee)

    invitation.refresh_from_db()
    assert (membership.user, membership.organisation, membership.role) == (
        invitee,
        organisation,
        MembershipRole.EDITOR,
    )
    assert invitation.is_accepted is True
    assert actions() == ["accounts.invitation.accepted", "accounts.membership.created"]


@pytest.mark.django_db
def test_accept_invitation_twice_makes_one_membership(organisation):
    invitation = InvitationFactory(organisation=organisation)
    invitee = UserFactory(email=invitation.email)
    services.accept_invitation(invitation=invitation, by=invitee)

    with pytest.raises(ValidationError) as refused:
        # The second click still holds the invitation as it was before the first.
        services.accept_invitation(invitation=Invitation.objects.get(pk=invitation.pk), by=invitee)

    assert refused.value.code == "used"
    assert Membership.objects.filter(organisation=organisation, user=invitee).count() == 1


@pytest.mark.django_db
def test_accept_invitation_refuses_an_expired_one(organisation):
    invitation = InvitationFactory(
        organisation=organisation, expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    invitee = UserFactory(email=invitation.email)

    with pytest.raises(ValidationError) as refused:
        services.accept_invitation(invitation=invitation, by=invitee)

    assert refused.value.code == "expired"
    assert invitee.memberships.count() == 0


@pytest.mark.django_db
def test_accept_invitation_refuses_someone_already_a_member(organisation, viewer_user):
    invitation = InvitationFactory(organisation=organisation, email=viewer_user.email)

    with pytest.raises(ValidationError) as refused:
        services.accept_invitation(invitation=invitation, by=viewer_user)

    assert refused.value.code == "already_member"
    assert Invitation.objects.get(pk=invitation.pk).is_pending is True


# Roles and removal


@pytest.mark.django_db
def test_change_member_role_saves_and_audits(organisation, owner_user, viewer_user):
    membership = viewer_user.memberships.get()

    services.change_member_role(membership=membership, role=MembershipRole.EDITOR, by=owner_user)

    membership.refresh_from_db()
    entry = AuditEntry.objects.get(action="accounts.membership.role_changed")
    assert membership.role == MembershipRole.EDITOR
    assert (entry.before, entry.after) == ({"role": "viewer"}, {"role": "editor"})


@pytest.mark.django_db
def test_change_member_role_never_leaves_the_organisation_without_an_owner(owner_user):
    membership = owner_user.memberships.get()

    with pytest.raises(ValidationError) as refused:
        services.change_member_role(
            membership=membership, role=MembershipRole.VIEWER, by=owner_user
        )

    membership.refresh_from_db()
    assert refused.value.code == "last_owner"
    assert membership.role == MembershipRole.OWNER
    assert actions() == []


@pytest.mark.django_db
def test_an_owner_may_step_down_when_another_owner_remains(organisation, owner_user):
    MembershipFactory(organisation=organisation, role=MembershipRole.OWNER)
    membership = owner_user.memberships.get()

    services.change_member_role(membership=membership, role=MembershipRole.EDITOR, by=owner_user)

    membership.refresh_from_db()
    assert membership.role == MembershipRole.EDITOR


@pytest.mark.django_db
def test_remove_member_deletes_the_membership_and_audits(organisation, owner_user, editor_user):
    membership = editor_user.memberships.get()

    services.remove_member(membership=membership, by=owner_user)

    entry = AuditEntry.objects.get(action="accounts.membership.removed")
    assert Membership.objects.filter(pk=membership.pk).exists() is False
    assert entry.before["role"] == "editor"
    assert entry.target_id == str(membership.pk)


@pytest.mark.django_db
def test_remove_member_refuses_the_last_owner(owner_user):
    membership = owner_user.memberships.get()

    with pytest.raises(ValidationError) as refused:
        services.remove_member(membership=membership, by=owner_user)

    assert refused.value.code == "last_owner"
    assert Membership.objects.filter(pk=membership.pk).exists() is True
