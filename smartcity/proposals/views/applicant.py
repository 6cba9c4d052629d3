"""The proponent's side: list and start proposals, follow one's timeline, submit it or
withdraw it. Editing the sections is in views.editing, the attachments in views.attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.accounts.models import Organisation
from smartcity.core.views import refusal_as_message
from smartcity.proposals import selectors
from smartcity.proposals.access import get_proposal_for
from smartcity.proposals.completeness import check_completeness
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Call
from smartcity.proposals.presentation import missing_by_criterion
from smartcity.proposals.services import drafting, errors, submission
from smartcity.proposals.views.editing import criteria_of, section_status


@login_required
@require_GET
def proposal_list(request):
    organisations = Organisation.objects.filter(memberships__user=request.user).order_by("name_th")
    creatable = [o for o in organisations if request.user.has_perm("proposals.create_proposal", o)]
    return render(
        request,
        "proposals/applicant/list.html",
        {
            "proposals": selectors.proposals_for_member(request.user),
            "creatable": creatable,
            "calls": [
                c
                for c in Call.objects.select_related("criteria_set")
                if c.is_open_on(timezone.localdate())
            ],
        },
    )


@login_required
@require_POST
def proposal_create(request):
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    if not request.user.has_perm("proposals.create_proposal", organisation):
        raise PermissionDenied
    call = get_object_or_404(Call, pk=request.POST.get("call") or 0)
    with refusal_as_message(request) as attempt:
        proposal = drafting.create_proposal(organisation=organisation, call=call, by=request.user)
    if attempt.refused:
        return redirect("proposals:list")
    return redirect("proposals:section", pk=proposal.pk, section="area")


@login_required
@require_GET
def proposal_detail(request, pk: int):
    proposal = get_proposal_for(request.user, pk)
    missing = (
        check_completeness(proposal, criteria_of(proposal))
        if proposal.state in ProposalState.editable()
        else {}
    )
    timeline = list(selectors.timeline(proposal))
    # A committee's decision explains itself in the note of the step it made.
    decision = timeline[-1] if timeline and proposal.state in ProposalState.decided() else None
    screening = proposal.screenings.select_related("version").order_by("-decided_at").first()
    return render(
        request,
        "proposals/applicant/detail.html",
        {
            "proposal": proposal,
            "missing": missing,
            "sections": section_status(missing),
            "timeline": timeline,
            "decision": decision,
            "versions": proposal.versions.order_by("-number"),
            "screening": screening,
            "requested": missing_by_criterion(screening.missing_items, screening.version.criteria)
            if screening
            else [],
            "attachments": proposal.attachments.all(),
            "can_edit": request.user.has_perm("proposals.edit_proposal", proposal),
            "can_submit": request.user.has_perm("proposals.submit_proposal", proposal),
            "can_withdraw": request.user.has_perm("proposals.withdraw_proposal", proposal),
        },
    )


@login_required
@require_POST
def proposal_submit(request, pk: int):
    proposal = get_proposal_for(request.user, pk, "proposals.view_proposal")
    if not request.user.has_perm("proposals.submit_proposal", proposal):
        # A second click after the first one went through lands here: say what happened.
        if proposal.state not in ProposalState.editable():
            messages.info(request, _("This proposal has already been submitted."))
            return redirect("proposals:detail", pk=pk)
        raise PermissionDenied
    try:
        with transaction.atomic():
            version = submission.submit_proposal(proposal=proposal, by=request.user)
    except errors.IncompleteProposal as error:
        messages.error(
            request,
            _(
                "The proposal cannot be submitted yet: the missing items are listed under each criterion."
            ),
        )
        request.session["last_missing"] = error.missing
        return redirect("proposals:detail", pk=pk)
    except errors.ProposalError as error:
        messages.info(request, str(error))
        return redirect("proposals:detail", pk=pk)
    messages.success(
        request, _("Version %(n)s submitted to the secretariat.") % {"n": version.number}
    )
    return redirect("proposals:detail", pk=pk)


@login_required
@require_POST
def proposal_withdraw(request, pk: int):
    proposal = get_proposal_for(request.user, pk, "proposals.withdraw_proposal")
    with refusal_as_message(request) as attempt:
        submission.withdraw_proposal(
            proposal=proposal, by=request.user, reason=request.POST.get("reason", "")[:1000]
        )
    if attempt.succeeded:
        messages.success(request, _("The proposal was withdrawn."))
    return redirect("proposals:detail", pk=pk)
