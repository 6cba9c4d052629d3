"""The emails of the accounts app, which sits below notifications and so announces them
with signals (`smartcity.accounts.signals`) instead of calling `notify()`."""

from urllib.parse import urljoin

from django.dispatch import receiver
from django.urls import reverse

from smartcity.accounts import signals
from smartcity.accounts.models import Invitation, User
from smartcity.notifications.services import notify


def tell_invitee(invitation: Invitation, *, site_url: str) -> None:
    """Email the invitation link to the invitation's own address (the invitee may have
    typed another letter case), in the language of the account at that address if there
    is one, else in Thai then English. Email only: the invitee may have no account."""
    user = User.objects.filter(email__iexact=invitation.email).order_by("pk").first()
    notify(
        "accounts.invitation",
        [invitation.email],
        language=(user.preferred_language if user else None) or None,
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "url": urljoin(site_url, reverse("accounts:invitation", args=[invitation.token])),
        },
    )


def send_password_reset(user: User, context: dict) -> None:
    """The reset link, in the person's language; by email only (never in the inbox)."""
    notify("accounts.password_reset", [user], context=context)


def tell_of_signup_attempt(user: User, *, site_url: str) -> None:
    """Tell an account's owner that someone tried to register with their address, and how
    to sign in or choose a new password if it was them (email only)."""
    notify(
        "accounts.signup_attempt",
        [user],
        context={
            "user": user,
            "login_url": urljoin(site_url, reverse("accounts:login")),
            "reset_url": urljoin(site_url, reverse("accounts:password_reset")),
        },
    )


@receiver(signals.invitation_created, dispatch_uid="notifications.invitation_created")
def _invitation_created(sender, *, invitation, site_url, **kwargs):
    tell_invitee(invitation, site_url=site_url)


@receiver(signals.password_reset_requested, dispatch_uid="notifications.password_reset")
def _password_reset_requested(sender, *, user, context, **kwargs):
    send_password_reset(user, context)


@receiver(signals.signup_attempted, dispatch_uid="notifications.signup_attempted")
def _signup_attempted(sender, *, user, site_url, **kwargs):
    tell_of_signup_attempt(user, site_url=site_url)
