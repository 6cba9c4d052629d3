"""The secretariat's side: the screening queue, the review page and the screening actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.core import keyset
from smartcity.core.dates import format_date
from smartcity.core.db import sort_key_ordering
from smartcity.core.i18n import localised
from smartcity.core.querystring import changed_query
from smartcity.core.views import gate, refusal_as_message
from smartcity.geo.models import Province
from smartcity.proposals import selectors
from smartcity.proposals.access import get_proposal_for
from smartcity.proposals.enums import (
    ProposalState,
    ScreeningOutcome,
)
from smartcity.proposals.forms.secretariat import (
    ALL,
    QUEUE_VISIBLE_STATES,
    ExtendDueDateForm,
    QueueFilterForm,
    ScreeningDecisionForm,
)
from smartcity.proposals.presentation import (
    criterion_label,
    missing_by_criterion,
    readable_changes,
    readable_content,
)
from smartcity.proposals.services import errors, screening
from smartcity.proposals.snapshots import criteria_snapshot, proposal_snapshot

PAGE_SIZE = 25
S = ProposalState


# The queue ------------------------------------------------------------------------------


def _tabs(request, current: str) -> list[dict]:
    counts = selectors.queue_counts()
    tabs = [
        {
            "value": "",
            "label": _("Waiting for screening"),
            "count": sum(counts[s] for s in S.screenable()),
        },
        *[{"value": s.value, "label": s.label, "count": counts[s]} for s in QUEUE_VISIBLE_STATES],
        {"value": ALL, "label": _("All"), "count": sum(counts[s] for s in QUEUE_VISIBLE_STATES)},
    ]
    for tab in tabs:
        tab["current"] = tab["value"] == current
        tab["query"] = changed_query(request, state=tab["value"], page=None)
    return tabs


@require_safe
@gate("proposals.view_queue")
def queue(request):
    """What waits for the secretariat, oldest submission first. A fixed number of queries
    whatever the size and the page: the page's provinces come in one prefetch."""
    provinces = Province.objects.order_by(sort_key_ordering("sort_name")).only(
        "code", "name_th", "name_en"
    )
    form = QueueFilterForm(request.GET or None, provinces=provinces)
    filters = form.filters()
    proposals = selectors.screening_queue(filters).prefetch_related(
        Prefetch(
            "provinces",
            queryset=Province.objects.order_by(sort_key_ordering("sort_name")).only(
                "code", "name_th", "name_en", "sort_name"
            ),
        )
    )
    # By key, not OFFSET: the queue's 300th page costs what its first costs.
    page = keyset.paginate(request, proposals, selectors.queue_order(filters), size=PAGE_SIZE)
    today = timezone.localdate()
    for proposal in page.object_list:
        waiting = proposal.state in S.screenable() and proposal.submitted_at
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
            "page_query": changed_query(request, page=None),
        },
    )


# Reading a proposal's content ------------------------------------------------------------


def _decisions(proposal) -> list[dict]:
    decisions = proposal.screenings.select_related("version", "decided_by").order_by(
        "-decided_at", "-id"
    )
    return [
        {
            "decision": d,
            "missing": missing_by_criterion(d.missing_items, d.version.criteria),
            "checklist": [
                {
                    "criterion": criterion_label(code, d.version.criteria),
                    "complete": row.get("complete"),
                    "note": row.get("note", ""),
                }
                for code, row in d.checklist.items()
            ],
        }
        for d in decisions
    ]


# The review page and the actions ---------------------------------------------------------


def _render_review(request, proposal, *, form=None, extend_form=None, status: int = 200):
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
            "can_start": can_screen and proposal.state in S.awaiting_screening(),
            "form": form if proposal.state == S.SCREENING else None,
            "extend_form": (extend_form or ExtendDueDateForm())
            if proposal.state == S.RETURNED
            else None,
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
    with refusal_as_message(request) as attempt:
        screening.start_screening(proposal=proposal, by=request.user)
    if attempt.refused:
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
            screening.screen_proposal(
                proposal=proposal,
                outcome=form.cleaned_data["outcome"],
                checklist=form.checklist(),
                missing_items=form.missing(),
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"].strip(),
                by=request.user,
            )
        except errors.TransitionError as error:
            # The proposal has moved on: the form no longer applies, the page must reload.
            messages.error(request, str(error))
            return redirect("proposals:review", pk=pk)
        except errors.ProposalError as error:
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


@require_POST
@login_required
def extend_due(request, pk: int):
    """Move the date by which a returned proposal's missing information is due. A refusal
    (a date in the past or not later than the current one, no reason) keeps what was
    typed; a proposal resubmitted meanwhile says so."""
    proposal = _fetch(request.user, pk)
    form = ExtendDueDateForm(request.POST)
    if form.is_valid():
        try:
            screening.extend_information_due(
                proposal=proposal,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except errors.TransitionError as error:
            messages.error(request, str(error))
            return redirect("proposals:review", pk=pk)
        except errors.ProposalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The information is now due on %(date)s; the proponent is told by email.")
                % {"date": format_date(proposal.information_due_on, get_language() or "th")},
            )
            return redirect("proposals:review", pk=pk)
    proposal.refresh_from_db(fields=["state", "information_due_on"])
    return _render_review(request, proposal, extend_form=form, status=400)
