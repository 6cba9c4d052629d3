from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.network.enums import NetworkStatus


class NetworkCity(models.Model):
    """A Thai city in (or nominated to) the ASEAN Smart Cities Network."""

    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, unique=True)
    province = models.ForeignKey(
        "geo.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=NetworkStatus.choices)
    since_year = models.PositiveSmallIntegerField(_("since (year, C.E.)"))
    since_on = models.DateField(_("since (date)"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    deciding_meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("network city")
        verbose_name_plural = _("network cities")
        ordering = ["since_year", "name_en"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def is_member(self) -> bool:
        """A member of the ASEAN Smart Cities Network (not only nominated)."""
        return self.status == NetworkStatus.MEMBER
