"""Review phases: the list, creating one, editing one."""

import copy

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from smartcity.core.i18n import localised
from smartcity.core.views import refusal_as_message
from smartcity.reviews.enums import ReviewState
from smartcity.reviews.forms.secretariat import (
    PhaseForm,
)
from smartcity.reviews.models import (
    ReviewPhase,
)
from smartcity.reviews.services import phases as services_phases
from smartcity.reviews.views.secretariat.common import (
    GET_OR_POST,
    page_context,
    phase_list,
    secretariat_only,
)

# Phases ------------------------------------------------------------------------------------


def _render_phases(request, form, *, status: int = 200):
    rows = phase_list().annotate(
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
        page_context(request, "phases", phases=rows, form=form),
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
        with refusal_as_message(request) as attempt:
            phase = services_phases.create_phase(by=request.user, **form.cleaned_data)
        if attempt.succeeded:
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
            with refusal_as_message(request) as attempt:
                services_phases.update_phase(phase=phase, by=request.user, **form.cleaned_data)
            if attempt.succeeded:
                messages.success(request, _("The phase is saved."))
                return redirect("reviews:phases")
        status = 400
    return render(
        request,
        "reviews/secretariat/phase_edit.html",
        page_context(request, "phases", phase=phase, form=form),
        status=status,
    )
