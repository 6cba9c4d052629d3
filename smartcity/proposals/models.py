from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from smartcity.core.dates import BE_OFFSET
from smartcity.core.db import thai_sort_key
from smartcity.core.enums import Domain
from smartcity.core.models import TimeStampedModel
from smartcity.proposals.enums import (
    CityType,
    CriteriaSetStatus,
    CriterionCode,
    Openness,
    ProposalState,
    ScreeningOutcome,
)


class CriteriaSet(TimeStampedModel):
    """A versioned rubric: the five criteria with weights and pass marks, and the rule on
    how many domains a proposal must cover. Published sets are frozen into proposals at
    submission, so later edits never change how an old proposal is judged."""

    version = models.CharField(_("version"), max_length=30, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CriteriaSetStatus.choices,
        default=CriteriaSetStatus.DRAFT,
    )
    min_domains = models.PositiveSmallIntegerField(_("minimum number of domains"), default=2)
    required_domains = models.JSONField(
        _("required domains"),
        default=list,
        blank=True,
        help_text=_("Domain codes every proposal must cover."),
    )
    pass_mark = models.DecimalField(
        _("overall pass mark"), max_digits=5, decimal_places=2, default=60
    )

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name_th} ({self.version})"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria set"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    code = models.CharField(_("criterion"), max_length=20, choices=CriterionCode.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_unique_code"),
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=models.F("max_score")),
                name="criterion_pass_mark_within_max",
            ),
        ]

    def __str__(self) -> str:
        return self.title_th


class CriterionItem(models.Model):
    """A sub-item of a criterion, scored separately."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    weight = models.DecimalField(
        _("weight within the criterion (%)"), max_digits=5, decimal_places=2
    )

    class Meta:
        verbose_name = _("criterion item")
        verbose_name_plural = _("criterion items")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title_th


class Call(TimeStampedModel):
    """A call for proposals: rolling (no deadline) or closing on a date."""

    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="calls"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("Empty for a rolling call.")
    )

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.title_th

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)


class Proposal(TimeStampedModel):
    """A smart-city proposal by a proponent organisation, in sections that follow the five
    criteria. Only services change `state` (see services.transition_proposal)."""

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
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return self.name_th or self.name_en or str(_("Untitled proposal"))

    def set_sort_name(self) -> None:
        """What the proposal is sorted by; save() calls it (bulk writers call it themselves)."""
        self.sort_name = thai_sort_key(self.name_th or self.name_en)

    def save(self, *args, **kwargs):
        self.set_sort_name()
        super().save(*args, **kwargs)


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


class ProposalVersion(models.Model):
    """What was submitted, frozen: the proposal's content and the criteria it is judged by."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(_("content"))
    criteria = models.JSONField(_("criteria"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="proposalversion_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"


class StateChange(models.Model):
    """The proposal's timeline, as the applicant and the secretariat see it. A row whose
    state does not change records a due date moved (`due_on`, the new date; `note`, why)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=ProposalState.choices)
    to_state = models.CharField(max_length=20, choices=ProposalState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    due_on = models.DateField(_("new due date"), null=True, blank=True)
    note = models.TextField(blank=True)  # what a person wrote: conditions, reasons
    # What the step refers to, kept as data so that each reader sees it in their own
    # language: {"version": 2} or {"meeting": {"committee_th", "committee_en", "number",
    # "year_be"}}.
    reference = models.JSONField(_("reference"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    @property
    def moves_due_date(self) -> bool:
        return self.from_state == self.to_state and self.due_on is not None

    def reference_text(self) -> str:
        """The version or meeting of the step, in the reader's language: "ฉบับที่ 2",
        "คณะอนุกรรมการ… ครั้งที่ 2/2569"; "Version 2", "… meeting 2/2026" in English."""
        if "version" in self.reference:
            return gettext("Version %(n)s") % {"n": self.reference["version"]}
        meeting = self.reference.get("meeting")
        if not meeting:
            return ""
        thai = (get_language() or "th").startswith("th")
        name = (meeting.get("committee_th") if thai else meeting.get("committee_en")) or (
            meeting.get("committee_th") or meeting.get("committee_en") or ""
        )
        year = meeting["year_be"] if thai else meeting["year_be"] - BE_OFFSET
        number = f"{meeting['number']}/{year}" if meeting.get("number") else str(year)
        return gettext("%(committee)s, meeting %(number)s") % {"committee": name, "number": number}


class ScreeningDecision(models.Model):
    """The secretariat's screening of one submitted version."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="screenings")
    version = models.ForeignKey(
        ProposalVersion, on_delete=models.PROTECT, related_name="screenings"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScreeningOutcome.choices)
    checklist = models.JSONField(_("checklist"), default=dict)
    missing_items = models.JSONField(_("missing items"), default=list, blank=True)
    due_on = models.DateField(_("information due on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return self.get_outcome_display()
