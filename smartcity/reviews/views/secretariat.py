"""The secretariat's side of evaluation: the board and each proposal's aggregate, phases, the
reviewer pool, conflicts of interest, assignment and exports.

Every page needs `reviews.manage_evaluation` (the anonymous are sent to sign in, anyone else
gets 403). Every change is its own POST calling one service; a refusal (EvaluationError) is
shown as a message and nothing is half-saved, because the services are atomic."""

import copy
import datetime as dt
import tempfile
from functools import wraps
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from smartcity.core.dates import format_date
from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.core.querystring import changed_query
from smartcity.core.spreadsheets import csv_response, in_language, xlsx_response
from smartcity.reviews import (
    exports,
    selectors,
    services,
    services_deadlines,
    services_phases,
    services_reviewers,
    subjects,
)
from smartcity.reviews.enums import DossierStatus, PhaseStatus, Recommendation, ReviewState
from smartcity.reviews.forms_secretariat import (
    AutoAssignForm,
    BulkConfirmForm,
    BulkSelectionForm,
    DueDateForm,
    ExtendDueForm,
    InviteReviewerForm,
    ManualAssignmentForm,
    PhaseForm,
    ReasonForm,
    ReviewerDetailsForm,
    SummaryForm,
)
from smartcity.reviews.labels import criterion_title
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    Dossier,
    Review,
    Reviewer,
    ReviewPhase,
    SummaryRecommendation,
)
from smartcity.reviews.services import EvaluationError

PAGE_SIZE = 50
ASSIGN_PAGE_SIZE = 20
DEFAULT_REVIEW_DAYS = 21
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def secretariat_only(view):
    """Signed in (else the sign-in page) and allowed to manage evaluation (else 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("reviews.manage_evaluation"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# Shared helpers ---------------------------------------------------------------------------


def _phases():
    return ReviewPhase.objects.order_by("-created_at", "-pk")


def current_phase() -> ReviewPhase | None:
    """The latest open phase; without one, the latest phase; None before the first."""
    return _phases().filter(status=PhaseStatus.OPEN).first() or _phases().first()


def _phase_from(data) -> ReviewPhase | None:
    raw = data.get("phase")
    if not raw:
        return current_phase()
    if not str(raw).isdigit():
        raise Http404
    return get_object_or_404(ReviewPhase, pk=raw)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _paginate(request, queryset, size: int = PAGE_SIZE):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


def _domain_label(code: str) -> str:
    try:
        return str(Domain(code).label)
    except ValueError:
        return code


def _title(data: dict) -> str:
    return localised(SimpleNamespace(**data), "title")


def _context(request, nav: str, **extra) -> dict:
    return {"nav": nav, "page_query": changed_query(request, page=None), **extra}


# The board --------------------------------------------------------------------------------


@require_safe
@secretariat_only
def board(request):
    """The phase's proposals ranked by mean total. A fixed number of queries whatever the
    size: counts, means and ranks come from the database, summaries in one query."""
    phase = _phase_from(request.GET)
    context = _context(request, "board", phase=phase, phases=_phases())
    if phase is not None:
        page = _paginate(request, exports.ranked_board(phase))
        summaries = {
            s.dossier_id: s
            for s in SummaryRecommendation.objects.filter(
                dossier__in=[d.pk for d in page.object_list]
            )
        }
        for dossier in page.object_list:
            dossier.board_summary = summaries.get(dossier.pk)
            dossier.disagreement = (
                dossier.range_total is not None
                and dossier.range_total >= phase.disagreement_threshold
            )
            if dossier.mean_total is None:
                dossier.rank = None
        context["page"] = page
        context["totals"] = Assignment.objects.filter(phase=phase).aggregate(
            assigned=Count("id"),
            submitted=Count("id", filter=Q(review__state=ReviewState.SUBMITTED)),
        )
    return render(request, "reviews/secretariat/board.html", context)


# One dossier ------------------------------------------------------------------------------


def _dossier(pk: int) -> Dossier:
    """A dossier (whose subject is, or has been, in evaluation); 404 for any other."""
    return get_object_or_404(Dossier.objects.select_related("organisation"), pk=pk)


def _sheet(review: Review, criteria: list[dict]) -> dict:
    """A submitted score sheet for reading: each criterion's result, then each sub-item's
    score and comment, then the assessment of each domain."""
    scores = {(s.criterion, s.item): s for s in review.scores.all()}
    results = {r.criterion: r for r in review.criterion_results.all()}
    rows = []
    for criterion in criteria:
        code = criterion["code"]
        items = criterion["items"] or [
            {"title_th": criterion["title_th"], "title_en": criterion["title_en"]}
        ]
        rows.append(
            {
                "title": _title(criterion),
                "max_score": criterion["max_score"],
                "result": results.get(code),
                "items": [
                    {"title": _title(item), "score": scores.get((code, position))}
                    for position, item in enumerate(items, start=1)
                ],
            }
        )
    return {
        "review": review,
        "assignment": review.assignment,
        "criteria": rows,
        "domains": [
            {"label": _domain_label(code), "text": text}
            for code, text in sorted((review.domain_assessments or {}).items())
        ],
    }


def _render_dossier(request, dossier: Dossier, *, summary_form=None, status: int = 200):
    frozen = dossier.criteria or {"criteria": []}
    assignments = list(
        dossier.assignments.select_related("reviewer__user", "phase", "review").order_by(
            "-phase__created_at", "due_on", "pk"
        )
    )
    aggregate = selectors.dossier_aggregate(
        dossier, phase=assignments[0].phase if assignments else None
    )
    pass_marks = {
        c["code"]: 100 * float(c["pass_mark"]) / float(c["max_score"])
        for c in frozen.get("criteria", [])
    }
    reviews = (
        Review.objects.filter(assignment__dossier=dossier, state=ReviewState.SUBMITTED)
        .select_related("assignment__reviewer__user", "assignment__phase")
        .prefetch_related("scores", "criterion_results")
        .order_by("submitted_at", "pk")
    )
    today = timezone.localdate()
    for assignment in assignments:
        review = getattr(assignment, "review", None)
        assignment.submitted = review is not None and review.state == ReviewState.SUBMITTED
        assignment.overdue = not assignment.submitted and assignment.due_on < today
        if not assignment.submitted:
            assignment.extend_form = ExtendDueForm(auto_id=f"extend-{assignment.pk}-%s")
    existing = SummaryRecommendation.objects.filter(dossier=dossier).first()
    if summary_form is None:
        initial = (
            {
                "recommendation": existing.recommendation,
                "summary": existing.summary,
                "conditions": existing.conditions,
            }
            if existing
            else {}
        )
        summary_form = SummaryForm(initial=initial)
    return render(
        request,
        "reviews/secretariat/dossier.html",
        {
            "nav": "board",
            "dossier": dossier,
            "subject_url": _subject_url(dossier),
            "aggregate": aggregate,
            "criteria": [
                {
                    "label": criterion_title(c.criterion, frozen),
                    "row": c,
                    "pass_mark": pass_marks.get(c.criterion),
                }
                for c in aggregate.criteria
            ],
            "recommendations": [
                (label, aggregate.recommendations[value])
                for value, label in Recommendation.choices
                if value in aggregate.recommendations
            ],
            "assignments": assignments,
            "sheets": [_sheet(r, frozen.get("criteria", [])) for r in reviews],
            "summary": existing,
            "summary_form": summary_form,
            "pending": sum(not a.submitted for a in assignments),
            "can_complete": dossier.status == DossierStatus.IN_EVALUATION,
        },
        status=status,
    )


def _subject_url(dossier: Dossier) -> str | None:
    kind = subjects.kind_of(dossier)
    return kind.admin_url(dossier) if kind.admin_url else None


@require_safe
@secretariat_only
def dossier(request, pk: int):
    return _render_dossier(request, _dossier(pk))


@require_safe
@secretariat_only
def subject(request, kind: str, pk: int):
    """The dossier of a subject, found from its owner's side (404 if never evaluated)."""
    found = selectors.dossier_for(kind, pk)
    if found is None:
        raise Http404
    return redirect("reviews:dossier", pk=found.pk)


@require_POST
@secretariat_only
def summary(request, pk: int):
    """Write or rewrite the summary recommendation. A refusal keeps what was typed."""
    target = _dossier(pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.write_summary(dossier=target, by=request.user, **form.cleaned_data)
        except EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The summary recommendation is saved."))
            return redirect("reviews:dossier", pk=target.pk)
    return _render_dossier(request, target, summary_form=form, status=400)


@require_POST
@secretariat_only
def complete(request, pk: int):
    target = _dossier(pk)
    try:
        services.complete_evaluation(dossier=target, by=request.user)
    except EvaluationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The evaluation of “%(name)s” is complete; the proposal is now evaluated.")
            % {"name": localised(target, "title")},
        )
    return redirect("reviews:dossier", pk=target.pk)


@require_POST
@secretariat_only
def reopen(request, pk: int):
    review = get_object_or_404(Review.objects.select_related("assignment__reviewer__user"), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.reopen_review(
                review=review, reason=form.cleaned_data["reason"], by=request.user
            )
        except EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The review of %(reviewer)s is reopened for correction.")
                % {"reviewer": review.assignment.reviewer},
            )
    return redirect("reviews:dossier", pk=review.assignment.dossier_id)


@require_POST
@secretariat_only
def extend_due(request, pk: int):
    """Move one review's due date, with a reason; the reviewer is told by email. A refusal
    is shown as a message on the proposal's page."""
    assignment = get_object_or_404(Assignment.objects.select_related("reviewer__user"), pk=pk)
    form = ExtendDueForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services_deadlines.extend_review_due(
                assignment=assignment,
                by=request.user,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The review of %(reviewer)s is now due on %(date)s; they are told by email.")
                % {
                    "reviewer": assignment.reviewer,
                    "date": format_date(assignment.due_on, get_language() or "th"),
                },
            )
    return redirect(f"{reverse('reviews:dossier', args=[assignment.dossier_id])}#assignments")


# Phases ------------------------------------------------------------------------------------


def _render_phases(request, form, *, status: int = 200):
    rows = _phases().annotate(
        n_assigned=Count("assignments", distinct=True),
        n_submitted=Count(
            "assignments__review",
            filter=Q(assignments__review__state=ReviewState.SUBMITTED),
            distinct=True,
        ),
    )
    return render(
        request,
        "reviews/secretariat/phases.html",
        _context(request, "phases", phases=rows, form=form),
        status=status,
    )


@GET_OR_POST
@secretariat_only
def phases(request):
    """The phases; a POST creates one."""
    form = PhaseForm(request.POST or None)
    if request.method != "POST":
        return _render_phases(request, form)
    if form.is_valid():
        try:
            phase = services_phases.create_phase(by=request.user, **form.cleaned_data)
        except EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Phase “%(name)s” created.") % {"name": localised(phase, "name")}
            )
            return redirect("reviews:phases")
    return _render_phases(request, form, status=400)


@GET_OR_POST
@secretariat_only
def phase_edit(request, pk: int):
    phase = get_object_or_404(ReviewPhase, pk=pk)
    # The form writes what was typed into its instance while validating: give it a copy,
    # so the page's heading and the service's "before" stay the stored values.
    form = PhaseForm(request.POST or None, instance=copy.copy(phase))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services_phases.update_phase(phase=phase, by=request.user, **form.cleaned_data)
            except EvaluationError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The phase is saved."))
                return redirect("reviews:phases")
        status = 400
    return render(
        request,
        "reviews/secretariat/phase_edit.html",
        _context(request, "phases", phase=phase, form=form),
        status=status,
    )


# The reviewer pool -------------------------------------------------------------------------


def _render_reviewers(request, form, *, status: int = 200):
    phase = _phase_from(request.GET)
    pool = Reviewer.objects.select_related("user", "province").order_by(
        "-is_active", "user__full_name", "user__email", "pk"
    )
    if phase is not None:
        pool = pool.annotate(load=Count("assignments", filter=Q(assignments__phase=phase)))
    page = _paginate(request, pool)
    for reviewer in page.object_list:
        reviewer.expertise_labels = [_domain_label(code) for code in reviewer.expertise]
    return render(
        request,
        "reviews/secretariat/reviewers.html",
        _context(request, "reviewers", phase=phase, phases=_phases(), page=page, form=form),
        status=status,
    )


@GET_OR_POST
@secretariat_only
def reviewers(request):
    """The pool, with each reviewer's load in the phase; a POST invites a reviewer."""
    form = InviteReviewerForm(request.POST or None)
    if request.method != "POST":
        return _render_reviewers(request, form)
    if form.is_valid():
        try:
            reviewer = services_reviewers.invite_reviewer(
                **form.cleaned_data, by=request.user, site_url=request.build_absolute_uri("/")
            )
        except EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is in the reviewer pool; an invitation was sent to %(email)s.")
                % {"name": reviewer, "email": reviewer.user.email},
            )
            return redirect("reviews:reviewers")
    return _render_reviewers(request, form, status=400)


@GET_OR_POST
@secretariat_only
def reviewer_edit(request, pk: int):
    """A pool member's organisation, province, domains of expertise and cap; a POST saves
    them. A refusal (a cap below the current load) keeps what was typed."""
    reviewer = get_object_or_404(Reviewer.objects.select_related("user", "province"), pk=pk)
    initial = {name: getattr(reviewer, name) for name in services_reviewers.DETAIL_FIELDS}
    form = ReviewerDetailsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services_reviewers.update_reviewer(
                    reviewer=reviewer, by=request.user, **form.cleaned_data
                )
            except EvaluationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("The details of %(name)s are saved.") % {"name": reviewer}
                )
                return redirect("reviews:reviewers")
        status = 400
    return render(
        request,
        "reviews/secretariat/reviewer_edit.html",
        _context(request, "reviewers", reviewer=reviewer, form=form),
        status=status,
    )


# Conflicts of interest ----------------------------------------------------------------------


@GET_OR_POST
@secretariat_only
def conflicts(request):
    """Active or dismissed conflicts; a POST detects conflicts for every proposal in
    evaluation, by the configured rules."""
    if request.method == "POST":
        return _detect_conflicts(request)
    dismissed = request.GET.get("show") == "dismissed"
    rows = (
        Conflict.objects.filter(dismissed_at__isnull=not dismissed)
        .select_related("reviewer__user", "dossier__organisation", "dismissed_by")
        .order_by("-dismissed_at" if dismissed else "-created_at", "-pk")
    )
    counts = Conflict.objects.aggregate(
        active=Count("id", filter=Q(dismissed_at__isnull=True)),
        dismissed=Count("id", filter=Q(dismissed_at__isnull=False)),
    )
    return render(
        request,
        "reviews/secretariat/conflicts.html",
        _context(
            request,
            "conflicts",
            page=_paginate(request, rows),
            counts=counts,
            dismissed=dismissed,
            rules=services.conflict_rules(),
        ),
    )


def _detect_conflicts(request):
    dossiers = list(selectors.in_evaluation().order_by("pk"))
    before = Conflict.objects.count()
    with transaction.atomic():
        for target in dossiers:
            services.detect_conflicts(dossier=target, by=request.user)
    found = Conflict.objects.count() - before
    messages.success(
        request,
        ngettext(
            "%(proposals)s proposal(s) checked; %(n)s new conflict found.",
            "%(proposals)s proposal(s) checked; %(n)s new conflicts found.",
            found,
        )
        % {"proposals": len(dossiers), "n": found},
    )
    return redirect("reviews:conflicts")


@require_POST
@secretariat_only
def dismiss(request, pk: int):
    conflict = get_object_or_404(Conflict, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.dismiss_conflict(
                conflict=conflict, reason=form.cleaned_data["reason"], by=request.user
            )
        except EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The conflict is dismissed."))
    return redirect("reviews:conflicts")


# Assignment -------------------------------------------------------------------------------


def _assign_url(phase: ReviewPhase) -> str:
    return f"{reverse('reviews:assign')}?phase={phase.pk}"


def _default_due() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=DEFAULT_REVIEW_DAYS)


def _render_assign(request, phase: ReviewPhase | None):
    """Each proposal in evaluation with its reviewers in the phase and the reviewers who
    may still be given it: active, below their cap, not assigned, and never one with a
    standing conflict of interest. A fixed number of queries per page."""
    context = _context(request, "assign", phase=phase, phases=_phases(), due_on=_default_due())
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
    page = _paginate(request, dossiers, ASSIGN_PAGE_SIZE)
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
        target.domain_labels = [_domain_label(code) for code in Domain.values if code in domains]
        candidates = [
            {
                "reviewer": r,
                "matches": [_domain_label(code) for code in r.expertise if code in domains],
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
        return _render_assign(request, _phase_from(request.GET))
    phase = _phase_from(request.POST)
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
        _form_errors(request, form)
        return redirect(_assign_url(phase))
    try:
        assignment = services.assign_reviewer(phase=phase, by=request.user, **form.cleaned_data)
    except EvaluationError as error:
        messages.error(request, str(error))
    else:
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
        _context(
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
        _form_errors(request, form)
        return redirect(_assign_url(phase))
    return _render_confirm(request, phase, form, DueDateForm(initial={"due_on": _default_due()}))


def _confirm(request, phase: ReviewPhase):
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        if "pair" in form.errors:
            _form_errors(request, form)
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
    phase = _phase_from(request.POST)
    if phase is None:
        raise Http404
    form = AutoAssignForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
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
        _context(
            request,
            "assign",
            phase=phase,
            assigned=result.assigned,
            shortfalls=result.shortfalls,
            due_on=form.cleaned_data["due_on"],
        ),
    )


# Exports ------------------------------------------------------------------------------------


def _filename(phase: ReviewPhase | None, extension: str) -> str:
    scope = f"phase-{phase.pk}" if phase else "all-phases"
    return f"evaluation-{scope}-{timezone.localdate().isoformat()}.{extension}"


@require_safe
@secretariat_only
def export_csv(request):
    """Streamed: the first rows leave while the last are read, in the reader's language."""
    phase = _phase_from(request.GET)
    lines = in_language(exports.reviews_csv(phase), get_language())
    return csv_response(lines, filename=_filename(phase, "csv"))


@require_safe
@secretariat_only
def export_xlsx(request):
    """Written to a temporary file (a workbook is a zip, finished before it can be read),
    then streamed from it."""
    phase = _phase_from(request.GET)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    exports.reviews_xlsx(phase, out)
    out.seek(0)
    return xlsx_response(out, filename=_filename(phase, "xlsx"))
