from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeKind(models.TextChoices):
    SUB_COMMITTEE = "sub_committee", _("Sub-committee")
    STEERING = "steering_committee", _("Steering committee")


class DatePrecision(models.TextChoices):
    """How much of a historical date the public record gives."""

    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    UNKNOWN = "unknown", _("Not known")
