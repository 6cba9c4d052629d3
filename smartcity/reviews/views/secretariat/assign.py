"""Assignment: the board of candidates, one by one, a confirmed selection, automatic."""

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.core.views import refusal_as_message
from smartcity.reviews import selectors, services
from smartcity.reviews.forms.secretariat import (
    AutoAssignForm,
    BulkConfirmForm,
    BulkSelectionForm,
    DueDateForm,
    ManualAssignmentForm,
)
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    Reviewer,
    ReviewPhase,
)
from smartcity.reviews.services import EvaluationError
from smartcity.reviews.views.secretariat.common import (
    ASSIGN_PAGE_SIZE,
    DEFAULT_REVIEW_DAYS,
    GET_OR_POST,
    domain_label,
    form_errors,
    page_context,
    paginate,
    phase_from,
    phase_list,
    secretariat_only,
)

# Assignment -------------------------------------------------------------------------------


def _assign_url(phase: ReviewPhase) -> str:
    return f"{reverse('reviews:assign')}?phase={phase.pk}"


def _default_due() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=DEFAULT_REVIEW_DAYS)


def _render_assign(request, phase: ReviewPhase | None):
    """Each proposal in evaluation with its reviewers in the phase and the reviewers who
    may still be given it: active, below their cap, not assigned, and never one with a
    standing conflict of interest. A fixed number of queries per page."""
    context = page_context(
        request, "assign", phase=phase, phases=phase_list(), due_on=_default_due()
    )
    if phase is None:
        return render(request, "reviews/secretariat/assign.html", context)
    dossiers = selectors.in_evaluation().prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(phase=phase)
            .select_related("reviewer__user", "review")
            .order_by("pk"),
            to_attr="phase_assignments",
        ),
        Prefetch(
            "conflicts",
            queryset=Conflict.objects.filter(dismissed_at__isnull=True),
            to_attr="active_conflicts",
        ),
    )
    page = paginate(request, dossiers, ASSIGN_PAGE_SIZE)
    pool = list(
        Reviewer.objects.filter(is_active=True)
        .select_related("user")
        .annotate(load=Count("assignments", filter=Q(assignments__phase=phase)))
        .order_by("user__full_name", "user__email", "pk")
    )
    for target in page.object_list:
        domains = set(target.domains)
        unavailable = {a.reviewer_id for a in target.phase_assignments} | {
            c.reviewer_id for c in target.active_conflicts
        }
        target.domain_labels = [domain_label(code) for code in Domain.values if code in domains]
        candidates = [
            {
                "reviewer": r,
                "matches": [domain_label(code) for code in r.expertise if code in domains],
            }
            for r in pool
            if r.pk not in unavailable and r.load < r.max_load
        ]
        candidates.sort(key=lambda c: (-len(c["matches"]), c["reviewer"].load))
        target.candidates = candidates
        target.missing = max(phase.reviewers_per_proposal - len(target.phase_assignments), 0)
    context["page"] = page
    return render(request, "reviews/secretariat/assign.html", context)


@GET_OR_POST
@secretariat_only
def assign(request):
    """GET: the assignment board. POST, by `action`: `assign` one reviewer to one proposal;
    `preview` a ticked selection (nothing written: a confirmation page); `confirm` it, all
    or nothing."""
    if request.method != "POST":
        return _render_assign(request, phase_from(request.GET))
    phase = phase_from(request.POST)
    if phase is None:
        raise Http404
    handler = {"assign": _assign_one, "preview": _preview, "confirm": _confirm}.get(
        request.POST.get("action")
    )
    if handler is None:
        return HttpResponseBadRequest()
    return handler(request, phase)


def _assign_one(request, phase: ReviewPhase):
    form = ManualAssignmentForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(_assign_url(phase))
    with refusal_as_message(request) as attempt:
        assignment = services.assign_reviewer(phase=phase, by=request.user, **form.cleaned_data)
    if attempt.succeeded:
        messages.success(
            request,
            _("%(reviewer)s is assigned to “%(proposal)s”.")
            % {"reviewer": assignment.reviewer, "proposal": localised(assignment.dossier, "title")},
        )
    return redirect(_assign_url(phase))


def _render_confirm(request, phase, form, due_form, *, status: int = 200):
    return render(
        request,
        "reviews/secretariat/assign_confirm.html",
        page_context(
            request,
            "assign",
            phase=phase,
            pairs=form.cleaned_data["pair"],
            encoded=form.encoded(),
            due_form=due_form,
        ),
        status=status,
    )


def _preview(request, phase: ReviewPhase):
    form = BulkSelectionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(_assign_url(phase))
    return _render_confirm(request, phase, form, DueDateForm(initial={"due_on": _default_due()}))


def _confirm(request, phase: ReviewPhase):
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        if "pair" in form.errors:
            form_errors(request, form)
            return redirect(_assign_url(phase))
        # Only the due date is wrong: show the selection again with the error.
        return _render_confirm(request, phase, form, form, status=400)
    try:
        created = services.assign_in_bulk(
            phase=phase,
            pairs=form.cleaned_data["pair"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,
        )
    except EvaluationError as error:
        messages.error(request, _("Nothing was assigned: %(reason)s") % {"reason": str(error)})
        return _render_confirm(request, phase, form, form, status=400)
    messages.success(
        request,
        ngettext("%(n)s assignment made.", "%(n)s assignments made.", len(created))
        % {"n": len(created)},
    )
    return redirect(_assign_url(phase))


@require_POST
@secretariat_only
def assign_auto(request):
    """Give every proposal in evaluation its reviewers; shows what was assigned and which
    proposals are still short, with the reasons."""
    phase = phase_from(request.POST)
    if phase is None:
        raise Http404
    form = AutoAssignForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(_assign_url(phase))
    dossiers = list(selectors.in_evaluation().order_by("pk"))
    try:
        result = services.assign_automatically(
            phase=phase, dossiers=dossiers, due_on=form.cleaned_data["due_on"], by=request.user
        )
    except EvaluationError as error:
        messages.error(request, str(error))
        return redirect(_assign_url(phase))
    return render(
        request,
        "reviews/secretariat/assign_auto.html",
        page_context(
            request,
            "assign",
            phase=phase,
            assigned=result.assigned,
            shortfalls=result.shortfalls,
            due_on=form.cleaned_data["due_on"],
        ),
    )
