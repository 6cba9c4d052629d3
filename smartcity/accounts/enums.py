from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """The kinds of city developer that propose smart-city areas."""

    MUNICIPALITY = "municipality", _("Municipality")
    PROVINCE = "province", _("Province")
    UNIVERSITY = "university", _("University")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
    PRIVATE = "private", _("Private developer")
    CITY_COMPANY = "city_company", _("City development company")
    GOVERNMENT = "government", _("Government agency")
    OTHER = "other", _("Other")
