"""Signals of accounts, both ways.

What accounts tells the apps above it: accounts sits below notifications on the app map, so
it announces these and notifications (which may import accounts) writes the emails.

What accounts hears: audit rows for signing in and out (and, at sign-in, whether a second
factor is owed), written from Django's and django-axes' signals (the views that cause them
are Django's own). Each row carries the request's address."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import Signal, receiver

from smartcity.accounts import two_factor
from smartcity.accounts.models import User
from smartcity.core import audit
from smartcity.core.http import client_ip

# An invitation was created (sent inside the transaction: the email goes after its commit).
# Arguments: invitation, site_url.
invitation_created = Signal()

# Someone asked for a password reset link and the address has an account.
# Arguments: user, context (Django's reset context: uid, token, ...).
password_reset_requested = Signal()

# Someone tried to sign up with the address of an existing account (the page said nothing).
# Arguments: user, site_url.
signup_attempted = Signal()


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="accounts.audit_logged_in")
def _logged_in(sender, request, user, **kwargs):
    audit.record(action="accounts.user.logged_in", by=user, target=user, ip=_ip(request))
    if request is not None and hasattr(request, "session"):
        two_factor.remember_at_sign_in(request, user)


@receiver(user_logged_out, dispatch_uid="accounts.audit_logged_out")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(action="accounts.user.logged_out", by=user, target=user, ip=_ip(request))


@receiver(user_login_failed, dispatch_uid="accounts.audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the address typed (the form checks it is an email address), never the password.
    email = (credentials.get("username") or "").strip().lower()[:254]
    user = User.objects.filter(email__iexact=email).order_by("pk").first() if email else None
    audit.record(
        action="accounts.user.login_failed", target=user, after={"email": email}, ip=_ip(request)
    )


@receiver(user_locked_out, dispatch_uid="accounts.audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    user = User.objects.filter(email__iexact=username or "").order_by("pk").first()
    audit.record(
        action="accounts.user.locked_out",
        target=user,
        after={"email": username or ""},
        ip=_ip(request) or ip_address,
    )
