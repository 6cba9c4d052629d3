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


def in_force_on(
    on: dt.date,
    *,
    certified_on: dt.date,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    revoked_on: dt.date | None,
) -> bool:
    """Whether a certificate counts on `on`: certified by then, its term begun (if any), not
    past its last day ("valid until D" includes D) and not revoked by then. The same
    condition as registry.selectors.in_force(), for rows already read."""
    return (
        certified_on <= on
        and (valid_from is None or valid_from <= on)
        and (valid_until is None or valid_until >= on)
        and (revoked_on is None or revoked_on > on)
    )


def display_status(status: str, valid_until: dt.date | None, on: dt.date) -> str:
    """What a reader is told of a certificate kept as `status`: expired when an active or
    suspended certificate's validity has passed on `on`."""
    if status in CertificateStatus.standing() and valid_until and on > valid_until:
        return DisplayStatus.EXPIRED
    return status


class Batch(models.Model):
    """A group of areas certified together and given the logo at one ceremony.

    One batch per acknowledging meeting of the steering committee; its code ("B2") is its
    rank in order of certification, so a batch recorded from history later takes its
    place among the others."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    logo_ceremony_on = models.DateField(_("logo ceremony"), null=True, blank=True)
    # The batch's place in order of certification (B1 is 1): kept by
    # services.batches.relabel_batches(), so "B10" sorts after "B9".
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
    # The day the area was first certified (its first certificate's); each certificate
    # keeps its own.
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

    @property
    def is_record_unconfirmed(self) -> bool:
        return self.record_quality in RecordQuality.unconfirmed()

    @property
    def is_inferred(self) -> bool:
        return self.record_quality == RecordQuality.INFERRED

    @property
    def is_thai_title_unknown(self) -> bool:
        return self.record_quality == RecordQuality.TITLE_TH_UNKNOWN

    def save(self, *args, **kwargs):
        self.sort_name = thai_sort_key(self.name_th or self.name_en)
        super().save(*args, **kwargs)


class Certificate(TimeStampedModel):
    """One certificate of an area: its first issue or a renewal, with its own number,
    term, status, domains and meetings. An area keeps its identity across terms and has
    as many certificates as terms (selectors.current_certificate() says which counts).

    Numbers are the platform's own ("SCT-2565-001"): sequential per Buddhist-era year of
    certification, given once and never reused."""

    area = models.ForeignKey(
        CertifiedArea,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    approving_meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("approving meeting (sub-committee)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_certificates",
    )
    acknowledging_meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("acknowledging meeting (steering committee)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acknowledged_certificates",
    )
    # The day the steering committee acknowledged the approval: it counts from then.
    certified_on = models.DateField(_("certified on"), db_index=True)
    # The term; both None when none is on record (areas imported from the public record).
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ACTIVE,
        db_index=True,
    )
    # The day a revocation took effect: the certificate stops counting after it.
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["certified_on", "id"]

    def __str__(self) -> str:
        return self.number

    def display_status(self, on: dt.date | None = None) -> str:
        """Active, suspended or revoked as kept; expired when an active or suspended
        certificate's validity has passed on `on` (default today)."""
        return display_status(self.status, self.valid_until, on or timezone.localdate())

    def is_in_force(self, on: dt.date | None = None) -> bool:
        return in_force_on(
            on or timezone.localdate(),
            certified_on=self.certified_on,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            revoked_on=self.revoked_on,
        )

    @property
    def is_revoked(self) -> bool:
        return self.status == CertificateStatus.REVOKED

    def get_display_status_display(self) -> str:
        return str(DisplayStatus(self.display_status()).label)


class CertificateEvent(models.Model):
    """The certificate's history, shown publicly: certified, logo presented, suspended,
    reinstated, revoked; each with its date, reason and meeting reference."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events", verbose_name=_("certificate")
    )
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
        return f"{self.certificate}: {self.get_kind_display()} {self.on}"


class CertificateDomain(models.Model):
    """A domain for which a certificate gives the area the logo."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="domains",
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)

    class Meta:
        verbose_name = _("logo domain")
        verbose_name_plural = _("logo domains")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "domain"], name="certificatedomain_unique"
            )
        ]
        indexes = [models.Index(fields=["domain", "certificate"])]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_domain_display()}"


class CertificateSequence(models.Model):
    """The last certificate number given in a Buddhist-era year (locked to give the next)."""

    year_be = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year_be}: {self.last}"
