"""The proponent edits a proposal's sections: each form saved as they type, the area's
districts, the boundary uploaded or drawn."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartcity.core.autosave import (
    autosave_reply,
    confirm_saved,
    pop_confirmed,
    session_expired_reply,
)
from smartcity.core.views import refusal_as_message
from smartcity.geo.boundaries.errors import BoundaryError
from smartcity.geo.boundaries.reading import read_boundary_file, read_boundary_geojson
from smartcity.proposals import presentation
from smartcity.proposals.access import get_proposal_for
from smartcity.proposals.completeness import check_completeness, section_rules
from smartcity.proposals.enums import CriterionCode
from smartcity.proposals.forms import sections
from smartcity.proposals.services import drafting, errors
from smartcity.proposals.snapshots import criteria_snapshot

MAX_BOUNDARY_BYTES = 5 * 1024 * 1024


# The sections follow the five criteria, then the attachments.
SECTIONS = {
    "area": (CriterionCode.AREA_VISION, sections.AreaForm, None, None),
    "infrastructure": (
        CriterionCode.INFRASTRUCTURE,
        None,
        sections.InfrastructureFormSet,
        "infrastructure_items",
    ),
    "data": (
        CriterionCode.DATA_PLATFORM,
        sections.DataPlatformForm,
        sections.DatasetFormSet,
        "datasets",
    ),
    "services": (CriterionCode.SERVICES, None, sections.SolutionFormSet, "solutions"),
    "management": (CriterionCode.MANAGEMENT, sections.ManagementForm, None, None),
}


def criteria_of(proposal) -> dict:
    """The criteria the proposal is checked against: frozen at its first submission."""
    return proposal.frozen_criteria or criteria_snapshot(proposal.call.criteria_set)


def section_status(missing: dict) -> list[dict]:
    return [
        {
            "slug": slug,
            "criterion": code,
            "label": CriterionCode(code).label,
            "missing": missing.get(code, []),
        }
        for slug, (code, *_rest) in SECTIONS.items()
    ]


def _bind(section: str, proposal, data=None):
    _code, form_class, formset_class, rows_name = SECTIONS[section]
    form = form_class(data, instance=proposal) if form_class else None
    formset = None
    if formset_class:
        initial = None if data is not None else drafting.section_rows(proposal, rows_name)
        formset = formset_class(data, initial=initial, prefix=rows_name)
    return form, formset


@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int, section: str):
    if section not in SECTIONS:
        raise Http404
    if not request.user.is_authenticated:
        if request.htmx:
            return session_expired_reply(request)
        return redirect_to_login(request.get_full_path())
    proposal = get_proposal_for(request.user, pk, "proposals.view_proposal")
    can_edit = request.user.has_perm("proposals.edit_proposal", proposal)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form, formset = _bind(section, proposal, request.POST)
        valid = (form is None or form.is_valid()) and (formset is None or formset.is_valid())
        if valid:
            try:
                revision = int(request.POST.get("revision", "-1"))
            except ValueError:
                revision = -1
            try:
                proposal = drafting.save_draft(
                    proposal=proposal,
                    values=form.values() if form else {},
                    m2m=form.m2m() if hasattr(form, "m2m") else None,
                    rows={SECTIONS[section][3]: sections.formset_rows(formset)}
                    if formset
                    else None,
                    revision=revision,
                    by=request.user,
                )
            except errors.StaleRevision as error:
                if request.htmx:
                    return autosave_reply(request, saved=False, message=str(error), revision=None)
                messages.error(request, str(error))
                return redirect("proposals:section", pk=pk, section=section)
            except errors.ProposalError as error:
                if request.htmx:
                    return autosave_reply(request, saved=False, message=str(error), revision=None)
                messages.error(request, str(error))
                return redirect("proposals:detail", pk=pk)
            if request.htmx:
                return autosave_reply(request, saved=True, message="", revision=proposal.revision)
            messages.success(request, _("Saved."))
            confirm_saved(request, _autosave_key(proposal, section))
            following = _next_section(section)
            if following and "save_next" in request.POST:
                return redirect("proposals:section", pk=pk, section=following)
            return redirect("proposals:section", pk=pk, section=section)
        if request.htmx:
            return autosave_reply(
                request,
                saved=False,
                message=_(
                    "Not saved yet: some fields need attention (see below when you press Save)."
                ),
                revision=None,
            )
    else:
        form, formset = _bind(section, proposal)
    criteria = criteria_of(proposal)
    missing = check_completeness(proposal, criteria)
    rules = section_rules(SECTIONS[section][0], criteria)
    if form is not None:
        _show_rules(form, rules)
    return render(
        request,
        "proposals/applicant/section.html",
        {
            "proposal": proposal,
            "section": section,
            "criterion": SECTIONS[section][0],
            "criterion_label": CriterionCode(SECTIONS[section][0]).label,
            "form": form,
            "formset": formset,
            "sections": section_status(missing),
            "missing": missing.get(SECTIONS[section][0], []),
            "can_edit": can_edit,
            "rules": rules,
            "row_rules": rules.get(SECTIONS[section][3], []) if SECTIONS[section][3] else [],
            "autosave_key": _autosave_key(proposal, section),
            "autosave_confirmed": pop_confirmed(request) if request.method == "GET" else "",
            "boundary_form": sections.BoundaryForm() if section == "area" else None,
            "boundary": (
                presentation.boundary_notes(proposal)
                if section == "area" and proposal.boundary
                else None
            ),
            "next_section": _next_section(section),
        },
    )


def _show_rules(form, rules: dict[str, list[str]]) -> None:
    """Say beside each field what a submission needs of it (the completeness rules),
    marked as needed and as aria-required; a draft may still be saved without it."""
    for name in rules.keys() & form.fields.keys():
        field = form.fields[name]
        field.needed_to_submit = True
        if getattr(field.widget, "input_type", "") != "checkbox":  # not allowed on a checkbox
            field.widget.attrs["aria-required"] = "true"
        if rules[name]:
            needed = _("To submit: %(rules)s") % {"rules": "; ".join(rules[name])}
            field.help_text = f"{field.help_text} {needed}".strip() if field.help_text else needed


def _autosave_key(proposal, section: str) -> str:
    return f"proposal-{proposal.pk}-{section}"


def _next_section(section: str) -> str | None:
    slugs = list(SECTIONS)
    index = slugs.index(section)
    return slugs[index + 1] if index + 1 < len(slugs) else None


@login_required
@require_GET
def area_districts(request, pk: int):
    """The districts field for the provinces ticked so far (htmx, as they are ticked),
    keeping the districts already ticked in those provinces. Reads only."""
    proposal = get_proposal_for(request.user, pk, "proposals.view_proposal")
    form = sections.AreaForm(request.GET, instance=proposal)
    return render(
        request,
        "proposals/applicant/_choice_field.html",
        {"field": form["districts"], "proposal": proposal},
    )


@login_required
@require_POST
def boundary_upload(request, pk: int):
    proposal = get_proposal_for(request.user, pk, "proposals.edit_proposal")
    form = sections.BoundaryForm(request.POST, request.FILES)
    back = redirect("proposals:section", pk=pk, section="area")
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        return back
    with refusal_as_message(request) as attempt:
        upload = form.cleaned_data.get("file")
        if upload:
            if upload.size > MAX_BOUNDARY_BYTES:
                raise BoundaryError(
                    _(
                        "The file is larger than 5 MB. Simplify the boundary or export only the area's outline."
                    )
                )
            geometry = read_boundary_file(upload.read(MAX_BOUNDARY_BYTES + 1), upload.name)
        else:
            geometry = read_boundary_geojson(form.cleaned_data["geojson"])
        report = drafting.set_boundary(proposal=proposal, geometry=geometry, by=request.user)
    if attempt.refused:  # a boundary that cannot be read, or a proposal no longer editable
        return back
    messages.success(
        request,
        _("Boundary saved: %(area)s km², touching %(n)s province(s).")
        % {"area": f"{report.area_km2:,.2f}", "n": len(report.province_codes)},
    )
    for warning in report.warnings:
        messages.warning(request, warning)
    return back
