from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """The seven smart-city domains (7 Smart). The logo is granted per domain."""

    ENVIRONMENT = "environment", _("Smart Environment")
    MOBILITY = "mobility", _("Smart Mobility")
    LIVING = "living", _("Smart Living")
    PEOPLE = "people", _("Smart People")
    ENERGY = "energy", _("Smart Energy")
    ECONOMY = "economy", _("Smart Economy")
    GOVERNANCE = "governance", _("Smart Governance")


class ExportStatus(models.TextChoices):
    """Where a file asked for in the background stands (core.exports.TRANSITIONS)."""

    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
