from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "smartcity.geo"
    label = "geo"
    verbose_name = _("Reference geography")
