import calendar
import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.committee.enums import CommitteeKind, DatePrecision


class Committee(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=CommitteeKind.choices, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name_th


class Meeting(models.Model):
    """A numbered meeting: "ครั้งที่ 1/2565" is meeting 1 of B.E. year 2565.

    Historical meetings may lack a number or an exact date; we keep what the record says
    and how precise it is rather than inventing the rest."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_on_precision = models.CharField(
        _("precision of the date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["year_be", "number", "held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year_be", "number"],
                condition=models.Q(number__isnull=False),
                name="meeting_unique_number_per_committee_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.reference}"

    @property
    def reference(self) -> str:
        """ "1/2565", or the year alone when the number is not on record."""
        return f"{self.number}/{self.year_be}" if self.number else str(self.year_be)

    @property
    def effective_on(self) -> dt.date | None:
        """The latest day the meeting can have been held: a month-only date counts from the
        month's last day, so figures "as of" a date never claim a decision too early."""
        if self.held_on is None or self.held_on_precision == DatePrecision.UNKNOWN:
            return None
        if self.held_on_precision == DatePrecision.MONTH:
            last = calendar.monthrange(self.held_on.year, self.held_on.month)[1]
            return self.held_on.replace(day=last)
        return self.held_on
