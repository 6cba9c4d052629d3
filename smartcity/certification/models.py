import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import OrganisationType
from smartcity.certification.enums import (
    CertificateStatus,
    DisplayStatus,
    EventKind,
    RecordQuality,
)
from smartcity.core.db import thai_sort_key
from smartcity.core.enums import Domain
from smartcity.core.models import TimeStampedModel


class Batch(models.Model):
    """A group of areas certified together and given the logo at one ceremony.

    One batch per acknowledging meeting of the steering committee; its code ("B2") is its
    rank in order of certification, so a batch recorded from history later takes its
    place among the others."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    logo_ceremony_on = models.DateField(_("logo ceremony"), null=True, blank=True)
    # The batch's place in order of certification (B1 is 1): kept by
    # services.relabel_batches(), so "B10" sorts after "B9".
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class CertifiedArea(TimeStampedModel):
    """An area that holds (or held) the Smart City Thailand logo.

    `certified_on` is the day the steering committee acknowledged the approval; figures
    "as of" a date count the areas certified on or before it."""

    name_th = models.CharField(_("name (Thai)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="certified_areas",
    )
    proponent = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("proponent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certified_areas",
    )
    # Known even when the organisation's name is not (e.g. "a province").
    proponent_type = models.CharField(
        _("proponent type"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    batch = models.ForeignKey(
        Batch,
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="areas",
    )
    approved_at = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("approved at (sub-committee)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_areas",
    )
    acknowledged_at = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("acknowledged at (steering committee)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acknowledged_areas",
    )
    certified_on = models.DateField(_("certified on"), db_index=True)
    logo_ceremony_on = models.DateField(_("logo ceremony"), null=True, blank=True)
    record_quality = models.CharField(
        _("record quality"),
        max_length=20,
        choices=RecordQuality.choices,
        default=RecordQuality.CONFIRMED,
    )
    note = models.TextField(_("note"), blank=True)
    # Unknown unless declared: None means "not reported", never zero.
    population_served = models.PositiveIntegerField(_("population served"), null=True, blank=True)
    expected_investment_baht = models.DecimalField(
        _("expected private investment (baht)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # The certificate. Numbers are the platform's own ("SCT-2565-001"): sequential per
    # Buddhist-era year of certification, given once and never reused.
    certificate_number = models.CharField(
        _("certificate number"), max_length=30, unique=True, null=True, blank=True
    )
    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certified_area",
    )
    # None: no validity term on record (areas imported from the public record).
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ACTIVE,
        db_index=True,
    )
    # The day a revocation took effect: the area stops counting in figures after it.
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    search_document = models.TextField(editable=False, blank=True)
    # thai_sort_key() of the name readers see first: dictionary order in the database.
    sort_name = models.CharField(max_length=300, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("certified area")
        verbose_name_plural = _("certified areas")
        ordering = ["certified_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_en", "province"], name="certifiedarea_unique_name_province"
            )
        ]

    def __str__(self) -> str:
        return self.name_th or self.name_en

    def save(self, *args, **kwargs):
        self.sort_name = thai_sort_key(self.name_th or self.name_en)
        super().save(*args, **kwargs)

    def display_status(self, on: dt.date | None = None) -> str:
        """Active, suspended or revoked as kept; expired when an active or suspended
        certificate's validity has passed on `on` (default today)."""
        on = on or timezone.localdate()
        if self.status != CertificateStatus.REVOKED and self.valid_until and on > self.valid_until:
            return DisplayStatus.EXPIRED
        return self.status

    def get_display_status_display(self) -> str:
        return str(DisplayStatus(self.display_status()).label)


class CertificateEvent(models.Model):
    """The certificate's history, shown publicly: certified, logo presented, suspended,
    reinstated, revoked; each with its date, reason and meeting reference."""

    area = models.ForeignKey(CertifiedArea, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    on = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate_events",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_kind_display()} {self.on}"


class AreaDomain(models.Model):
    """A domain for which an area holds the logo."""

    area = models.ForeignKey(
        CertifiedArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="domains"
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)

    class Meta:
        verbose_name = _("logo domain")
        verbose_name_plural = _("logo domains")
        constraints = [models.UniqueConstraint(fields=["area", "domain"], name="areadomain_unique")]
        indexes = [models.Index(fields=["domain", "area"])]

    def __str__(self) -> str:
        return f"{self.area} – {self.get_domain_display()}"


class CertificateSequence(models.Model):
    """The last certificate number given in a Buddhist-era year (locked to give the next)."""

    year_be = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year_be}: {self.last}"
