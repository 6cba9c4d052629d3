"""Frozen copies: the criteria a proposal is judged by, and what each version contained."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from smartcity.proposals.models import CriteriaSet, Proposal


def _number(value) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


def criteria_snapshot(criteria_set: CriteriaSet) -> dict:
    criteria = criteria_set.criteria.prefetch_related("items").order_by("position")
    return {
        "version": criteria_set.version,
        "name_th": criteria_set.name_th,
        "name_en": criteria_set.name_en,
        "min_domains": criteria_set.min_domains,
        "required_domains": list(criteria_set.required_domains),
        "pass_mark": _number(criteria_set.pass_mark),
        "criteria": [
            {
                "code": c.code,
                "title_th": c.title_th,
                "title_en": c.title_en,
                "weight": _number(c.weight),
                "max_score": c.max_score,
                "pass_mark": _number(c.pass_mark),
                "items": [
                    {"title_th": i.title_th, "title_en": i.title_en, "weight": _number(i.weight)}
                    for i in c.items.all()
                ],
            }
            for c in criteria
        ],
    }


# Field -> label, in the order a reader meets them; used for the diff between versions.
CONTENT_LABELS = {
    "name_th": _("Name (Thai)"),
    "name_en": _("Name (English)"),
    "city_type": _("City type"),
    "provinces": _("Provinces covered"),
    "districts": _("Districts covered"),
    "boundary_area_km2": _("Area (km²)"),
    "boundary_province_codes": _("Provinces the boundary touches"),
    "vision": _("Vision"),
    "goals": _("Goals"),
    "population_served": _("Population served"),
    "infrastructure_items": _("Infrastructure plan"),
    "data_platform_design": _("Platform design"),
    "datasets": _("Datasets"),
    "data_security": _("Security"),
    "personal_data_protection": _("Personal data protection"),
    "solutions": _("Smart services"),
    "management_organisation": _("Managing organisation"),
    "management_model": _("Management and investment model"),
    "investment_plan": _("Investment plan"),
    "expected_private_investment_baht": _("Expected private investment (baht)"),
    "attachments": _("Attachments"),
    "boundary": _("Area boundary"),
}


def proposal_snapshot(proposal: Proposal) -> dict:
    """What a version freezes of `proposal` when it is submitted, read from the database."""
    return snapshot_content(
        proposal,
        provinces=proposal.provinces.values_list("code", flat=True),
        districts=proposal.districts.values_list("code", flat=True),
        infrastructure_items=proposal.infrastructure_items.all(),
        datasets=proposal.datasets.all(),
        solutions=proposal.solutions.all(),
        attachments=proposal.attachments.all(),
    )


def snapshot_content(
    proposal: Proposal,
    *,
    provinces,
    districts,
    infrastructure_items,
    datasets,
    solutions,
    attachments,
) -> dict:
    """proposal_snapshot() from rows already at hand: the codes of the provinces and
    districts covered, the section rows in their order and the saved attachments (the
    bench generators build thousands of versions without a query each)."""
    return {
        "name_th": proposal.name_th,
        "name_en": proposal.name_en,
        "city_type": proposal.city_type,
        "provinces": sorted(provinces),
        "districts": sorted(districts),
        "boundary": proposal.boundary,
        "boundary_area_km2": _number(proposal.boundary_area_km2),
        "boundary_province_codes": list(proposal.boundary_province_codes),
        "vision": proposal.vision,
        "goals": proposal.goals,
        "population_served": proposal.population_served,
        "infrastructure_items": [
            {
                "title": i.title,
                "is_digital": i.is_digital,
                "cost_baht": _number(i.cost_baht),
                "year": i.year,
            }
            for i in infrastructure_items
        ],
        "data_platform_design": proposal.data_platform_design,
        "datasets": [
            {
                "name": d.name,
                "provider": d.provider,
                "openness": d.openness,
                "has_personal_data": d.has_personal_data,
            }
            for d in datasets
        ],
        "data_security": proposal.data_security,
        "personal_data_protection": proposal.personal_data_protection,
        "solutions": [
            {
                "name": s.name,
                "domain": s.domain,
                "indicator": s.indicator,
                "baseline": s.baseline,
                "target": s.target,
                "target_year": s.target_year,
            }
            for s in solutions
        ],
        "management_organisation": proposal.management_organisation,
        "management_model": proposal.management_model,
        "investment_plan": proposal.investment_plan,
        "expected_private_investment_baht": _number(proposal.expected_private_investment_baht),
        # Each attachment by its own id: two files of the same bytes (a letter and its
        # copy) are two documents, and a checksum alone cannot tell which one to open.
        "attachments": sorted(
            (
                {
                    "id": a.pk,
                    "name": a.original_name,
                    "sha256": a.sha256,
                    "criterion": a.criterion,
                }
                for a in attachments
            ),
            key=lambda a: (a["criterion"], a["name"], a["id"]),
        ),
    }


def _documents(attachments):
    """Attachments as a reader compares them: by name, content and criterion. The id only
    says which stored file to open (older versions have none; a file removed and uploaded
    again gets a new one) and is no change to the proposal."""
    if attachments is None:
        return None
    return [{k: v for k, v in a.items() if k != "id"} for a in attachments]


def diff_versions(before: dict, after: dict) -> list[dict]:
    """The fields that differ between two version contents, labelled, in reading order."""
    changes = []
    for field, label in CONTENT_LABELS.items():
        old, new = before.get(field), after.get(field)
        if field == "attachments":
            old, new = _documents(old), _documents(new)
        if old != new:
            changes.append({"field": field, "label": label, "before": old, "after": new})
    return changes
