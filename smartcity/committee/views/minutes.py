"""The minutes section of a meeting's working page: drafting from the record, editing
(without overwriting a colleague's save), circulating, returning to draft and adopting."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.committee.enums import (
    MinutesStatus,
)
from smartcity.committee.forms import (
    MinutesForm,
)
from smartcity.committee.models import Meeting, Minutes
from smartcity.committee.services.minutes import draft_minutes, edit_minutes, transition_minutes
from smartcity.committee.views.common import (
    back_to_meeting,
    meeting_or_404,
    secretariat_only,
)
from smartcity.committee.views.meeting import render_meeting
from smartcity.core.models import AuditEntry
from smartcity.core.views import flash_form_errors, refusal_as_message, run_service

MINUTES_ACTIONS = {
    "circulate": MinutesStatus.CIRCULATED,
    "revise": MinutesStatus.DRAFT,
    "adopt": MinutesStatus.ADOPTED,
}


@require_POST
@secretariat_only
def minutes_draft(request, pk: int):
    target = meeting_or_404(pk)
    run_service(
        request,
        draft_minutes,
        meeting=target,
        by=request.user,
        success=_("The minutes are drafted from the record."),
    )
    return back_to_meeting(target.pk, "minutes")


def _last_edit(meeting: Meeting) -> AuditEntry | None:
    return (
        AuditEntry.objects.filter(
            target_type="committee.meeting",
            target_id=str(meeting.pk),
            action__in=["committee.minutes.edited", "committee.minutes.drafted"],
        )
        .select_related("actor")
        .order_by("-occurred_at", "-pk")
        .first()
    )


@require_POST
@secretariat_only
def minutes_edit(request, pk: int):
    """Save an edit of the draft. If someone saved since the editor loaded the text,
    nothing is overwritten: the page comes back with both texts, theirs and the editor's."""
    target = meeting_or_404(pk)
    minutes = get_object_or_404(Minutes, meeting=target)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return render_meeting(request, target, minutes_form=form, status=400)
    with refusal_as_message(request) as attempt:
        edit_minutes(
            minutes=minutes,
            body=form.cleaned_data["body"],
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    if attempt.refused:
        minutes.refresh_from_db()
        if minutes.status != MinutesStatus.DRAFT:
            return back_to_meeting(target.pk, "minutes")
        # Keep the editor's text, on the current revision, so saving again is deliberate.
        data = {"body": form.cleaned_data["body"], "revision": minutes.revision}
        stale = {"body": minutes.body, "entry": _last_edit(target)}
        return render_meeting(request, target, minutes_form=MinutesForm(initial=data), stale=stale,
                       status=409)  # fmt: skip
    messages.success(request, _("The minutes are saved."))
    return back_to_meeting(target.pk, "minutes")


@require_POST
@secretariat_only
def minutes_status(request, pk: int):
    target = meeting_or_404(pk)
    minutes = get_object_or_404(Minutes, meeting=target)
    to_status = MINUTES_ACTIONS.get(request.POST.get("action", ""))
    if to_status is None:
        messages.error(request, _("Unknown action."))
        return back_to_meeting(target.pk, "minutes")
    run_service(
        request,
        transition_minutes,
        minutes=minutes,
        to_status=to_status,
        by=request.user,
        success=_("The minutes are now “%(status)s”.") % {"status": to_status.label},
    )
    return back_to_meeting(target.pk, "minutes")
