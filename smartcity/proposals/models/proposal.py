"""The proposal, the rows of its sections' tables, and its attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.db import thai_sort_key
from smartcity.core.enums import Domain
from smartcity.core.models import TimeStampedModel
from smartcity.proposals.enums import (
    CityType,
    CriterionCode,
    Openness,
    ProposalState,
)
from smartcity.proposals.models.criteria import Call


class Proposal(TimeStampedModel):
    """A smart-city proposal by a proponent organisation, in sections that follow the five
    criteria. Only services change `state` (see services.state.transition_proposal)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("proponent"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="proposals"
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ProposalState.choices,
        default=ProposalState.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 1. Area and vision
    name_th = models.CharField(_("name (Thai)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    city_type = models.CharField(
        _("city type"), max_length=20, choices=CityType.choices, blank=True
    )
    provinces = models.ManyToManyField(
        "geo.Province", verbose_name=_("provinces covered"), blank=True, related_name="+"
    )
    districts = models.ManyToManyField(
        "geo.District", verbose_name=_("districts covered"), blank=True, related_name="+"
    )
    boundary = models.JSONField(_("area boundary"), null=True, blank=True)
    boundary_area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    boundary_province_codes = models.JSONField(
        _("provinces the boundary touches"), default=list, blank=True
    )
    boundary_warnings = models.JSONField(_("boundary warnings"), default=list, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    population_served = models.PositiveIntegerField(_("population served"), null=True, blank=True)
    # 3. City data platform (datasets are rows of DatasetPlan)
    data_platform_design = models.TextField(_("platform design"), blank=True)
    data_security = models.TextField(_("security"), blank=True)
    personal_data_protection = models.TextField(_("personal data protection"), blank=True)
    # 5. Sustainable management
    management_organisation = models.TextField(_("managing organisation"), blank=True)
    management_model = models.TextField(_("management and investment model"), blank=True)
    investment_plan = models.TextField(_("investment plan"), blank=True)
    expected_private_investment_baht = models.DecimalField(
        _("expected private investment (baht)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # Submission
    version_number = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    frozen_criteria = models.JSONField(
        _("criteria at submission"), null=True, blank=True, editable=False
    )
    information_due_on = models.DateField(_("information due on"), null=True, blank=True)
    # Bumped on every save of a draft: an autosave carrying an older revision is refused
    # rather than silently overwriting a colleague's newer text.
    revision = models.PositiveIntegerField(default=0, editable=False)
    search_document = models.TextField(editable=False, blank=True)
    sort_name = models.CharField(max_length=300, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["state", "submitted_at"]),
            # The secretariat's queue, paged by key (core.keyset) in either of its orders;
            # with the state, a page number is found from the index alone.
            models.Index(fields=["submitted_at", "id", "state"], name="proposal_queue_oldest"),
            models.Index(fields=["sort_name", "id", "state"], name="proposal_queue_name"),
        ]

    def __str__(self) -> str:
        return self.name_th or self.name_en or str(_("Untitled proposal"))

    def set_sort_name(self) -> None:
        """What the proposal is sorted by; save() calls it (bulk writers call it themselves)."""
        self.sort_name = thai_sort_key(self.name_th or self.name_en)

    def save(self, *args, **kwargs):
        self.set_sort_name()
        super().save(*args, **kwargs)

    # For templates, which never compare with a state's string.
    @property
    def is_returned(self) -> bool:
        return self.state == ProposalState.RETURNED

    @property
    def is_revising(self) -> bool:
        return self.state == ProposalState.REVISING

    @property
    def is_rejected(self) -> bool:
        return self.state == ProposalState.REJECTED

    @property
    def is_certified(self) -> bool:
        return self.state == ProposalState.CERTIFIED

    @property
    def is_ineligible(self) -> bool:
        return self.state == ProposalState.INELIGIBLE


class InfrastructureItem(models.Model):
    """2. Infrastructure plan: one physical or digital item with its cost and year."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="infrastructure_items"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("item"), max_length=300)
    is_digital = models.BooleanField(_("digital infrastructure"), default=False)
    cost_baht = models.DecimalField(_("cost (baht)"), max_digits=16, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("year (C.E.)"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("infrastructure item")
        verbose_name_plural = _("infrastructure items")

    def __str__(self) -> str:
        return self.title


class DatasetPlan(models.Model):
    """3. City data platform: one dataset, who shares it and how open it is."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="datasets")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("dataset"), max_length=300)
    provider = models.CharField(_("shared by"), max_length=300)
    openness = models.CharField(_("openness"), max_length=20, choices=Openness.choices)
    has_personal_data = models.BooleanField(_("contains personal data"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.name


class Solution(models.Model):
    """4. Smart services: one solution in one of the seven domains, with its indicator."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="solutions")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("solution"), max_length=300)
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    indicator = models.CharField(_("indicator"), max_length=300)
    baseline = models.CharField(_("baseline"), max_length=100)
    target = models.CharField(_("target"), max_length=100)
    target_year = models.PositiveSmallIntegerField(_("target year (C.E.)"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def __str__(self) -> str:
        return self.name


def attachment_path(instance, filename: str) -> str:
    return f"proposals/{instance.proposal_id}/{instance.sha256[:16]}.pdf"


class Attachment(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    criterion = models.CharField(
        _("criterion"), max_length=20, choices=CriterionCode.choices, blank=True
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["criterion", "created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
