"""Criteria sets, their criteria and sub-items, and the calls for proposals under them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import TimeStampedModel
from smartcity.proposals.enums import (
    CriteriaSetStatus,
    CriterionCode,
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
