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


class MembershipRole(models.TextChoices):
    """What a member may do for their organisation's proposals."""

    OWNER = "owner", _("Owner")  # manages members, submits and withdraws
    EDITOR = "editor", _("Editor")  # writes drafts and submits
    VIEWER = "viewer", _("Viewer")  # reads only
