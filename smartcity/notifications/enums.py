from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    """An outbox message's state. `queued` covers a message waiting for its first attempt
    and one waiting for a retry after a failed attempt (`attempts` > 0, `last_error`)."""

    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
