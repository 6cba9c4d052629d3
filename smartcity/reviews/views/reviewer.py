"""The reviewer's side: my assignments, the score sheet saved as I type, submitting, and
declaring a conflict of interest.

A conflicted reviewer sees nothing of the subject: the list comes from
selectors.assignments_for_reviewer() and every page fetches its assignment through
access.get_assignment_for() (404 once a conflict exists). The score sheet shows the dossier
and the subject summary its owner registered (reviews.subjects), nothing else of it.
Opening a score sheet writes nothing: the sheet is created on its first save."""

from string import ascii_uppercase

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartcity.core.autosave import autosave_reply, session_expired_reply
from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.core.views import refusal_as_message
from smartcity.reviews import selectors, services, subjects
from smartcity.reviews.access import get_assignment_for
from smartcity.reviews.enums import ReviewState
from smartcity.reviews.forms import DeclareConflictForm, ScoreSheetForm
from smartcity.reviews.labels import criterion_title, dossier_label
from smartcity.reviews.models import Review
from smartcity.reviews.rules import is_assigned_reviewer


def _review_of(assignment) -> Review | None:
    # Loaded with select_related("review"): a missing review costs no query.
    return getattr(assignment, "review", None)


def _reviewer_may(user, perm: str, assignment) -> bool:
    """`perm` on this assignment, for its own reviewer only: a score sheet is personal, and
    Django lets an active superuser pass every has_perm()."""
    return is_assigned_reviewer(user, assignment) and user.has_perm(perm, assignment)


def _is_overdue(assignment, review, today) -> bool:
    submitted = review is not None and review.state == ReviewState.SUBMITTED
    return not submitted and assignment.due_on < today


@login_required
@require_GET
def assignment_list(request):
    if not request.user.has_perm("reviews.view_own_assignments"):
        raise PermissionDenied
    reviewer = getattr(request.user, "reviewer", None)
    today = timezone.localdate()
    rows = []
    if reviewer is not None:
        for assignment in selectors.assignments_for_reviewer(reviewer):
            review = _review_of(assignment)
            rows.append(
                {
                    "assignment": assignment,
                    "label": dossier_label(assignment, hide_identity=assignment.phase.blind),
                    "proponent": None
                    if assignment.phase.blind
                    else localised(assignment.dossier.organisation, "name"),
                    "review": review,
                    "overdue": _is_overdue(assignment, review, today),
                }
            )
    return render(
        request,
        "reviews/reviewer/list.html",
        {"rows": rows, "in_pool": reviewer is not None},
    )


def _claimed_domains(dossier) -> list[str]:
    claimed = set(dossier.domains)
    return [code for code in Domain.values if code in claimed] + sorted(
        claimed - set(Domain.values)
    )


def _other_reviews(assignment, criteria: list[dict], *, name_reviewers: bool) -> list[dict]:
    """The other submitted reviews of this dossier, with their percent on each criterion
    (in the order of `criteria`). Reviewers are lettered in the order they were assigned,
    unless the viewer is the secretariat."""
    reviews = (
        Review.objects.filter(
            assignment__dossier_id=assignment.dossier_id, state=ReviewState.SUBMITTED
        )
        .exclude(assignment=assignment)
        .select_related("assignment__reviewer__user")
        .prefetch_related("criterion_results")
        .order_by("assignment_id")
    )
    rows = []
    for index, review in enumerate(reviews):
        person = review.assignment.reviewer.user
        rows.append(
            {
                "label": (person.full_name or person.email)
                if name_reviewers
                else _("Reviewer %(letter)s") % {"letter": _letter(index)},
                "review": review,
                "results": _results(review, criteria),
            }
        )
    return rows


def _letter(index: int) -> str:
    return ascii_uppercase[index % 26] + (str(index // 26 + 1) if index >= 26 else "")


def _results(review, criteria: list[dict]) -> list:
    """A submitted review's CriterionResult per criterion, in the criteria's order."""
    by_code = {r.criterion: r for r in review.criterion_results.all()}
    return [by_code.get(c["code"]) for c in criteria]


@require_http_methods(["GET", "POST"])
def score_sheet(request, pk: int):
    if not request.user.is_authenticated:
        if request.htmx:
            return session_expired_reply(request)
        return redirect_to_login(request.get_full_path())
    assignment = get_assignment_for(request.user, pk)
    dossier = assignment.dossier
    mine = is_assigned_reviewer(request.user, assignment)
    review = _review_of(assignment)
    can_score = _reviewer_may(request.user, "reviews.score_assignment", assignment)
    criteria = dossier.rubric
    domains = _claimed_domains(dossier)

    if request.method == "POST":
        if not can_score:
            raise PermissionDenied
        form = ScoreSheetForm(request.POST, criteria=criteria, domains=domains)
        if form.is_valid():
            # The sheet exists from its first save (never from opening the page).
            review = services.start_review(assignment=assignment, by=request.user)
            try:
                revision = int(request.POST.get("revision", "-1"))
            except ValueError:
                revision = -1
            try:
                review = services.save_review_draft(
                    review=review,
                    revision=revision,
                    by=request.user,
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    conditions=form.cleaned_data["conditions"],
                    domain_assessments=form.domain_assessments(),
                )
            except services.EvaluationError as error:  # a stale revision included
                if request.htmx:
                    return autosave_reply(request, saved=False, message=str(error))
                messages.error(request, str(error))
                return redirect("reviews:score_sheet", pk=pk)
            if request.htmx:
                return autosave_reply(request, saved=True, revision=review.revision)
            messages.success(request, _("Saved."))
            return redirect("reviews:score_sheet", pk=pk)
        if request.htmx:
            return autosave_reply(
                request,
                saved=False,
                message=_(
                    "Not saved yet: some fields need attention (see below when you press Save)."
                ),
            )
    else:
        form = ScoreSheetForm(criteria=criteria, domains=domains, review=review)

    see_others = request.user.has_perm("reviews.see_other_scores", assignment)
    submitted = review is not None and review.state == ReviewState.SUBMITTED
    # A blind phase hides the proponent from its reviewers, not from the secretariat.
    hide_identity = mine and assignment.phase.blind
    columns = [criterion_title(c["code"], criteria) for c in criteria]
    return render(
        request,
        "reviews/reviewer/score_sheet.html",
        {
            "assignment": assignment,
            "dossier": dossier,
            "subject": subjects.kind_of(dossier).summary(dossier, assignment),
            "label": dossier_label(assignment, hide_identity=hide_identity),
            "hide_identity": hide_identity,
            "review": review,
            "mine": mine,
            "overdue": _is_overdue(assignment, review, timezone.localdate()),
            "columns": columns,
            "form": form,
            "can_score": can_score,
            "can_declare": _reviewer_may(request.user, "reviews.declare_conflict", assignment),
            "missing": services.missing_in_review(review, assignment=assignment)
            if can_score
            else [],
            "own_results": list(zip(columns, _results(review, criteria), strict=True))
            if submitted
            else None,
            # None, not an empty list, when the phase hides them: not even their number shows.
            "others": _other_reviews(assignment, criteria, name_reviewers=not mine)
            if see_others
            else None,
            "declare_form": DeclareConflictForm(),
        },
    )


@login_required
@require_POST
def submit(request, pk: int):
    assignment = get_assignment_for(request.user, pk)
    if not _reviewer_may(request.user, "reviews.score_assignment", assignment):
        review = _review_of(assignment)
        # A second click after the first one went through lands here: say what happened.
        if review is not None and review.state == ReviewState.SUBMITTED:
            messages.info(request, _("This review has already been submitted."))
            return redirect("reviews:assignments")
        raise PermissionDenied
    review = services.start_review(assignment=assignment, by=request.user)
    with refusal_as_message(request) as attempt:
        services.submit_review(review=review, by=request.user)
    if attempt.refused:
        return redirect("reviews:score_sheet", pk=pk)
    messages.success(request, _("Your review was submitted. Thank you."))
    return redirect("reviews:assignments")


@login_required
@require_POST
def declare(request, pk: int):
    assignment = get_assignment_for(request.user, pk)
    if not _reviewer_may(request.user, "reviews.declare_conflict", assignment):
        raise PermissionDenied
    form = DeclareConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say briefly why you have a conflict of interest."))
        return redirect("reviews:score_sheet", pk=pk)
    with refusal_as_message(request) as attempt:
        services.declare_conflict(
            reviewer=assignment.reviewer,
            dossier=assignment.dossier,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    if attempt.refused:
        return redirect("reviews:score_sheet", pk=pk)
    # The message names nothing: the subject is gone from this reviewer's view.
    messages.success(
        request,
        _(
            "Your conflict of interest is recorded and the proposal was removed from your reviews. The secretariat will assign another reviewer."
        ),
    )
    return redirect("reviews:assignments")
