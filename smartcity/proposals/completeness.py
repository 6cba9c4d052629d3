"""What a proposal still lacks before it may be submitted, per criterion."""

from django.utils.translation import gettext as _

from smartcity.core.enums import Domain
from smartcity.proposals.enums import CriterionCode
from smartcity.proposals.models import Proposal


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_completeness(proposal: Proposal, criteria: dict) -> dict[str, list[str]]:
    """{criterion code: [missing item, ...]} for every criterion with something missing;
    empty when the proposal may be submitted. `criteria` is a criteria snapshot (its
    domain-coverage rule applies)."""
    missing: dict[str, list[str]] = {}

    def need(code: str, condition: bool, message: str) -> None:
        if condition:
            missing.setdefault(code, []).append(message)

    area = CriterionCode.AREA_VISION
    need(area, _blank(proposal.name_th), _("The Thai name of the area"))
    need(area, _blank(proposal.name_en), _("The English name of the area"))
    need(area, _blank(proposal.city_type), _("The city type (existing livable city or new city)"))
    need(area, not proposal.provinces.exists(), _("The provinces the area covers"))
    need(
        area,
        proposal.boundary is None,
        _("The area boundary (upload a GeoJSON or KML file, or draw it on the map)"),
    )
    need(area, _blank(proposal.vision), _("The vision"))
    need(area, _blank(proposal.goals), _("The goals"))
    need(area, proposal.population_served is None, _("The population served"))

    infra = CriterionCode.INFRASTRUCTURE
    need(
        infra,
        not proposal.infrastructure_items.exists(),
        _("At least one infrastructure item with its cost and year"),
    )

    data = CriterionCode.DATA_PLATFORM
    need(data, _blank(proposal.data_platform_design), _("The design of the city data platform"))
    need(data, not proposal.datasets.exists(), _("At least one dataset and who shares it"))
    need(data, _blank(proposal.data_security), _("How the platform is kept secure"))
    need(data, _blank(proposal.personal_data_protection), _("How personal data is protected"))

    services = CriterionCode.SERVICES
    domains = set(proposal.solutions.values_list("domain", flat=True))
    need(
        services,
        not domains,
        _("At least one smart service with its indicator, baseline and target"),
    )
    minimum = criteria.get("min_domains", 0)
    if domains and len(domains) < minimum:
        need(
            services,
            True,
            _("Smart services in at least %(n)s domains (now %(have)s)")
            % {"n": minimum, "have": len(domains)},
        )
    for code in criteria.get("required_domains", []):
        need(
            services,
            code not in domains,
            _("A smart service in the required domain: %(domain)s")
            % {"domain": Domain(code).label},
        )

    manage = CriterionCode.MANAGEMENT
    need(
        manage,
        _blank(proposal.management_organisation),
        _("The organisation that will manage the city"),
    )
    need(manage, _blank(proposal.management_model), _("The management and investment model"))
    need(manage, _blank(proposal.investment_plan), _("The investment plan"))
    need(
        manage,
        proposal.expected_private_investment_baht is None,
        _("The expected private investment in baht"),
    )
    return missing
