"""Reads for people, organisations, memberships and invitations."""

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Invitation, Membership, Organisation

VIEW_ORGANISATION = "accounts.view_organisation"
MANAGE_ORGANISATION = "accounts.manage_organisation"

_ROLE_ORDER = Case(
    *(When(role=role, then=Value(i)) for i, role in enumerate(MembershipRole.values)),
    output_field=IntegerField(),
)


def get_organisation_for(user, pk, perm: str) -> Organisation:
    """The organisation `pk`, if `user` holds `perm` on it.

    Someone who may not even see it gets 404, as for an organisation that does not exist:
    an outsider must not learn whether it does. Someone who sees it but lacks `perm` gets
    403."""
    organisation = Organisation.objects.select_related("province").filter(pk=pk).first()
    if organisation is None or not user.has_perm(VIEW_ORGANISATION, organisation):
        raise Http404
    if perm != VIEW_ORGANISATION and not user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def memberships_of(user) -> QuerySet[Membership]:
    """A person's organisations, for their account page."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation__province")
        .order_by("organisation__name_th")
    )


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    """Owners first, then editors, then viewers; by name within a role."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by(_ROLE_ORDER, "user__full_name", "user__email")
    )


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations still usable: the query form of `Invitation.is_pending`."""
    return (
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_by_token(token: str) -> Invitation:
    """The invitation behind an emailed link, whatever its state; 404 if there is none."""
    return get_object_or_404(Invitation.objects.select_related("organisation"), token=token)


def pending_invitation(token: str) -> Invitation | None:
    """The invitation behind a link if it can still be accepted, else None."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token=token).first()
        if token
        else None
    )
    return invitation if invitation is not None and invitation.is_pending else None
