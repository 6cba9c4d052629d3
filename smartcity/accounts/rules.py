"""Who may do what with organisations and invitations.

Views ask through `user.has_perm(...)` (Django's backend chain: an active superuser passes
every permission, as everywhere in Django) and the API will ask the same names.
"""

import rules

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Membership
from smartcity.core.rules import is_requester


def _role(user, organisation) -> str | None:
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return None
    # One lookup per organisation per request: a page asks several rules of the same pair.
    cache = user.__dict__.setdefault("_membership_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            Membership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


@rules.predicate
def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


@rules.predicate
def is_member_of(user, organisation) -> bool:
    return _role(user, organisation) is not None


@rules.predicate
def is_owner_of(user, organisation) -> bool:
    return _role(user, organisation) == MembershipRole.OWNER


@rules.predicate
def can_edit_for(user, organisation) -> bool:
    return _role(user, organisation) in {MembershipRole.OWNER, MembershipRole.EDITOR}


@rules.predicate
def is_invitee(user, invitation) -> bool:
    """The invitation was addressed to this person's email (in any letter case)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and invitation is not None
        and user.email.casefold() == invitation.email.casefold()
    )


rules.add_perm("accounts.view_organisation", is_member_of | is_secretariat)
rules.add_perm("accounts.manage_organisation", is_owner_of)
# A rule, not a permission: an invitation is personal, so not even a superuser may take
# someone else's (Django's has_perm lets superusers pass every permission).
rules.add_rule("accounts.accept_invitation", is_invitee)

# core's background work. core cannot import this module, so its rules live here: an
# export is seen by whoever asked for it and by the secretariat; the page of failed and
# running tasks (with its retry) is the secretariat's.
rules.add_perm("core.view_export", is_requester | is_secretariat)
rules.add_perm("core.manage_background_work", is_secretariat)
