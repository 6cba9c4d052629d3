"""The agenda section of a meeting's working page: putting subjects and matters for
information on the agenda, moving and removing items, and recusing members from an item."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.committee import selectors, subjects
from smartcity.committee.forms import (
    InformationItemForm,
    RecusalForm,
)
from smartcity.committee.services.agenda import (
    add_information_item,
    add_item,
    move_item,
    recuse_member,
    remove_item,
)
from smartcity.committee.views.common import (
    back_to_meeting,
    item_or_404,
    meeting_or_404,
    secretariat_only,
)
from smartcity.core.views import flash_form_errors, refusal_as_message, run_service


@require_POST
@secretariat_only
def add_subject(request, pk: int):
    """Put a subject from the list of those eligible on the agenda."""
    target = meeting_or_404(pk)
    kind = request.POST.get("kind", "")
    raw = request.POST.get("subject", "")
    known = {k.code for k in subjects.for_committee(target.committee.kind)}
    if kind not in known or not raw.isdigit():
        messages.error(request, _("Choose a proposal from the list."))
        return back_to_meeting(target.pk, "agenda")
    with refusal_as_message(request) as attempt:
        item = add_item(meeting=target, kind=kind, subject_id=int(raw), by=request.user)
    if attempt.succeeded:
        messages.success(request, _("Added to the agenda as item %(n)s.") % {"n": item.position})
        recusals = item.recusals.count()
        if recusals:
            messages.info(
                request,
                _("%(n)s members with a conflict of interest are recused from this item.")
                % {"n": recusals},
            )
    return back_to_meeting(target.pk, "agenda")


@require_POST
@secretariat_only
def add_information(request, pk: int):
    target = meeting_or_404(pk)
    form = InformationItemForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return back_to_meeting(target.pk, "agenda")
    run_service(
        request,
        add_information_item,
        meeting=target,
        by=request.user,
        success=lambda item: _("Added to the agenda as item %(n)s.") % {"n": item.position},
        **form.cleaned_data,
    )
    return back_to_meeting(target.pk, "agenda")


@require_POST
@secretariat_only
def move(request, pk: int):
    item = item_or_404(pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        messages.error(request, _("Unknown action."))
        return back_to_meeting(item.meeting_id, "agenda")
    run_service(request, move_item, item=item, up=direction == "up", by=request.user)
    return back_to_meeting(item.meeting_id, "agenda")


@require_POST
@secretariat_only
def remove(request, pk: int):
    item = item_or_404(pk)
    run_service(
        request,
        remove_item,
        item=item,
        by=request.user,
        success=_("Item %(n)s is removed from the agenda.") % {"n": item.position},
    )
    return back_to_meeting(item.meeting_id, "agenda")


@require_POST
@secretariat_only
def recuse(request, pk: int):
    item = item_or_404(pk)
    members = [a.member for a in selectors.attendees(item.meeting)]
    form = RecusalForm(request.POST, members=members)
    if not form.is_valid():
        flash_form_errors(request, form)
        return back_to_meeting(item.meeting_id, f"item-{item.pk}")
    member = next(m for m in members if m.pk == form.cleaned_data["member"])
    run_service(
        request,
        recuse_member,
        item=item,
        member=member,
        reason=form.cleaned_data["reason"],
        by=request.user,
        success=_("%(person)s is recused from item %(n)s.")
        % {"person": member.user, "n": item.position},
    )
    return back_to_meeting(item.meeting_id, f"item-{item.pk}")
