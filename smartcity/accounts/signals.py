"""What accounts tells the apps above it. accounts sits below notifications on the app map,
so it announces these and notifications (which may import accounts) writes the emails."""

from django.dispatch import Signal

# An invitation was created (sent inside the transaction: the email goes after its commit).
# Arguments: invitation, site_url.
invitation_created = Signal()

# Someone asked for a password reset link and the address has an account.
# Arguments: user, context (Django's reset context: uid, token, ...).
password_reset_requested = Signal()
