"""A proposed area's boundary read against the provinces and the other live proposals."""

import functools

from smartcity.geo.boundaries.analysis import BoundaryReport, ProvinceIndex, analyse_boundary
from smartcity.geo.models import Province
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal


@functools.lru_cache(maxsize=1)
def _province_index() -> ProvinceIndex:
    # Province polygons are reference data: projected and indexed once per process.
    return ProvinceIndex(Province.objects.values_list("code", "boundary"))


def analyse(proposal: Proposal, geometry: dict) -> BoundaryReport:
    """The boundary's analysis, with its overlaps with the other live proposals' areas."""
    report = analyse_boundary(geometry, provinces=_province_index())
    others = [
        ("proposal", str(other), other.boundary)
        for other in Proposal.objects.exclude(pk=proposal.pk)
        .exclude(state__in=ProposalState.dropped())
        .filter(boundary__isnull=False, provinces__code__in=report.province_codes)
        .distinct()
        .only("name_th", "name_en", "boundary")
    ]
    if others:
        report = analyse_boundary(geometry, provinces=_province_index(), others=others)
    return report


def overlap_warnings(proposal: Proposal, geometry: dict) -> list[str]:
    return [str(w) for w in analyse(proposal, geometry).warnings]
