from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecordQuality(models.TextChoices):
    """How sure the public record is of an imported row."""

    CONFIRMED = "confirmed", _("Confirmed by public sources")
    INFERRED = "inferred", _("Inferred, not named in any public source")
    TITLE_TH_UNKNOWN = "title_th_unknown", _("Thai title not found in public sources")

    @classmethod
    def unconfirmed(cls) -> frozenset["RecordQuality"]:
        """The record is not confirmed by public sources: the registry says so (inferred,
        Thai title unknown)."""
        return frozenset({cls.INFERRED, cls.TITLE_TH_UNKNOWN})


class CertificateStatus(models.TextChoices):
    """The status kept on record. "Expired" is not kept: it follows from the dates."""

    ACTIVE = "active", pgettext_lazy("certificate status", "Active")
    SUSPENDED = "suspended", pgettext_lazy("certificate status", "Suspended")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")

    @classmethod
    def standing(cls) -> frozenset["CertificateStatus"]:
        """Not revoked: the certificate stands until its validity ends, then reads as
        expired; it may still be suspended, reinstated or revoked (active, suspended)."""
        return frozenset({cls.ACTIVE, cls.SUSPENDED})


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

    @classmethod
    def status_changes(cls) -> frozenset["EventKind"]:
        """A decision that changed the certificate's status, with its reason and meeting
        (suspended, reinstated, revoked)."""
        return frozenset({cls.SUSPENDED, cls.REINSTATED, cls.REVOKED})

    @classmethod
    def on_public_record(cls) -> frozenset["EventKind"]:
        """What the programme's public record tells of an imported certificate, kept in
        step with it on every import (certified, logo presented)."""
        return frozenset({cls.CERTIFIED, cls.CEREMONY})
