"""What a proposal must hold before it may be submitted, per criterion.

One list of rules serves both sides: check_completeness() lists the rules a proposal does
not meet yet (the submit gate), and section_rules() gives the same rules' texts to show
beside the fields where the applicant fills them in, so the two cannot drift."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from smartcity.core.enums import Domain
from smartcity.proposals.enums import CriterionCode
from smartcity.proposals.models import Proposal


@dataclass(frozen=True)
class Rule:
    criterion: str
    field: str  # where it is filled in: a form field, a table of rows, or "boundary"
    text: Callable[[], str]  # the rule as the applicant reads it, before and after
    unmet: Callable[[Proposal], str | None]  # what is missing; None when the rule is met
    # False when the text only names the field ("The vision"): the field is marked as
    # needed, and its label says the rest.
    explains: bool = True


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _needs(criterion: str, field: str, text, lacking: Callable[[Proposal], bool]) -> Rule:
    """A rule whose missing item reads as the rule itself."""
    return Rule(criterion, field, text, lambda p: text() if lacking(p) else None)


def _filled(criterion: str, field: str, text: Callable[[], str]) -> Rule:
    return replace(
        _needs(criterion, field, text, lambda p: _blank(getattr(p, field))), explains=False
    )


def _some(criterion: str, field: str, text: Callable[[], str]) -> Rule:
    return _needs(criterion, field, text, lambda p: not getattr(p, field).exists())


def _domains(proposal: Proposal) -> set[str]:
    return set(proposal.solutions.values_list("domain", flat=True))


def rules(criteria: dict) -> list[Rule]:
    """Every rule, in the order the sections and their fields come. `criteria` is a
    criteria snapshot: its domain-coverage rule applies."""
    area, infra = CriterionCode.AREA_VISION, CriterionCode.INFRASTRUCTURE
    data, services = CriterionCode.DATA_PLATFORM, CriterionCode.SERVICES
    manage = CriterionCode.MANAGEMENT
    listed = [
        _filled(area, "name_th", lambda: _("The Thai name of the area")),
        _filled(area, "name_en", lambda: _("The English name of the area")),
        _filled(area, "city_type", lambda: _("The city type (existing livable city or new city)")),
        replace(
            _some(area, "provinces", lambda: _("The provinces the area covers")),
            explains=False,
        ),
        _needs(
            area,
            "boundary",
            lambda: _("The area boundary (upload a GeoJSON or KML file, or draw it on the map)"),
            lambda p: p.boundary is None,
        ),
        _filled(area, "vision", lambda: _("The vision")),
        _filled(area, "goals", lambda: _("The goals")),
        replace(
            _needs(
                area,
                "population_served",
                lambda: _("The population served"),
                lambda p: p.population_served is None,
            ),
            explains=False,
        ),
        _some(
            infra,
            "infrastructure_items",
            lambda: _("At least one infrastructure item with its cost and year"),
        ),
        _filled(data, "data_platform_design", lambda: _("The design of the city data platform")),
        _some(data, "datasets", lambda: _("At least one dataset and who shares it")),
        _filled(data, "data_security", lambda: _("How the platform is kept secure")),
        _filled(data, "personal_data_protection", lambda: _("How personal data is protected")),
        _some(
            services,
            "solutions",
            lambda: _("At least one smart service with its indicator, baseline and target"),
        ),
    ]
    minimum = criteria.get("min_domains", 0)
    if minimum > 1:
        listed.append(
            Rule(
                services,
                "solutions",
                lambda: _("Smart services in at least %(n)s domains") % {"n": minimum},
                lambda p: (
                    _("Smart services in at least %(n)s domains (now %(have)s)")
                    % {"n": minimum, "have": len(found)}
                    if (found := _domains(p)) and len(found) < minimum
                    else None
                ),
            )
        )
    for code in criteria.get("required_domains", []):
        listed.append(
            _needs(
                services,
                "solutions",
                _required_domain(code),
                lambda p, code=code: code not in _domains(p),
            )
        )
    listed += [
        _filled(
            manage,
            "management_organisation",
            lambda: _("The organisation that will manage the city"),
        ),
        _filled(manage, "management_model", lambda: _("The management and investment model")),
        _filled(manage, "investment_plan", lambda: _("The investment plan")),
        replace(
            _needs(
                manage,
                "expected_private_investment_baht",
                lambda: _("The expected private investment in baht"),
                lambda p: p.expected_private_investment_baht is None,
            ),
            explains=False,
        ),
    ]
    return listed


def _required_domain(code: str) -> Callable[[], str]:
    return lambda: (
        _("A smart service in the required domain: %(domain)s") % {"domain": Domain(code).label}
    )


def check_completeness(proposal: Proposal, criteria: dict) -> dict[str, list[str]]:
    """{criterion code: [missing item, ...]} for every criterion with something missing;
    empty when the proposal may be submitted."""
    missing: dict[str, list[str]] = {}
    for rule in rules(criteria):
        message = rule.unmet(proposal)
        if message:
            missing.setdefault(rule.criterion, []).append(message)
    return missing


def section_rules(criterion: str, criteria: dict) -> dict[str, list[str]]:
    """{field: [rule text, ...]} of one criterion's section, for showing beside its fields
    which of them a submission needs (every key) and what they must hold (the texts of
    the rules that say more than the field's name)."""
    shown: dict[str, list[str]] = {}
    for rule in rules(criteria):
        if rule.criterion == criterion:
            texts = shown.setdefault(rule.field, [])
            if rule.explains:
                texts.append(rule.text())
    return shown
