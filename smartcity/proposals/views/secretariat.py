"""The secretariat's side: the screening queue, the review page and the screening actions."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.core.dates import be_year
from smartcity.core.db import sort_key_ordering
from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.geo.models import District, Province
from smartcity.proposals import selectors, services
from smartcity.proposals.access import get_proposal_for
from smartcity.proposals.enums import (
    CityType,
    CriterionCode,
    Openness,
    ProposalState,
    ScreeningOutcome,
)
from smartcity.proposals.forms_secretariat import (
    ALL,
    GENERAL,
    QUEUE_VISIBLE_STATES,
    QueueFilterForm,
    ScreeningDecisionForm,
)
from smartcity.proposals.snapshots import criteria_snapshot, diff_versions, proposal_snapshot

PAGE_SIZE = 25
S = ProposalState
STARTABLE = {S.SUBMITTED, S.RESUBMITTED}


# The queue ------------------------------------------------------------------------------


def _query_string(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value:
            params[key] = value
    return params.urlencode()


def _tabs(request, current: str) -> list[dict]:
    counts = selectors.queue_counts()
    tabs = [
        {
            "value": "",
            "label": _("Waiting for screening"),
            "count": sum(counts[s] for s in selectors.QUEUE_STATES),
        },
        *[{"value": s.value, "label": s.label, "count": counts[s]} for s in QUEUE_VISIBLE_STATES],
        {"value": ALL, "label": _("All"), "count": sum(counts[s] for s in QUEUE_VISIBLE_STATES)},
    ]
    for tab in tabs:
        tab["current"] = tab["value"] == current
        tab["query"] = _query_string(request, state=tab["value"], page=None)
    return tabs


@require_safe
@login_required
def queue(request):
    """What waits for the secretariat, oldest submission first. A fixed number of queries
    whatever the size: the page's provinces come in one prefetch."""
    if not request.user.has_perm("proposals.view_queue"):
        raise PermissionDenied
    provinces = Province.objects.order_by(sort_key_ordering("sort_name")).only(
        "code", "name_th", "name_en"
    )
    form = QueueFilterForm(request.GET or None, provinces=provinces)
    filters = form.filters()
    proposals = selectors.screening_queue(filters).prefetch_related(
        Prefetch("provinces", queryset=Province.objects.order_by(sort_key_ordering("sort_name")))
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for proposal in page.object_list:
        waiting = proposal.state in selectors.QUEUE_STATES and proposal.submitted_at
        proposal.waiting_days = (
            (today - timezone.localdate(proposal.submitted_at)).days if waiting else None
        )
        proposal.overdue = bool(
            proposal.state == S.RETURNED
            and proposal.information_due_on
            and proposal.information_due_on < today
        )
    state = form.cleaned_data.get("state", "") if form.is_bound else ""
    template = (
        "proposals/secretariat/_queue_results.html"
        if request.htmx
        else "proposals/secretariat/queue.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "tabs": _tabs(request, state),
            "page_query": _query_string(request, page=None),
        },
    )


# Reading a proposal's content ------------------------------------------------------------


def _year(value) -> str:
    if value is None:
        return ""
    return str(be_year(value) if (get_language() or "th").startswith("th") else value)


def _label(choices, value) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value or ""


def _criterion_label(code: str, criteria: dict) -> str:
    for criterion in criteria.get("criteria", []):
        if criterion["code"] == code:
            return localised(_Bilingual(criterion), "title")
    if code == GENERAL:
        return _("General")
    return _label(CriterionCode, code) or _("The whole proposal")


class _Bilingual:
    """Lets localised() read the title_th/title_en keys of a snapshot's dict."""

    def __init__(self, data: dict):
        self.__dict__.update(data)


class _PlaceNames:
    """The names of every province and district the given contents mention: two queries."""

    def __init__(self, *contents: dict):
        province_codes, district_codes = set(), set()
        for content in contents:
            province_codes.update(content.get("provinces") or [])
            province_codes.update(content.get("boundary_province_codes") or [])
            district_codes.update(content.get("districts") or [])
        self._provinces = {
            p.code: localised(p, "name") for p in Province.objects.filter(code__in=province_codes)
        }
        self._districts = {
            d.code: localised(d, "name") for d in District.objects.filter(code__in=district_codes)
        }

    def provinces(self, codes) -> list[str]:
        return [self._provinces.get(code, code) for code in codes or []]

    def districts(self, codes) -> list[str]:
        return [self._districts.get(code, code) for code in codes or []]


def readable_content(content: dict, *, proposal, criteria: dict) -> dict:
    """A version's content with what the reader needs beside the codes: province and
    district names, choice labels, totals, and which attachments are still held (by their
    checksum) so that they can be linked. The keys of the snapshot are kept as they are."""
    names = _PlaceNames(content)
    held = dict(proposal.attachments.values_list("sha256", "pk"))
    readable = dict(content)
    readable["city_type_label"] = _label(CityType, content.get("city_type"))
    readable["province_names"] = names.provinces(content.get("provinces"))
    readable["district_names"] = names.districts(content.get("districts"))
    readable["boundary_province_names"] = names.provinces(content.get("boundary_province_codes"))
    items = content.get("infrastructure_items") or []
    readable["infrastructure_total"] = sum(Decimal(i["cost_baht"] or 0) for i in items)
    readable["datasets"] = [
        {**d, "openness_label": _label(Openness, d.get("openness"))}
        for d in content.get("datasets") or []
    ]
    solutions = content.get("solutions") or []
    readable["solutions"] = [
        {**s, "domain_label": _label(Domain, s.get("domain"))} for s in solutions
    ]
    readable["domain_labels"] = [
        Domain(code).label for code in Domain.values if code in {s.get("domain") for s in solutions}
    ]
    readable["attachments"] = [
        {
            **a,
            "pk": held.get(a.get("sha256")),
            "held": a.get("sha256") in held,
            "criterion_label": _criterion_label(a.get("criterion") or "", criteria),
        }
        for a in content.get("attachments") or []
    ]
    return readable


LONG_TEXTS = {
    "vision",
    "goals",
    "data_platform_design",
    "data_security",
    "personal_data_protection",
    "management_organisation",
    "management_model",
    "investment_plan",
}


def _row_summary(field: str, row: dict) -> str:
    if field == "infrastructure_items":
        return _("%(title)s (%(kind)s) · %(cost)s baht · %(year)s") % {
            "title": row["title"],
            "kind": _("digital") if row["is_digital"] else _("physical"),
            "cost": f"{Decimal(row['cost_baht'] or 0):,.2f}".removesuffix(".00"),
            "year": _year(row["year"]),
        }
    if field == "datasets":
        summary = f"{row['name']} · {row['provider']} · {_label(Openness, row['openness'])}"
        return summary + (" · " + _("contains personal data") if row["has_personal_data"] else "")
    if field == "solutions":
        return _("%(name)s (%(domain)s) · %(indicator)s: %(baseline)s → %(target)s in %(year)s") % {
            "name": row["name"],
            "domain": _label(Domain, row["domain"]),
            "indicator": row["indicator"],
            "baseline": row["baseline"],
            "target": row["target"],
            "year": _year(row["target_year"]),
        }
    return row.get("name", "")  # attachments


def readable_changes(before: dict, after: dict) -> list[dict]:
    """snapshots.diff_versions() shaped for reading: long texts as before/after blocks,
    tables as the rows removed and added, codes as names."""
    names = _PlaceNames(before, after)
    changes = []
    for change in diff_versions(before, after):
        field, old, new = change["field"], change["before"], change["after"]
        readable = {"field": field, "label": change["label"], "kind": "value"}
        if field in LONG_TEXTS:
            readable.update(kind="text", before=old or "", after=new or "")
        elif field in {"provinces", "boundary_province_codes"}:
            readable.update(
                before=", ".join(names.provinces(old)), after=", ".join(names.provinces(new))
            )
        elif field == "districts":
            readable.update(
                before=", ".join(names.districts(old)), after=", ".join(names.districts(new))
            )
        elif field in {"infrastructure_items", "datasets", "solutions", "attachments"}:
            old, new = old or [], new or []
            readable.update(
                kind="rows",
                removed=[_row_summary(field, r) for r in old if r not in new],
                added=[_row_summary(field, r) for r in new if r not in old],
            )
        elif field == "boundary":
            readable.update(kind="note", note=_("The boundary was redrawn."))
        elif field == "city_type":
            readable.update(before=_label(CityType, old), after=_label(CityType, new))
        else:
            readable.update(before="" if old is None else old, after="" if new is None else new)
        changes.append(readable)
    return changes


def _decisions(proposal) -> list[dict]:
    decisions = proposal.screenings.select_related("version", "decided_by").order_by(
        "-decided_at", "-id"
    )
    return [
        {
            "decision": d,
            "missing": [
                {
                    "criterion": _criterion_label(m["criterion"], d.version.criteria),
                    "text": m["text"],
                }
                for m in d.missing_items
            ],
            "checklist": [
                {
                    "criterion": _criterion_label(code, d.version.criteria),
                    "complete": row.get("complete"),
                    "note": row.get("note", ""),
                }
                for code, row in d.checklist.items()
            ],
        }
        for d in decisions
    ]


# The review page and the actions ---------------------------------------------------------


def _render_review(request, proposal, *, form=None, status: int = 200):
    versions = [*proposal.versions.select_related("submitted_by").order_by("-number")[:2]]
    latest = versions[0] if versions else None
    previous = versions[1] if len(versions) == 2 else None
    if latest is not None:
        criteria, content = latest.criteria, latest.content
    else:  # a draft: the secretariat reads what is there so far
        criteria = proposal.frozen_criteria or criteria_snapshot(proposal.call.criteria_set)
        content = proposal_snapshot(proposal)
    can_screen = request.user.has_perm("proposals.screen_proposal", proposal)
    if form is None and can_screen and proposal.state == S.SCREENING:
        form = ScreeningDecisionForm(criteria=criteria)
    return render(
        request,
        "proposals/secretariat/review.html",
        {
            "proposal": proposal,
            "version": latest,
            "previous": previous,
            "criteria": criteria,
            "content": readable_content(content, proposal=proposal, criteria=criteria),
            "changes": readable_changes(previous.content, latest.content) if previous else None,
            "timeline": selectors.timeline(proposal),
            "decisions": _decisions(proposal),
            "can_start": can_screen and proposal.state in STARTABLE,
            "form": form if proposal.state == S.SCREENING else None,
            "show_actors": True,
        },
        status=status,
    )


def _fetch(user, pk: int):
    return get_proposal_for(user, pk, "proposals.view_queue")


@require_safe
@login_required
def review(request, pk: int):
    """The proposal as the secretariat sees it. A proponent of the same organisation gets
    403 here (their own page is proposals:detail); an outsider 404."""
    return _render_review(request, _fetch(request.user, pk))


def _proposal_to_act_on(request, pk: int):
    proposal = _fetch(request.user, pk)
    seen = request.POST.get("seen_state")
    if seen in S.values:
        # The state the officer saw when the page was drawn: if a colleague has moved the
        # proposal since, the service sees the difference and says so.
        proposal.state = seen
    if not request.user.has_perm("proposals.screen_proposal", proposal):
        raise PermissionDenied
    return proposal


@require_POST
@login_required
def start(request, pk: int):
    proposal = _proposal_to_act_on(request, pk)
    try:
        services.start_screening(proposal=proposal, by=request.user)
    except services.ProposalError as error:
        messages.error(request, str(error))
        return redirect("proposals:review", pk=pk)
    messages.success(request, _("Screening started. Record the outcome below when you are done."))
    return redirect("proposals:review", pk=pk)


@require_POST
@login_required
def screen(request, pk: int):
    proposal = _proposal_to_act_on(request, pk)
    version = proposal.versions.order_by("-number").first()
    criteria = version.criteria if version else (proposal.frozen_criteria or {})
    form = ScreeningDecisionForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            services.screen_proposal(
                proposal=proposal,
                outcome=form.cleaned_data["outcome"],
                checklist=form.checklist(),
                missing_items=form.missing(),
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"].strip(),
                by=request.user,
            )
        except services.TransitionError as error:
            # The proposal has moved on: the form no longer applies, the page must reload.
            messages.error(request, str(error))
            return redirect("proposals:review", pk=pk)
        except services.ProposalError as error:
            # The outcome lacks what it needs: keep what the officer typed.
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Screening of “%(name)s” recorded: %(outcome)s.")
                % {
                    "name": localised(proposal, "name"),
                    "outcome": ScreeningOutcome(form.cleaned_data["outcome"]).label,
                },
            )
            return redirect("proposals:queue")
    proposal.refresh_from_db(fields=["state", "information_due_on"])
    if proposal.state != S.SCREENING:
        # Refused, and a colleague has moved the proposal meanwhile: the form is gone.
        messages.error(
            request,
            _("This proposal is now “%(state)s”; your screening was not recorded.")
            % {"state": proposal.get_state_display()},
        )
        return redirect("proposals:review", pk=pk)
    return _render_review(request, proposal, form=form, status=400)
