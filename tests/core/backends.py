"""Email backends for tests: a mail server that is down. Point settings.EMAIL_BACKEND at
`tests.core.backends.DownBackend`."""

from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    """Every send fails, as when the SMTP server refuses the connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")
