"""Following an emailed invitation: see it, sign in or up, accept it."""

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.accounts import selectors, services
from smartcity.accounts.rules import is_member_of
from smartcity.core.i18n import localised


def _refusal(request, invitation):
    """The page to show instead of the invitation when it cannot be accepted, or None.

    A used invitation sends its new member on to the organisation: that is where the
    second click of a double click lands."""
    user = request.user
    if invitation.is_accepted:
        if is_member_of(user, invitation.organisation):
            return redirect(invitation.organisation)
        return _problem(request, invitation, "used", status=410)
    if invitation.is_expired:
        return _problem(request, invitation, "expired", status=410)
    if user.is_authenticated and not rules.test_rule(
        "accounts.accept_invitation", user, invitation
    ):
        return _problem(request, invitation, "wrong_email", status=403)
    return None


def _problem(request, invitation, problem: str, *, status: int):
    return render(
        request,
        "accounts/invitation_problem.html",
        {"invitation": invitation, "problem": problem},
        status=status,
    )


@require_safe
def invitation_detail(request, token: str):
    invitation = selectors.invitation_by_token(token)
    refusal = _refusal(request, invitation)
    if refusal is not None:
        return refusal
    return render(request, "accounts/invitation.html", {"invitation": invitation})


@require_POST
def accept_invitation(request, token: str):
    invitation = selectors.invitation_by_token(token)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("accounts:invitation", args=[token]))
    refusal = _refusal(request, invitation)
    if refusal is not None:
        return refusal
    try:
        membership = services.accept_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        # Another request changed it meanwhile (the other click of a double click, a
        # revocation), or the person already belongs to the organisation.
        invitation.refresh_from_db()
        refusal = _refusal(request, invitation)
        if refusal is not None:
            return refusal
        messages.info(request, error.messages[0])
        return redirect(invitation.organisation)
    messages.success(
        request,
        _("Welcome to %(organisation)s.")
        % {"organisation": localised(membership.organisation, "name")},
    )
    return redirect(membership.organisation)
