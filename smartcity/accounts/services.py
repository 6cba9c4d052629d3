"""Writes for people, organisations, memberships and invitations.

Each function is the one place its change happens: it checks the change is allowed, writes,
records the audit row and schedules its side effects (emails) for after the commit. Who may
ask for a change is decided before, by the rules in `accounts.rules`.

Refusals are `ValidationError`s: keyed by the argument's name where one argument is at
fault (forms show them on the field), with a `code` otherwise.
"""

import datetime as dt
import secrets

from axes import utils as axes_utils
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts import selectors, signals
from smartcity.accounts.enums import MembershipRole, OrganisationType
from smartcity.accounts.models import Invitation, Membership, Organisation, User
from smartcity.core import audit, throttle

INVITATION_VALIDITY = dt.timedelta(days=14)
PROFILE_FIELDS = ["full_name", "preferred_language"]

DUPLICATE_EMAIL = _(
    "An account with this email address already exists. Sign in, or reset your password "
    "if you have forgotten it."
)


class EmailTaken(ValidationError):
    """Sign-up with an address that already has an account. The page must not say so
    (it would tell anyone which addresses have accounts): the form answers as if it worked
    and calls `report_signup_with_taken_email()`."""


DUPLICATE_ORGANISATION = _(
    "This organisation is already registered. Ask its owner to invite you (or the "
    "programme secretariat, if nobody manages it yet) instead of registering it again."
)
LAST_OWNER = _(
    "An organisation always needs an owner. Make another member an owner first, then "
    "change or remove this one."
)


def normalise_email(email: str) -> str:
    """Addresses are stored in lower case, so one person cannot hold two accounts."""
    return email.strip().lower()


def _normalise_name(name: str) -> str:
    return " ".join((name or "").split())


def _lock_organisation(organisation_id: int) -> None:
    # Membership changes in one organisation run one at a time: two owners demoting each
    # other at once would otherwise each count the other as the remaining owner.
    # (SQLite ignores the row lock; its IMMEDIATE transactions serialise writers anyway.)
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def _owner_count(organisation_id: int) -> int:
    return Membership.objects.filter(
        organisation_id=organisation_id, role=MembershipRole.OWNER
    ).count()


# People


@transaction.atomic
def register_user(*, email: str, password: str, full_name: str, preferred_language: str) -> User:
    """Create a person's account, without an organisation (they join one by invitation).

    Side effects: one audit row (`accounts.user.registered`)."""
    email = normalise_email(email)
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose Thai or English.")})
    if User.objects.filter(email__iexact=email).exists():
        raise EmailTaken({"email": DUPLICATE_EMAIL})
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                full_name=_normalise_name(full_name),
                preferred_language=preferred_language,
            )
    except IntegrityError as error:  # a second sign-up with the same address won the race
        raise EmailTaken({"email": DUPLICATE_EMAIL}) from error
    audit.record(
        action="accounts.user.registered",
        by=user,
        target=user,
        after=audit.snapshot(user, ["email", *PROFILE_FIELDS]),
    )
    return user


@transaction.atomic
def register_proponent(
    *,
    email: str,
    password: str,
    full_name: str,
    preferred_language: str,
    organisation_name_th: str,
    organisation_name_en: str,
    organisation_type: str,
    province,
) -> Membership:
    """Create a person's account and the new proponent organisation they own.

    Returns the owner membership. Nothing is written if any part is refused. Side effects,
    in order: audit rows `accounts.user.registered`, `accounts.organisation.created`,
    `accounts.membership.created`."""
    name_th = _normalise_name(organisation_name_th)
    name_en = _normalise_name(organisation_name_en)
    if not name_th:
        raise ValidationError({"organisation_name_th": _("Enter the organisation's Thai name.")})
    if organisation_type not in OrganisationType.values:
        raise ValidationError({"organisation_type": _("Choose the kind of organisation.")})
    same_name = Q(name_th=name_th) | (Q(name_en__iexact=name_en) if name_en else Q(pk__in=[]))
    duplicate = Organisation.objects.filter(same_name).values_list("name_th", flat=True).first()
    if duplicate is not None:
        field = "organisation_name_th" if duplicate == name_th else "organisation_name_en"
        raise ValidationError({field: DUPLICATE_ORGANISATION})

    user = register_user(
        email=email, password=password, full_name=full_name, preferred_language=preferred_language
    )
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name_th=name_th, name_en=name_en, type=organisation_type, province=province
            )
    except IntegrityError as error:  # the same name registered a moment ago
        raise ValidationError({"organisation_name_th": DUPLICATE_ORGANISATION}) from error
    audit.record(
        action="accounts.organisation.created",
        by=user,
        target=organisation,
        after=audit.snapshot(organisation, ["name_th", "name_en", "type", "province"]),
    )
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=MembershipRole.OWNER
    )
    _record_membership_created(membership, by=user)
    return membership


def report_signup_with_taken_email(*, email: str, site_url: str) -> None:
    """Someone tried to sign up with the address of an existing account: tell its owner
    (how to sign in or reset the password), at most a few times an hour per address so
    the form cannot be used to flood someone's inbox.

    Side effects, in order: audit row `accounts.user.signup_attempted` (on the account,
    with the request's address); the signal `signup_attempted` (notifications emails the
    notice after the commit)."""
    user = User.objects.filter(email__iexact=normalise_email(email)).order_by("pk").first()
    if user is None:  # deleted a moment ago: nothing to tell anyone
        return
    audit.record(action="accounts.user.signup_attempted", target=user)
    if throttle.hit("signup_email", user.email):
        return
    signals.signup_attempted.send(sender=User, user=user, site_url=site_url)


def update_profile(*, user: User, full_name: str, preferred_language: str, by: User) -> User:
    """Change a person's name and language. Side effects: an audit row
    (`accounts.user.profile_updated`) when something changed."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose Thai or English.")})
    before = audit.snapshot(user, PROFILE_FIELDS)
    user.full_name = _normalise_name(full_name)
    user.preferred_language = preferred_language
    after = audit.snapshot(user, PROFILE_FIELDS)
    if after == before:
        return user
    with transaction.atomic():
        user.save(update_fields=PROFILE_FIELDS)
        audit.record(
            action="accounts.user.profile_updated", by=by, target=user, before=before, after=after
        )
    return user


def reset_password(*, user: User, password: str, by: User) -> User:
    """Set a new password after the emailed reset link was followed. Side effects: an audit
    row (`accounts.user.password_reset`, without the password), then the sign-in locks on
    this address are lifted (whoever holds the mailbox may sign in again at once)."""
    user.set_password(password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        audit.record(action="accounts.user.password_reset", by=by, target=user)
    axes_utils.reset(username=user.email.lower())
    return user


# Memberships and invitations


def _record_membership_created(membership: Membership, *, by: User) -> None:
    audit.record(
        action="accounts.membership.created",
        by=by,
        target=membership,
        after=audit.snapshot(membership, ["user", "organisation", "role"]),
    )


@transaction.atomic
def invite_member(
    *, organisation: Organisation, email: str, role: str, by: User, site_url: str
) -> Invitation:
    """Invite a person, by email, to join `organisation` with `role`; the invitation is valid
    for 14 days and its token is single-use. `site_url` is where the emailed link points.

    Side effects, in order: audit row `accounts.invitation.created`; after the commit, the
    invitation email (in the invitee's language if they have an account, else Thai with
    English below)."""
    email = normalise_email(email)
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    _lock_organisation(organisation.pk)
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    if selectors.pending_invitations(organisation).filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "An invitation to this address is still pending. Revoke it first to send "
                    "a new one."
                )
            }
        )
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=by,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    audit.record(
        action="accounts.invitation.created",
        by=by,
        target=invitation,
        # Never the token: it is a secret and the audit log is widely readable.
        after=audit.snapshot(invitation, ["organisation", "email", "role", "expires_at"]),
    )
    # The email (notifications) goes after the commit, to the invitation's address.
    signals.invitation_created.send(sender=Invitation, invitation=invitation, site_url=site_url)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw a pending invitation: it expires now, so its link stops working. Side
    effects: audit row `accounts.invitation.revoked`."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer pending."), code="not_pending")
    before = audit.snapshot(invitation, ["expires_at"])
    invitation.expires_at = timezone.now()
    invitation.save(update_fields=["expires_at", "updated_at"])
    audit.record(
        action="accounts.invitation.revoked",
        by=by,
        target=invitation,
        before=before,
        after=audit.snapshot(invitation, ["expires_at"]),
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, by: User) -> Membership:
    """Turn a pending invitation into `by`'s membership with the invited role.

    Refused (code "used", "expired" or "already_member") without writing anything. Side
    effects, in order: audit rows `accounts.invitation.accepted`,
    `accounts.membership.created`."""
    _lock_organisation(invitation.organisation_id)
    # A double click sends two accepts: the second waits here and then finds it used.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_accepted:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired."), code="expired")
    if Membership.objects.filter(user=by, organisation_id=invitation.organisation_id).exists():
        raise ValidationError(
            _("You are already a member of this organisation."), code="already_member"
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    audit.record(
        action="accounts.invitation.accepted",
        by=by,
        target=invitation,
        after=audit.snapshot(invitation, ["accepted_at"]),
    )
    membership = Membership.objects.create(
        user=by, organisation_id=invitation.organisation_id, role=invitation.role
    )
    _record_membership_created(membership, by=by)
    return membership


@transaction.atomic
def change_member_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Give a member another role; the last owner cannot stop being one (code
    "last_owner"). Side effects: audit row `accounts.membership.role_changed`."""
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    _lock_organisation(membership.organisation_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    if membership.role == MembershipRole.OWNER and _owner_count(membership.organisation_id) == 1:
        raise ValidationError(LAST_OWNER, code="last_owner")
    before = audit.snapshot(membership, ["role"])
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit.record(
        action="accounts.membership.role_changed",
        by=by,
        target=membership,
        before=before,
        after=audit.snapshot(membership, ["role"]),
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """Take a person out of an organisation; the last owner cannot be removed (code
    "last_owner"). Side effects: audit row `accounts.membership.removed`, then the
    deletion."""
    _lock_organisation(membership.organisation_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == MembershipRole.OWNER and _owner_count(membership.organisation_id) == 1:
        raise ValidationError(LAST_OWNER, code="last_owner")
    audit.record(
        action="accounts.membership.removed",
        by=by,
        target=membership,
        before=audit.snapshot(membership, ["user", "organisation", "role"]),
    )
    membership.delete()
