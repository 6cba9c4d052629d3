"""The reviewer pool (inviting, editing a member) and conflicts of interest (detecting, dismissing)."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from smartcity.core.views import refusal_as_message
from smartcity.reviews import selectors, services
from smartcity.reviews.forms.secretariat import (
    InviteReviewerForm,
    ReasonForm,
    ReviewerDetailsForm,
)
from smartcity.reviews.models import (
    Conflict,
    Reviewer,
)
from smartcity.reviews.services import EvaluationError
from smartcity.reviews.services import reviewers as services_reviewers
from smartcity.reviews.views.secretariat.common import (
    GET_OR_POST,
    domain_label,
    form_errors,
    page_context,
    paginate,
    phase_from,
    phase_list,
    secretariat_only,
)

# The reviewer pool -------------------------------------------------------------------------


def _render_reviewers(request, form, *, status: int = 200):
    phase = phase_from(request.GET)
    pool = Reviewer.objects.select_related("user", "province").order_by(
        "-is_active", "user__full_name", "user__email", "pk"
    )
    if phase is not None:
        # From the reviewer's summary row in the phase: counting the phase's assignments
        # per reviewer joined every assignment to the pool.
        pool = pool.annotate(load=Coalesce(Subquery(selectors.pool_loads(phase)), 0))
    page = paginate(request, pool)
    for reviewer in page.object_list:
        reviewer.expertise_labels = [domain_label(code) for code in reviewer.expertise]
    return render(
        request,
        "reviews/secretariat/reviewers.html",
        page_context(request, "reviewers", phase=phase, phases=phase_list(), page=page, form=form),
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
        with refusal_as_message(request) as attempt:
            reviewer = services_reviewers.invite_reviewer(
                **form.cleaned_data, by=request.user, site_url=request.build_absolute_uri("/")
            )
        if attempt.succeeded:
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
        page_context(request, "reviewers", reviewer=reviewer, form=form),
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
        page_context(
            request,
            "conflicts",
            page=paginate(request, rows),
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
        form_errors(request, form)
    else:
        with refusal_as_message(request) as attempt:
            services.dismiss_conflict(
                conflict=conflict, reason=form.cleaned_data["reason"], by=request.user
            )
        if attempt.succeeded:
            messages.success(request, _("The conflict is dismissed."))
    return redirect("reviews:conflicts")
