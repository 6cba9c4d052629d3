"""The two standing committees."""

from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Committee

COMMITTEE_NAMES = {
    CommitteeKind.SUB_COMMITTEE: (
        "คณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ",
        "Smart City Development and Administration Sub-committee",
    ),
    CommitteeKind.STEERING: (
        "คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ",
        "Smart City Development Steering Committee",
    ),
}


def ensure_committees() -> dict[str, Committee]:
    """Create the two standing committees if missing; return them by kind."""
    result = {}
    for kind, (name_th, name_en) in COMMITTEE_NAMES.items():
        committee, _created = Committee.objects.get_or_create(
            kind=kind, defaults={"name_th": name_th, "name_en": name_en}
        )
        result[kind] = committee
    return result
