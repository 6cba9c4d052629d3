"""The board, and each dossier: its aggregate, the reviews, the summary, completing it;
reopening a review; moving its due date."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.core import keyset
from smartcity.core.dates import format_date
from smartcity.core.i18n import localised
from smartcity.core.views import refusal_as_message
from smartcity.reviews import selectors, services, subjects
from smartcity.reviews.enums import DossierStatus, Recommendation, ReviewState
from smartcity.reviews.forms.secretariat import (
    ExtendDueForm,
    ReasonForm,
    SummaryForm,
)
from smartcity.reviews.labels import criterion_title
from smartcity.reviews.models import (
    Assignment,
    Dossier,
    Review,
    SummaryRecommendation,
)
from smartcity.reviews.services import deadlines as services_deadlines
from smartcity.reviews.views.secretariat.common import (
    PAGE_SIZE,
    domain_label,
    form_errors,
    page_context,
    phase_from,
    phase_list,
    secretariat_only,
    title_of,
)

# The board --------------------------------------------------------------------------------


@require_safe
@secretariat_only
def board(request):
    """The phase's proposals ranked by mean total, read from their summary rows (kept by
    the services) a page at a time by key: a fixed number of queries whatever the size,
    and a deep page costs what the first costs."""
    phase = phase_from(request.GET)
    context = page_context(request, "board", phase=phase, phases=phase_list())
    if phase is not None:
        page = keyset.paginate(
            request, selectors.board(phase), selectors.BOARD_ORDER, size=PAGE_SIZE
        )
        selectors.rank_rows(phase, page.object_list)
        summaries = {
            s.dossier_id: s
            for s in SummaryRecommendation.objects.filter(
                dossier__in=[row.dossier_id for row in page.object_list]
            )
        }
        for row in page.object_list:
            row.board_summary = summaries.get(row.dossier_id)
        context["page"] = page
        context["totals"] = selectors.board_totals(phase)
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
                "title": title_of(criterion),
                "max_score": criterion["max_score"],
                "result": results.get(code),
                "items": [
                    {"title": title_of(item), "score": scores.get((code, position))}
                    for position, item in enumerate(items, start=1)
                ],
            }
        )
    return {
        "review": review,
        "assignment": review.assignment,
        "criteria": rows,
        "domains": [
            {"label": domain_label(code), "text": text}
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
        with refusal_as_message(request) as attempt:
            services.write_summary(dossier=target, by=request.user, **form.cleaned_data)
        if attempt.succeeded:
            messages.success(request, _("The summary recommendation is saved."))
            return redirect("reviews:dossier", pk=target.pk)
    return _render_dossier(request, target, summary_form=form, status=400)


@require_POST
@secretariat_only
def complete(request, pk: int):
    target = _dossier(pk)
    with refusal_as_message(request) as attempt:
        services.complete_evaluation(dossier=target, by=request.user)
    if attempt.succeeded:
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
        form_errors(request, form)
    else:
        with refusal_as_message(request) as attempt:
            services.reopen_review(
                review=review, reason=form.cleaned_data["reason"], by=request.user
            )
        if attempt.succeeded:
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
        form_errors(request, form)
    else:
        with refusal_as_message(request) as attempt:
            services_deadlines.extend_review_due(
                assignment=assignment,
                by=request.user,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        if attempt.succeeded:
            messages.success(
                request,
                _("The review of %(reviewer)s is now due on %(date)s; they are told by email.")
                % {
                    "reviewer": assignment.reviewer,
                    "date": format_date(assignment.due_on, get_language() or "th"),
                },
            )
    return redirect(f"{reverse('reviews:dossier', args=[assignment.dossier_id])}#assignments")
