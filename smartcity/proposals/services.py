"""Writes for proposals. `transition_proposal` is the only function that writes `state`."""

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit, dates
from smartcity.core.errors import ActionRefused
from smartcity.core.i18n import localised
from smartcity.core.mail import after_commit
from smartcity.core.text import search_document
from smartcity.geo.boundaries import (
    BoundaryReport,
    ProvinceIndex,
    analyse_boundary,
    compare_declared,
)
from smartcity.geo.models import Province
from smartcity.proposals import evaluation, notifications
from smartcity.proposals.completeness import check_completeness
from smartcity.proposals.enums import CriteriaSetStatus, ProposalState, ScreeningOutcome
from smartcity.proposals.models import (
    Attachment,
    Call,
    CriteriaSet,
    Criterion,
    CriterionItem,
    DatasetPlan,
    InfrastructureItem,
    Proposal,
    ProposalVersion,
    ScreeningDecision,
    Solution,
    StateChange,
)
from smartcity.proposals.snapshots import criteria_snapshot, proposal_snapshot

S = ProposalState

# Every allowed move of a proposal's state. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): "submit",
    (S.DRAFT, S.WITHDRAWN): "withdraw",
    (S.SUBMITTED, S.SCREENING): "start_screening",
    (S.SUBMITTED, S.WITHDRAWN): "withdraw",
    (S.SCREENING, S.RETURNED): "screen",
    (S.SCREENING, S.IN_EVALUATION): "screen",
    (S.SCREENING, S.INELIGIBLE): "screen",
    (S.RETURNED, S.RESUBMITTED): "submit",
    (S.RETURNED, S.WITHDRAWN): "withdraw",
    (S.RESUBMITTED, S.SCREENING): "start_screening",
    (S.RESUBMITTED, S.WITHDRAWN): "withdraw",
    # Driven by the review engine (through proposals.evaluation) when the secretariat
    # completes the evaluation of the proposal's dossier.
    (S.IN_EVALUATION, S.EVALUATED): "evaluate",
    # Driven by the committee app when the secretariat releases a meeting's resolutions.
    (S.EVALUATED, S.APPROVED): "decide",
    (S.EVALUATED, S.REVISING): "decide",
    (S.EVALUATED, S.REJECTED): "decide",
    (S.REVISING, S.REVISED): "submit",
    (S.REVISING, S.WITHDRAWN): "withdraw",
    (S.REVISED, S.APPROVED): "decide",
    (S.REVISED, S.REVISING): "decide",
    (S.REVISED, S.REJECTED): "decide",
    (S.APPROVED, S.CERTIFIED): "certify",
}
# Where a submission goes from each editable state.
SUBMIT_TARGET = {S.DRAFT: S.SUBMITTED, S.RETURNED: S.RESUBMITTED, S.REVISING: S.REVISED}


class ProposalError(ActionRefused):
    """A proposal action that cannot be done; the message is for the person acting."""


class TransitionError(ProposalError):
    pass


class IncompleteProposal(ProposalError):
    def __init__(self, missing: dict[str, list[str]]):
        self.missing = missing
        super().__init__(_("The proposal is not complete yet."))


class StaleRevision(ProposalError):
    """Someone saved the draft after this person loaded it."""


def _locked(proposal: Proposal) -> Proposal:
    # Two people acting on one proposal at once (two secretariat officers, a double
    # click): the row lock makes the second wait, then see the first one's state.
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def transition_proposal(
    *, proposal: Proposal, to_state: str, by, note: str = "", reference: dict | None = None
) -> Proposal:
    """Move a proposal to `to_state` if the table allows it from its current state.
    `note` is what a person wrote; `reference` the version or meeting the step refers to
    (StateChange.reference), shown in each reader's language.

    Must run inside a transaction (callers are atomic). Side effects, in order: the row is
    locked and re-read; state saved; a StateChange row (the timeline); an audit row; the
    people concerned are notified after commit. Raises TransitionError otherwise."""
    current = _locked(proposal)
    if (current.state, to_state) not in TRANSITIONS:
        if current.state != proposal.state:
            message = _(
                "This proposal was changed to “%(state)s” by someone else a moment ago; your action was not applied."
            ) % {"state": current.get_state_display()}
        else:
            message = _("A proposal that is “%(state)s” cannot be moved to “%(target)s”.") % {
                "state": current.get_state_display(),
                "target": ProposalState(to_state).label,
            }
        raise TransitionError(message)
    previous = current.state
    current.state = to_state
    current.save(update_fields=["state", "updated_at"])
    step = StateChange.objects.create(
        proposal=current,
        from_state=previous,
        to_state=to_state,
        by=by,
        note=note,
        reference=reference or {},
    )
    audit.record(
        action=f"proposals.proposal.{to_state}",
        by=by,
        target=current,
        before={"state": previous},
        after={"state": to_state},
        note="\n".join(filter(None, [step.reference_text(), note])),
    )
    after_commit(
        notifications.state_changed,
        proposal_id=current.pk,
        to_state=to_state,
        event=f"proposals.proposal.{to_state}",
    )
    proposal.state = to_state
    return current


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


def _rows(proposal: Proposal, name: str) -> list[dict]:
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
    current = _locked(proposal)
    if current.state not in S.editable():
        raise ProposalError(
            _("A proposal that is “%(state)s” can no longer be edited.")
            % {"state": current.get_state_display()}
        )
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
        existing = _rows(current, name)
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
        overlaps = _overlap_warnings(current, current.boundary)
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
def submit_proposal(*, proposal: Proposal, by) -> ProposalVersion:
    """Submit a complete draft, or resubmit a returned proposal, as a new frozen version.

    Side effects, in order: row locked; completeness checked against the call's criteria
    set (IncompleteProposal names every missing item); criteria frozen into the proposal
    on first submission; a ProposalVersion with the content; state moved to submitted or
    resubmitted (timeline, audit, notifications)."""
    current = _locked(proposal)
    if current.state not in S.editable():
        raise TransitionError(
            _("This proposal was already submitted (it is now “%(state)s”).")
            % {"state": current.get_state_display()}
        )
    criteria_set = current.call.criteria_set
    frozen = current.frozen_criteria or criteria_snapshot(criteria_set)
    missing = check_completeness(current, frozen)
    if missing:
        raise IncompleteProposal(missing)
    now = timezone.now()
    current.frozen_criteria = frozen
    current.version_number += 1
    current.submitted_at = now
    current.information_due_on = None
    current.save(
        update_fields=[
            "frozen_criteria",
            "version_number",
            "submitted_at",
            "information_due_on",
            "updated_at",
        ]
    )
    version = ProposalVersion.objects.create(
        proposal=current,
        number=current.version_number,
        submitted_at=now,
        submitted_by=by,
        content=proposal_snapshot(current),
        criteria=frozen,
    )
    target = SUBMIT_TARGET[current.state]
    transition_proposal(
        proposal=current, to_state=target, by=by, reference={"version": version.number}
    )
    proposal.refresh_from_db()
    return version


@transaction.atomic
def start_screening(*, proposal: Proposal, by) -> Proposal:
    """The secretariat takes a submitted proposal into screening."""
    return transition_proposal(proposal=proposal, to_state=S.SCREENING, by=by)


@dataclass(frozen=True)
class MissingItem:
    criterion: str
    text: str


@transaction.atomic
def screen_proposal(
    *,
    proposal: Proposal,
    outcome: str,
    by,
    checklist: dict | None = None,
    missing_items: list[MissingItem] | None = None,
    due_on: dt.date | None = None,
    reason: str = "",
) -> ScreeningDecision:
    """Record the secretariat's screening of the latest version and act on it: pass to
    evaluation, return for information (naming the missing items and a due date), or
    declare ineligible (with a reason). Side effects: a ScreeningDecision; the state
    transition (timeline, audit, notification of the proponent)."""
    missing_items = missing_items or []
    if outcome == ScreeningOutcome.RETURN:
        if not missing_items:
            raise ProposalError(_("Name at least one missing item when returning a proposal."))
        if due_on is None or due_on < timezone.localdate():
            raise ProposalError(_("Give a due date that is not in the past."))
    if outcome == ScreeningOutcome.INELIGIBLE and not reason.strip():
        raise ProposalError(_("Give the reason the proposal is ineligible."))
    to_state = {
        ScreeningOutcome.PASS: S.IN_EVALUATION,
        ScreeningOutcome.RETURN: S.RETURNED,
        ScreeningOutcome.INELIGIBLE: S.INELIGIBLE,
    }[ScreeningOutcome(outcome)]
    current = transition_proposal(proposal=proposal, to_state=to_state, by=by, note=reason)
    if to_state == S.IN_EVALUATION:
        evaluation.open_dossier(proposal=current, by=by)
    version = current.versions.order_by("-number").first()
    decision = ScreeningDecision.objects.create(
        proposal=current,
        version=version,
        outcome=outcome,
        checklist=checklist or {},
        missing_items=[{"criterion": m.criterion, "text": m.text} for m in missing_items],
        due_on=due_on if outcome == ScreeningOutcome.RETURN else None,
        reason=reason,
        decided_by=by,
    )
    if outcome == ScreeningOutcome.RETURN:
        current.information_due_on = due_on
        current.save(update_fields=["information_due_on"])
    audit.record(
        action="proposals.screening.decided",
        by=by,
        target=current,
        after={
            "outcome": outcome,
            "version": version.number,
            "missing_items": decision.missing_items,
            "due_on": due_on,
        },
    )
    return decision


def check_new_due_date(*, current: dt.date | None, due_on: dt.date | None, reason: str) -> None:
    """core.dates.check_new_due_date(), refusing with a ProposalError."""
    dates.check_new_due_date(current=current, due_on=due_on, reason=reason, error=ProposalError)


@transaction.atomic
def extend_information_due(*, proposal: Proposal, due_on: dt.date, reason: str, by) -> Proposal:
    """Give the proponent of a returned proposal more time to send the missing
    information, with a reason (check_new_due_date() says which dates are accepted).

    Side effects, in order: the row locked (two officers, or a double click: the second
    sees the date the first set); `information_due_on` saved; a timeline row the
    proponent sees (same state, the new date, the reason); an audit row with the old and
    new dates; after the commit, an email to the proponent's owners and editors, each in
    their language."""
    current = _locked(proposal)
    if current.state != S.RETURNED:
        raise TransitionError(
            _(
                "Only a returned proposal has an information due date to move; this one is “%(state)s”."
            )
            % {"state": current.get_state_display()}
        )
    check_new_due_date(current=current.information_due_on, due_on=due_on, reason=reason)
    previous = current.information_due_on
    current.information_due_on = due_on
    current.save(update_fields=["information_due_on", "updated_at"])
    StateChange.objects.create(
        proposal=current,
        from_state=current.state,
        to_state=current.state,
        by=by,
        note=reason.strip(),
        due_on=due_on,
    )
    audit.record(
        action="proposals.proposal.information_due_extended",
        by=by,
        target=current,
        before={"information_due_on": previous},
        after={"information_due_on": due_on},
        note=reason.strip(),
    )
    after_commit(
        notifications.information_due_moved,
        proposal_id=current.pk,
        event="proposals.proposal.information_due_extended",
    )
    proposal.information_due_on = due_on
    return current


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, by, reason: str = "") -> Proposal:
    return transition_proposal(proposal=proposal, to_state=S.WITHDRAWN, by=by, note=reason)


@transaction.atomic
def load_criteria_set(*, data: dict, publish: bool = False, by=None) -> tuple[CriteriaSet, bool]:
    """Create a criteria set from its JSON description unless its version exists.
    Returns (set, created). A published set is never modified: a change is a new version."""
    existing = CriteriaSet.objects.filter(version=data["version"]).first()
    if existing is not None:
        return existing, False
    weights = sum(Decimal(str(c["weight"])) for c in data["criteria"])
    if weights != 100:
        raise ProposalError(
            _("The criteria weights add up to %(total)s, not 100.") % {"total": weights}
        )
    criteria_set = CriteriaSet.objects.create(
        version=data["version"],
        name_th=data["name_th"],
        name_en=data["name_en"],
        min_domains=data["min_domains"],
        required_domains=data["required_domains"],
        pass_mark=data["pass_mark"],
        status=CriteriaSetStatus.PUBLISHED if publish else CriteriaSetStatus.DRAFT,
    )
    for position, spec in enumerate(data["criteria"], start=1):
        criterion = Criterion.objects.create(
            criteria_set=criteria_set,
            code=spec["code"],
            position=position,
            title_th=spec["title_th"],
            title_en=spec["title_en"],
            weight=spec["weight"],
            max_score=spec["max_score"],
            pass_mark=spec["pass_mark"],
        )
        CriterionItem.objects.bulk_create(
            CriterionItem(
                criterion=criterion,
                position=i,
                title_th=item["title_th"],
                title_en=item["title_en"],
                weight=item["weight"],
            )
            for i, item in enumerate(spec.get("items", []), start=1)
        )
    audit.record(
        action="proposals.criteria_set.created",
        by=by,
        target=criteria_set,
        after={"version": criteria_set.version},
    )
    return criteria_set, True


@transaction.atomic
def ensure_rolling_call(*, criteria_set: CriteriaSet, by=None) -> Call:
    """The standing call that accepts proposals all year, under `criteria_set`."""
    call = Call.objects.filter(criteria_set=criteria_set, closes_on__isnull=True).first()
    if call is None:
        call = Call.objects.create(
            title_th="การรับข้อเสนอพื้นที่เมืองอัจฉริยะ (เปิดรับตลอดปี)",
            title_en="Smart city area proposals (rolling call)",
            criteria_set=criteria_set,
            opens_on=timezone.localdate(),
        )
        audit.record(action="proposals.call.opened", by=by, target=call)
    return call


def section_rows(proposal: Proposal, name: str) -> list[dict]:
    """The rows of a section's table as the section form shows them."""
    return _rows(proposal, name)


@functools.lru_cache(maxsize=1)
def _province_index() -> ProvinceIndex:
    # Province polygons are reference data: projected and indexed once per process.
    return ProvinceIndex(Province.objects.values_list("code", "boundary"))


@transaction.atomic
def set_boundary(*, proposal: Proposal, geometry: dict, by) -> BoundaryReport:
    """Validate and store the area boundary of a draft: area on an equal-area projection,
    the provinces it actually touches, warnings where it overlaps another live proposal
    or differs from the declared provinces. Raises BoundaryError (nothing saved) when the
    boundary is invalid. Side effects: the draft saved through save_draft (revision,
    audit)."""
    report = _analyse(proposal, geometry)
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


def _analyse(proposal: Proposal, geometry: dict):
    """The boundary's analysis, with its overlaps with the other live proposals' areas."""
    report = analyse_boundary(geometry, provinces=_province_index())
    others = [
        ("proposal", str(other), other.boundary)
        for other in Proposal.objects.exclude(pk=proposal.pk)
        .exclude(state__in=S.dropped())
        .filter(boundary__isnull=False, provinces__code__in=report.province_codes)
        .distinct()
        .only("name_th", "name_en", "boundary")
    ]
    if others:
        report = analyse_boundary(geometry, provinces=_province_index(), others=others)
    return report


def _overlap_warnings(proposal: Proposal, geometry: dict) -> list[str]:
    return [str(w) for w in _analyse(proposal, geometry).warnings]


@transaction.atomic
def add_attachment(
    *, proposal: Proposal, data: bytes, original_name: str, sha256: str, criterion: str, by
) -> Attachment:
    """Store a checked PDF with the draft. Side effects: the file written to storage
    (removed again if the transaction rolls back); an audit row."""
    current = _locked(proposal)
    if current.state not in S.editable():
        raise ProposalError(
            _("A proposal that is “%(state)s” can no longer be edited.")
            % {"state": current.get_state_display()}
        )
    attachment = Attachment(
        proposal=current,
        criterion=criterion,
        original_name=original_name,
        size=len(data),
        sha256=sha256,
        uploaded_by=by,
    )
    attachment.file.save(f"{sha256[:16]}.pdf", ContentFile(data), save=False)
    try:
        attachment.save()
        current.revision += 1
        current.save(update_fields=["revision", "updated_at"])
        audit.record(
            action="proposals.attachment.added",
            by=by,
            target=current,
            after={
                "name": original_name,
                "size": len(data),
                "sha256": sha256,
                "criterion": criterion,
            },
        )
    except Exception:
        default_storage.delete(attachment.file.name)  # no row, so no file either
        raise
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by) -> None:
    proposal = _locked(attachment.proposal)
    if proposal.state not in S.editable():
        raise ProposalError(
            _("A proposal that is “%(state)s” can no longer be edited.")
            % {"state": proposal.get_state_display()}
        )
    name, stored = attachment.original_name, attachment.file.name
    attachment.delete()
    proposal.revision += 1
    proposal.save(update_fields=["revision", "updated_at"])
    audit.record(
        action="proposals.attachment.removed", by=by, target=proposal, before={"name": name}
    )
    # Versions keep only the name and checksum, so the file goes once the row is gone.
    transaction.on_commit(lambda: default_storage.delete(stored))
