from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    NOMINATED = "nominated", _("Nominated")
