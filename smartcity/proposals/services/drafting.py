"""Starting a draft and saving it: the autosave of every section, the boundary included."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.core.i18n import localised
from smartcity.core.text import search_document
from smartcity.geo.boundaries.analysis import BoundaryReport, compare_declared
from smartcity.geo.models import Province
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import (
    Call,
    DatasetPlan,
    InfrastructureItem,
    Proposal,
    Solution,
)
from smartcity.proposals.services import area
from smartcity.proposals.services.errors import ProposalError, StaleRevision
from smartcity.proposals.services.state import locked


def refuse_unless_editable(proposal: Proposal) -> None:
    """Raise ProposalError unless the proponent may still edit `proposal`."""
    if proposal.state not in ProposalState.editable():
        raise ProposalError(
            _("A proposal that is “%(state)s” can no longer be edited.")
            % {"state": proposal.get_state_display()}
        )


@transaction.atomic
def create_proposal(*, organisation, call: Call, by) -> Proposal:
    """Start a draft for `organisation` under `call`. Side effects: an audit row."""
    if not call.is_open_on(timezone.localdate()):
        raise ProposalError(_("This call for proposals is not open."))
    proposal = Proposal(organisation=organisation, call=call, created_by=by)
    proposal.search_document = refresh_search_document(proposal)
    proposal.save()
    audit.record(
        action="proposals.proposal.created", by=by, target=proposal, after={"call": call.pk}
    )
    return proposal


ROW_MODELS = {
    "infrastructure_items": (InfrastructureItem, ["title", "is_digital", "cost_baht", "year"]),
    "datasets": (DatasetPlan, ["name", "provider", "openness", "has_personal_data"]),
    "solutions": (Solution, ["name", "domain", "indicator", "baseline", "target", "target_year"]),
}


def section_rows(proposal: Proposal, name: str) -> list[dict]:
    """The rows of a section's table (infrastructure items, datasets, solutions), as the
    section form shows them and as save_draft() compares them."""
    model, fields = ROW_MODELS[name]
    return [
        {f: getattr(row, f) for f in fields}
        for row in model.objects.filter(proposal=proposal).order_by("position", "id")
    ]


def refresh_search_document(proposal: Proposal) -> str:
    organisation = proposal.organisation
    return search_document(
        proposal.name_th, proposal.name_en, organisation.name_th, organisation.name_en
    )


@transaction.atomic
def save_draft(
    *,
    proposal: Proposal,
    values: dict,
    revision: int,
    by,
    m2m: dict | None = None,
    rows: dict[str, list[dict]] | None = None,
) -> Proposal:
    """Save fields of a draft (autosave): plain fields, many-to-many sets and the rows of
    a section's table (infrastructure items, datasets, solutions), each replaced whole.
    Refuses a stale revision so that two editors never silently overwrite each other; a
    stale copy that changes nothing (the Save button pressed while the autosave of the same
    text was on its way) is simply saved already.
    Side effects: revision bumped; search document refreshed; an audit row listing the
    fields changed."""
    current = locked(proposal)
    refuse_unless_editable(current)
    changed = {}
    for name, value in values.items():
        if getattr(current, name) != value:
            changed[name] = (getattr(current, name), value)
    wanted_sets = {}
    for name, objects in (m2m or {}).items():
        old = set(getattr(current, name).values_list("pk", flat=True))
        new = {o.pk for o in objects}
        if old != new:
            wanted_sets[name] = objects
            changed[name] = (sorted(old), sorted(new))
    wanted_rows = {}
    for name, wanted in (rows or {}).items():
        existing = section_rows(current, name)
        if existing != wanted:
            wanted_rows[name] = wanted
            changed[name] = (existing, wanted)
    if changed and revision != current.revision:
        raise StaleRevision(
            _(
                "Someone else saved this proposal after you opened it. Reload to see their changes; your text is kept in this page."
            )
        )
    for name in values:
        if name in changed:
            setattr(current, name, changed[name][1])
    for name, objects in wanted_sets.items():
        getattr(current, name).set(objects)
    if "provinces" in changed and current.boundary is not None and "boundary" not in values:
        # Whether the declared provinces match the boundary is worked out when the page is
        # shown (presentation.boundary_notes); what is stored must not keep an old verdict.
        overlaps = area.overlap_warnings(current, current.boundary)
        if overlaps != current.boundary_warnings:
            changed["boundary_warnings"] = (current.boundary_warnings, overlaps)
            current.boundary_warnings = overlaps
    for name, wanted in wanted_rows.items():
        model, _fields = ROW_MODELS[name]
        model.objects.filter(proposal=current).delete()
        model.objects.bulk_create(
            model(proposal=current, position=i, **row) for i, row in enumerate(wanted)
        )
    if changed:
        current.revision += 1
        current.search_document = refresh_search_document(current)
        current.save()
        audit.record(
            action="proposals.proposal.draft_saved",
            by=by,
            target=current,
            before={k: v[0] for k, v in changed.items()},
            after={k: v[1] for k, v in changed.items()},
        )
    return current


@transaction.atomic
def set_boundary(*, proposal: Proposal, geometry: dict, by) -> BoundaryReport:
    """Validate and store the area boundary of a draft: area on an equal-area projection,
    the provinces it actually touches, warnings where it overlaps another live proposal
    or differs from the declared provinces. Raises BoundaryError (nothing saved) when the
    boundary is invalid. Side effects: the draft saved through save_draft (revision,
    audit)."""
    report = area.analyse(proposal, geometry)
    names = {
        p.code: localised(p, "name") for p in Province.objects.only("code", "name_th", "name_en")
    }
    declared = proposal.provinces.values_list("code", flat=True)
    save_draft(
        proposal=proposal,
        values={
            "boundary": report.geometry,
            "boundary_area_km2": Decimal(str(round(report.area_km2, 3))),
            "boundary_province_codes": report.province_codes,
            # Only the overlaps with other proposals are kept: the declared provinces
            # can change after this, so their comparison is made when the page is shown.
            "boundary_warnings": [str(w) for w in report.warnings],
        },
        revision=Proposal.objects.get(pk=proposal.pk).revision,
        by=by,
    )
    warnings = [*report.warnings, *compare_declared(report, declared, names=names)]
    return BoundaryReport(
        report.geometry, report.area_km2, report.province_codes, [str(w) for w in warnings]
    )
