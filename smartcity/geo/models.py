from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.db import thai_sort_key
from smartcity.geo.enums import RegionCode


class Region(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, choices=RegionCode.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name_th


class Province(models.Model):
    """One of the 77 provinces (Bangkok counts as one). `code` is the official two-digit
    code, also used in ISO 3166-2:TH ("TH-" + code)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="provinces"
    )
    # thai_sort_key(name_th): lets the database sort Thai names in dictionary order.
    sort_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    # Simplified boundary (GeoJSON geometry, WGS84) from Natural Earth: for maps and
    # point lookup, not an official area.
    boundary = models.JSONField(_("boundary"), null=True, blank=True, editable=False)
    label_lon = models.FloatField(_("label longitude"), null=True, blank=True, editable=False)
    label_lat = models.FloatField(_("label latitude"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th

    def save(self, *args, **kwargs):
        self.sort_name = thai_sort_key(self.name_th)
        super().save(*args, **kwargs)

    @property
    def iso_code(self) -> str:
        return f"TH-{self.code}"


class District(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="districts"
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class Subdistrict(models.Model):
    code = models.CharField(_("code"), max_length=6, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="subdistricts",
    )
    postal_codes = models.CharField(_("postal codes"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th
