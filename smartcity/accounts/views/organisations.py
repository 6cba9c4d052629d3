"""An organisation's page and the actions its owners take on members and invitations.

Every view fetches the organisation through `selectors.get_organisation_for`, which makes
the one access decision: 404 for outsiders, 403 for members without the permission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.accounts import selectors, services
from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.forms import InvitationForm, RoleForm
from smartcity.accounts.models import Invitation, Membership
from smartcity.accounts.selectors import MANAGE_ORGANISATION, VIEW_ORGANISATION
from smartcity.core.i18n import localised
from smartcity.core.views import flash_form_errors


def _render_organisation(request, organisation, *, invite_form=None):
    can_manage = request.user.has_perm(MANAGE_ORGANISATION, organisation)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation),
            "can_manage": can_manage,
            "invitations": selectors.pending_invitations(organisation) if can_manage else [],
            "invite_form": invite_form or InvitationForm(),
            "roles": MembershipRole.choices,
        },
    )


def _member(organisation, membership_pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organisation=organisation
    )


@require_safe
@login_required
def organisation_detail(request, pk: int):
    organisation = selectors.get_organisation_for(request.user, pk, VIEW_ORGANISATION)
    return _render_organisation(request, organisation)


@require_POST
@login_required
def invite_member(request, pk: int):
    organisation = selectors.get_organisation_for(request.user, pk, MANAGE_ORGANISATION)
    form = InvitationForm(request.POST)
    if form.is_valid():
        invitation = form.save(
            organisation=organisation,
            by=request.user,
            site_url=request.build_absolute_uri("/"),
        )
        if invitation is not None:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect(organisation)
    return _render_organisation(request, organisation, invite_form=form)


@require_POST
@login_required
def revoke_invitation(request, pk: int, invitation_pk: int):
    organisation = selectors.get_organisation_for(request.user, pk, MANAGE_ORGANISATION)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organisation=organisation)
    try:
        services.revoke_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect(organisation)


@require_POST
@login_required
def change_member_role(request, pk: int, membership_pk: int):
    organisation = selectors.get_organisation_for(request.user, pk, MANAGE_ORGANISATION)
    membership = _member(organisation, membership_pk)
    form = RoleForm(request.POST)
    if form.is_valid() and form.save(membership=membership, by=request.user) is not None:
        messages.success(request, _("Role saved for %(person)s.") % {"person": membership.user})
    else:
        flash_form_errors(request, form)
    return redirect(organisation)


@require_POST
@login_required
def remove_member(request, pk: int, membership_pk: int):
    organisation = selectors.get_organisation_for(request.user, pk, MANAGE_ORGANISATION)
    membership = _member(organisation, membership_pk)
    try:
        services.remove_member(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(organisation)
    messages.success(
        request,
        _("%(person)s is no longer a member of %(organisation)s.")
        % {"person": membership.user, "organisation": localised(organisation, "name")},
    )
    if membership.user == request.user:  # they left: the page is no longer theirs to see
        return redirect("accounts:me")
    return redirect(organisation)
