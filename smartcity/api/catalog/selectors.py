"""Reads for the catalogue: the facts that change with the data. Two queries at most,
whatever the size of the registry (tests/catalog/test_views.py counts them)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from smartcity.certification.models import Certificate
from smartcity.core import versions


@dataclass(frozen=True)
class CatalogueState:
    """What the catalogue says of time: the registry's version (ETag, dct:modified) and
    the period the data covers, from the first certification to today."""

    version: versions.Version
    first_certified_on: dt.date | None
    today: dt.date

    @property
    def etag_token(self) -> str:
        # The period ends today, so the same version reads differently tomorrow.
        return f"{self.version.tag}-{self.today:%Y%m%d}"


def catalogue_state() -> CatalogueState:
    first = Certificate.objects.aggregate(first=Min("certified_on"))["first"]
    return CatalogueState(versions.current(), first, timezone.localdate())
