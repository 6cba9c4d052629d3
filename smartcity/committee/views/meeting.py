"""The secretariat's working page of one meeting (status, attendance and quorum, the
agenda and its recusals, resolutions and their release, the minutes) and the actions of its
header: open, close, reopen, cancel, and release the results. The actions of the page's
sections are in attendance.py, agenda.py, resolutions.py and minutes.py.

Every action is its own POST calling one service and coming back to the page (post,
redirect, get). The services lock the rows they change, so a double click is harmless:
the second "add to agenda" of a proposal is refused with the service's message. A refusal
(any ActionRefused: the meeting's, or a subject whose owner refuses the release) is shown
as a message (`core.views.refusal_as_message`)."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.committee import selectors
from smartcity.committee.enums import (
    Attendance,
    MeetingStatus,
    Outcome,
)
from smartcity.committee.forms import (
    InformationItemForm,
    MinutesForm,
    ReasonForm,
    ResolutionForm,
)
from smartcity.committee.models import AgendaItem, Meeting, Minutes
from smartcity.committee.quorum import item_quorum, quorum
from smartcity.committee.services.agenda import (
    eligible_subjects,
)
from smartcity.committee.services.meetings import (
    MEETING_TRANSITIONS,
    cancel_meeting,
    close_meeting,
    open_meeting,
    reopen_meeting,
    send_meeting_pack,
)
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import (
    outcomes_for,
)
from smartcity.committee.views.common import (
    back_to_meeting,
    meeting_or_404,
    reference,
    secretariat_only,
)
from smartcity.core.views import flash_form_errors, refusal_as_message, run_service

M = MeetingStatus
# The status buttons of the header: verb -> service. Release has its own confirmed form.
STATUS_ACTIONS = {
    "open": open_meeting,
    "close": close_meeting,
    "reopen": reopen_meeting,
}


def _items(meeting: Meeting, attendees: list) -> list[AgendaItem]:
    """The agenda with, per item, its subject, outcomes, domains, recusals, its own
    quorum and the members who may still be recused."""
    members = [a.member for a in attendees]
    items = selectors.agenda_for_secretariat(meeting)
    editable = meeting.status in MeetingStatus.resolving()
    for item in items:
        item.meeting = meeting  # item_quorum() reads the committee: no query per item
        item.record = getattr(item, "resolution", None)
        item.domains = list(item.subject.domains) if item.subject else []
        recused = {r.member_id for r in item.recusals.all()}
        item.recusable = [m for m in members if m.pk not in recused]
        item.quorum = item_quorum(item, attendees)
        record = item.record
        outcomes = outcomes_for(item)
        item.outcomes_values = [str(o) for o in outcomes]
        item.resolution_form = ResolutionForm(
            outcomes=outcomes,
            domains=item.domains,
            initial={
                "outcome": record.outcome if record else None,
                "domains": record.approved_domains
                if record and record.outcome == Outcome.APPROVE
                else item.domains,
                "conditions": record.conditions if record else "",
                "reasons": record.reasons if record else "",
                "votes_for": record.votes_for if record else None,
                "votes_against": record.votes_against if record else None,
                "votes_abstaining": record.votes_abstaining if record else None,
            },
            prefix=f"item-{item.pk}",
        )
        item.can_resolve = editable and not (record and record.is_released)
    return items


def render_meeting(request, meeting: Meeting, *, minutes_form=None, stale=None, status: int = 200):
    attendees = list(selectors.attendees(meeting))
    meeting_quorum = quorum(meeting, attendees)
    items = _items(meeting, attendees)
    eligible = []
    if meeting.status in MeetingStatus.editable():
        eligible = eligible_subjects(meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes_form is None and minutes.is_draft:
        minutes_form = MinutesForm(initial={"body": minutes.body, "revision": minutes.revision})
    actions = [
        verb
        for (frm, to), verb in MEETING_TRANSITIONS.items()
        if frm == meeting.status and to != M.RELEASED
    ]
    return render(
        request,
        "committee/secretariat/meeting.html",
        {
            "nav": "meetings",
            "meeting": meeting,
            "actions": actions,
            "attendees": attendees,
            "attendance_choices": Attendance.choices,
            "quorum": meeting_quorum,
            "items": items,
            "unresolved": [i.position for i in items if i.subject_kind and i.record is None],
            "eligible": eligible,
            "information_form": InformationItemForm(),
            "reason_form": ReasonForm(),
            "minutes": minutes,
            "minutes_form": minutes_form,
            "stale": stale,
            "show_minutes_pdf": minutes is not None,
            "agenda_editable": meeting.status in MeetingStatus.editable(),
            "attendance_editable": meeting.status in MeetingStatus.editable(),
            "can_recuse": meeting.status not in MeetingStatus.over(),
            "can_draft_minutes": meeting.status in MeetingStatus.concluded()
            and (minutes is None or minutes.is_draft),
        },
        status=status,
    )


@require_safe
@secretariat_only
def meeting(request, pk: int):
    return render_meeting(request, meeting_or_404(pk))


# Status and release --------------------------------------------------------------------------


@require_POST
@secretariat_only
def status(request, pk: int):
    """Open, close, reopen, or cancel (with a reason)."""
    target = meeting_or_404(pk)
    action = request.POST.get("action", "")
    with refusal_as_message(request) as attempt:
        if action == "cancel":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                flash_form_errors(request, form)
                return back_to_meeting(target.pk)
            cancel_meeting(meeting=target, reason=form.cleaned_data["reason"], by=request.user)
        elif action in STATUS_ACTIONS:
            STATUS_ACTIONS[action](meeting=target, by=request.user)
        else:
            messages.error(request, _("Unknown action."))
            return back_to_meeting(target.pk)
    if attempt.succeeded:
        messages.success(
            request,
            _("%(meeting)s is now “%(status)s”.")
            % {"meeting": reference(target), "status": M(target.status).label},
        )
    return back_to_meeting(target.pk)


@require_POST
@secretariat_only
def release(request, pk: int):
    """Release every resolution together, once the person has confirmed it."""
    target = meeting_or_404(pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the release of the results."))
        return back_to_meeting(target.pk, "release")
    with refusal_as_message(request) as attempt:
        count = release_results(meeting=target, by=request.user)
    if attempt.succeeded:
        messages.success(
            request,
            _("%(n)s resolutions are released; the proponents are notified.") % {"n": count},
        )
    return back_to_meeting(target.pk)


@require_POST
@secretariat_only
def send_pack(request, pk: int):
    """Tell the invited members that the meeting pack is ready."""
    target = meeting_or_404(pk)
    run_service(
        request,
        send_meeting_pack,
        meeting=target,
        by=request.user,
        success=_("The members are told that the meeting pack is ready."),
    )
    return back_to_meeting(target.pk)
