"""The secretariat's working page of one meeting: status, attendance and quorum, the
agenda and its recusals, resolutions and their release, and the minutes.

Every action is its own POST calling one service and coming back to the page (post,
redirect, get). The services lock the rows they change, so a double click is harmless:
the second "add to agenda" of a proposal is refused with the service's message. A refusal
(MeetingError, or a proposal that cannot move at release) is shown as a message."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.certification.services import CertificationError
from smartcity.committee import selectors
from smartcity.committee import services_meetings as services
from smartcity.committee.enums import (
    Attendance,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.committee.forms import (
    AttendanceForm,
    InformationItemForm,
    MinutesForm,
    ReasonForm,
    RecusalForm,
    ResolutionForm,
)
from smartcity.committee.models import AgendaItem, Meeting, Minutes
from smartcity.committee.release import release_results
from smartcity.committee.views.common import form_errors, reference, secretariat_only
from smartcity.core.models import AuditEntry
from smartcity.proposals.models import Proposal
from smartcity.proposals.services import ProposalError

M = MeetingStatus
# The status buttons of the header: verb -> service. Release has its own confirmed form.
STATUS_ACTIONS = {
    "open": services.open_meeting,
    "close": services.close_meeting,
    "reopen": services.reopen_meeting,
}
MINUTES_ACTIONS = {
    "circulate": MinutesStatus.CIRCULATED,
    "revise": MinutesStatus.DRAFT,
    "adopt": MinutesStatus.ADOPTED,
}


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting__committee"), pk=pk)


def _back(meeting_pk: int, anchor: str = ""):
    url = reverse("committee:meeting", kwargs={"pk": meeting_pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _items(meeting: Meeting, attendees: list) -> list[AgendaItem]:
    """The agenda with, per item, its outcomes, domains, evaluation, recusals, its own
    quorum and the members who may still be recused."""
    members = [a.member for a in attendees]
    items = list(selectors.agenda_for_secretariat(meeting))
    evaluations = selectors.evaluations(i.proposal_id for i in items if i.proposal_id)
    selectors.attach_summaries(i.proposal for i in items)
    editable = meeting.status in services.RESOLUTIONS_EDITABLE
    for item in items:
        item.meeting = meeting  # outcomes_for() reads the committee: no query per item
        item.record = getattr(item, "resolution", None)
        item.domains = selectors.domains_of(item.proposal) if item.proposal_id else []
        item.evaluation = evaluations.get(item.proposal_id)
        recused = {r.member_id for r in item.recusals.all()}
        item.recusable = [m for m in members if m.pk not in recused]
        item.quorum = services.item_quorum(item, attendees)
        record = item.record
        outcomes = services.outcomes_for(item)
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
        item.can_resolve = editable and not (record and record.status == ResolutionStatus.RELEASED)
    return items


def _render(request, meeting: Meeting, *, minutes_form=None, stale=None, status: int = 200):
    attendees = list(selectors.attendees(meeting))
    quorum = services.quorum(meeting, attendees)
    items = _items(meeting, attendees)
    eligible = []
    if meeting.status in services.AGENDA_EDITABLE:
        eligible = list(services.eligible_proposals(meeting))
        evaluations = selectors.evaluations(p.pk for p in eligible)
        selectors.attach_summaries(eligible)
        for proposal in eligible:
            proposal.evaluation = evaluations.get(proposal.pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes_form is None and minutes.status == MinutesStatus.DRAFT:
        minutes_form = MinutesForm(initial={"body": minutes.body, "revision": minutes.revision})
    actions = [
        verb
        for (frm, to), verb in services.MEETING_TRANSITIONS.items()
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
            "quorum": quorum,
            "items": items,
            "unresolved": [i.position for i in items if i.proposal_id and i.record is None],
            "eligible": eligible,
            "information_form": InformationItemForm(),
            "reason_form": ReasonForm(),
            "minutes": minutes,
            "minutes_form": minutes_form,
            "stale": stale,
            "show_minutes_pdf": minutes is not None,
            "agenda_editable": meeting.status in services.AGENDA_EDITABLE,
            "attendance_editable": meeting.status in {M.SCHEDULED, M.IN_SESSION},
            "can_recuse": meeting.status not in {M.RELEASED, M.CANCELLED, M.HISTORICAL},
            "can_draft_minutes": meeting.status in {M.CLOSED, M.RELEASED}
            and (minutes is None or minutes.status == MinutesStatus.DRAFT),
        },
        status=status,
    )


@require_safe
@secretariat_only
def meeting(request, pk: int):
    return _render(request, _meeting(pk))


# Status and release --------------------------------------------------------------------------


@require_POST
@secretariat_only
def status(request, pk: int):
    """Open, close, reopen, or cancel (with a reason)."""
    target = _meeting(pk)
    action = request.POST.get("action", "")
    try:
        if action == "cancel":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                form_errors(request, form)
                return _back(target.pk)
            services.cancel_meeting(
                meeting=target, reason=form.cleaned_data["reason"], by=request.user
            )
        elif action in STATUS_ACTIONS:
            STATUS_ACTIONS[action](meeting=target, by=request.user)
        else:
            messages.error(request, _("Unknown action."))
            return _back(target.pk)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(meeting)s is now “%(status)s”.")
            % {"meeting": reference(target), "status": M(target.status).label},
        )
    return _back(target.pk)


@require_POST
@secretariat_only
def release(request, pk: int):
    """Release every resolution together, once the person has confirmed it."""
    target = _meeting(pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the release of the results."))
        return _back(target.pk, "release")
    try:
        count = release_results(meeting=target, by=request.user)
    except (services.MeetingError, ProposalError, CertificationError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(n)s resolutions are released; the proponents are notified.") % {"n": count},
        )
    return _back(target.pk)


# Attendance ----------------------------------------------------------------------------------


@require_POST
@secretariat_only
def attendance(request, pk: int):
    target = _meeting(pk)
    form = AttendanceForm(request.POST, attendees=selectors.attendees(target))
    if not form.is_valid():
        form_errors(request, form)
        return _back(target.pk, "attendance")
    try:
        quorum = services.record_attendance(
            meeting=target, attendance=form.attendance(), by=request.user
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        text = _("Attendance saved: %(present)s present of %(required)s required.") % {
            "present": quorum.present,
            "required": quorum.required,
        }
        if quorum.reached:
            messages.success(request, text)
        else:
            messages.warning(request, f"{text} {_('No quorum yet.')}")
    return _back(target.pk, "attendance")


# Agenda --------------------------------------------------------------------------------------


@require_POST
@secretariat_only
def add_proposal(request, pk: int):
    target = _meeting(pk)
    raw = request.POST.get("proposal", "")
    proposal = Proposal.objects.filter(pk=raw).first() if raw.isdigit() else None
    if proposal is None:
        messages.error(request, _("Choose a proposal from the list."))
        return _back(target.pk, "agenda")
    try:
        item = services.add_proposal_item(meeting=target, proposal=proposal, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Added to the agenda as item %(n)s.") % {"n": item.position})
        recusals = item.recusals.count()
        if recusals:
            messages.info(
                request,
                _("%(n)s members with a conflict of interest are recused from this item.")
                % {"n": recusals},
            )
    return _back(target.pk, "agenda")


@require_POST
@secretariat_only
def add_information(request, pk: int):
    target = _meeting(pk)
    form = InformationItemForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(target.pk, "agenda")
    try:
        item = services.add_information_item(meeting=target, by=request.user, **form.cleaned_data)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Added to the agenda as item %(n)s.") % {"n": item.position})
    return _back(target.pk, "agenda")


@require_POST
@secretariat_only
def move(request, pk: int):
    item = _item(pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        messages.error(request, _("Unknown action."))
        return _back(item.meeting_id, "agenda")
    try:
        services.move_item(item=item, up=direction == "up", by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    return _back(item.meeting_id, "agenda")


@require_POST
@secretariat_only
def remove(request, pk: int):
    item = _item(pk)
    try:
        services.remove_item(item=item, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Item %(n)s is removed from the agenda.") % {"n": item.position}
        )
    return _back(item.meeting_id, "agenda")


@require_POST
@secretariat_only
def recuse(request, pk: int):
    item = _item(pk)
    members = [a.member for a in selectors.attendees(item.meeting)]
    form = RecusalForm(request.POST, members=members)
    if not form.is_valid():
        form_errors(request, form)
        return _back(item.meeting_id, f"item-{item.pk}")
    member = next(m for m in members if m.pk == form.cleaned_data["member"])
    try:
        services.recuse_member(
            item=item, member=member, reason=form.cleaned_data["reason"], by=request.user
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(person)s is recused from item %(n)s.")
            % {"person": member.user, "n": item.position},
        )
    return _back(item.meeting_id, f"item-{item.pk}")


# Resolutions ---------------------------------------------------------------------------------


@require_POST
@secretariat_only
def resolution(request, pk: int):
    item = _item(pk)
    form = ResolutionForm(
        request.POST,
        outcomes=services.outcomes_for(item),
        domains=services.proposed_domains(item.proposal) if item.proposal_id else [],
        prefix=f"item-{item.pk}",
    )
    if not form.is_valid():
        form_errors(request, form)
        return _back(item.meeting_id, f"item-{item.pk}")
    try:
        services.record_resolution(item=item, by=request.user, **form.service_arguments())
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The resolution on item %(n)s is recorded, pending release.") % {"n": item.position},
        )
    return _back(item.meeting_id, f"item-{item.pk}")


# Minutes -------------------------------------------------------------------------------------


@require_POST
@secretariat_only
def minutes_draft(request, pk: int):
    target = _meeting(pk)
    try:
        services.draft_minutes(meeting=target, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The minutes are drafted from the record."))
    return _back(target.pk, "minutes")


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
    target = _meeting(pk)
    minutes = get_object_or_404(Minutes, meeting=target)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _render(request, target, minutes_form=form, status=400)
    try:
        services.edit_minutes(
            minutes=minutes,
            body=form.cleaned_data["body"],
            revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except services.MeetingError as error:
        messages.error(request, str(error))
        minutes.refresh_from_db()
        if minutes.status != MinutesStatus.DRAFT:
            return _back(target.pk, "minutes")
        # Keep the editor's text, on the current revision, so saving again is deliberate.
        data = {"body": form.cleaned_data["body"], "revision": minutes.revision}
        stale = {"body": minutes.body, "entry": _last_edit(target)}
        return _render(request, target, minutes_form=MinutesForm(initial=data), stale=stale,
                       status=409)  # fmt: skip
    messages.success(request, _("The minutes are saved."))
    return _back(target.pk, "minutes")


@require_POST
@secretariat_only
def minutes_status(request, pk: int):
    target = _meeting(pk)
    minutes = get_object_or_404(Minutes, meeting=target)
    to_status = MINUTES_ACTIONS.get(request.POST.get("action", ""))
    if to_status is None:
        messages.error(request, _("Unknown action."))
        return _back(target.pk, "minutes")
    try:
        services.transition_minutes(minutes=minutes, to_status=to_status, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The minutes are now “%(status)s”.") % {"status": to_status.label}
        )
    return _back(target.pk, "minutes")
