from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionCode(models.TextChoices):
    """The six-region geographic grouping (regions.csv)."""

    NORTH = "north", _("North")
    NORTHEAST = "northeast", _("Northeast")
    CENTRAL = "central", _("Central")
    EAST = "east", _("East")
    WEST = "west", _("West")
    SOUTH = "south", _("South")


REGION_NAMES_TH = {
    RegionCode.NORTH: "ภาคเหนือ",
    RegionCode.NORTHEAST: "ภาคตะวันออกเฉียงเหนือ",
    RegionCode.CENTRAL: "ภาคกลาง",
    RegionCode.EAST: "ภาคตะวันออก",
    RegionCode.WEST: "ภาคตะวันตก",
    RegionCode.SOUTH: "ภาคใต้",
}
REGION_NAMES_EN = {
    RegionCode.NORTH: "North",
    RegionCode.NORTHEAST: "Northeast",
    RegionCode.CENTRAL: "Central",
    RegionCode.EAST: "East",
    RegionCode.WEST: "West",
    RegionCode.SOUTH: "South",
}
