"""Emails from the accounts app, each written in its reader's language."""

from urllib.parse import urljoin

from django.urls import reverse

from smartcity.accounts.models import Invitation, User
from smartcity.core.mail import send_localised_mail

# Someone without an account has no preferred language yet: Thai first, English below.
UNKNOWN_READER_LANGUAGES = ("th", "en")


def send_invitation(invitation: Invitation, *, site_url: str) -> None:
    """Email the invitation link to the invitee. A failure is logged, not raised: the
    invitation already exists and its owner can revoke it and invite again."""
    user = User.objects.filter(email__iexact=invitation.email).order_by("pk").first()
    send_localised_mail(
        event="accounts.invitation",
        # The invitation's own address: the invitee may have typed another letter case.
        to=invitation.email,
        language=(user.preferred_language if user else None) or UNKNOWN_READER_LANGUAGES,
        subject_template="accounts/emails/invitation_subject.txt",
        body_template="accounts/emails/invitation_body.txt",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "url": urljoin(site_url, reverse("accounts:invitation", args=[invitation.token])),
        },
    )


def send_signup_attempt_notice(user: User, *, site_url: str) -> None:
    """Tell an account's owner that someone tried to register with their address, and how
    to sign in or choose a new password if it was them."""
    send_localised_mail(
        event="accounts.signup_attempt",
        to=user,
        subject_template="accounts/emails/signup_attempt_subject.txt",
        body_template="accounts/emails/signup_attempt_body.txt",
        context={
            "user": user,
            "login_url": urljoin(site_url, reverse("accounts:login")),
            "reset_url": urljoin(site_url, reverse("accounts:password_reset")),
        },
    )
