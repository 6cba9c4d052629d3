from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordQuality(models.TextChoices):
    """How sure the public record is of an imported row."""

    CONFIRMED = "confirmed", _("Confirmed by public sources")
    INFERRED = "inferred", _("Inferred, not named in any public source")
    TITLE_TH_UNKNOWN = "title_th_unknown", _("Thai title not found in public sources")
