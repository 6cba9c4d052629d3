from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecordQuality(models.TextChoices):
    """How sure the public record is of an imported row."""

    CONFIRMED = "confirmed", _("Confirmed by public sources")
    INFERRED = "inferred", _("Inferred, not named in any public source")
    TITLE_TH_UNKNOWN = "title_th_unknown", _("Thai title not found in public sources")


class CertificateStatus(models.TextChoices):
    """The status kept on record. "Expired" is not kept: it follows from the dates."""

    ACTIVE = "active", pgettext_lazy("certificate status", "Active")
    SUSPENDED = "suspended", pgettext_lazy("certificate status", "Suspended")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")


class DisplayStatus(models.TextChoices):
    """What a reader is told: the kept status, or expired when the validity has passed."""

    ACTIVE = "active", pgettext_lazy("certificate status", "Active")
    SUSPENDED = "suspended", pgettext_lazy("certificate status", "Suspended")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")
    EXPIRED = "expired", pgettext_lazy("certificate status", "Expired")


class EventKind(models.TextChoices):
    CERTIFIED = "certified", _("Certified")
    CEREMONY = "ceremony", _("Logo presented")
    SUSPENDED = "suspended", pgettext_lazy("certificate event", "Suspended")
    REINSTATED = "reinstated", _("Reinstated")
    REVOKED = "revoked", pgettext_lazy("certificate event", "Revoked")
