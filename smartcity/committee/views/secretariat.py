"""The secretariat's committee pages: the committees and their members, the list of
meetings and the scheduling of a new one. The working page of one meeting is in
meeting.py, its actions in attendance.py, agenda.py, resolutions.py and minutes.py.

Every page needs `committee.manage_meetings` (the anonymous are sent to sign in, anyone
else gets 403). Every change is its own POST calling one service; a refusal is shown as a
message and nothing is half-saved, because the services are atomic."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from smartcity.committee import selectors
from smartcity.committee.forms import EndTermForm, MeetingFilterForm, MeetingForm, MemberForm
from smartcity.committee.models import Committee, CommitteeMember
from smartcity.committee.services.committees import ensure_committees
from smartcity.committee.services.meetings import schedule_meeting
from smartcity.committee.services.members import add_member, end_term
from smartcity.committee.views.common import reference, secretariat_only
from smartcity.core.i18n import localised
from smartcity.core.querystring import changed_query
from smartcity.core.views import flash_form_errors, refusal_as_message, run_service

PAGE_SIZE = 25
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


# Committees and their members --------------------------------------------------------------


def _render_committees(request, form, *, status: int = 200):
    ensure_committees()
    today = timezone.localdate()
    committees = list(
        Committee.objects.order_by("kind").prefetch_related(
            Prefetch(
                "members",
                queryset=CommitteeMember.objects.select_related("user").order_by(
                    "role", "user__full_name", "pk"
                ),
            )
        )
    )
    for committee in committees:
        seats = list(committee.members.all())
        for seat in seats:
            seat.serving = seat.serves_on(today)
        committee.serving = [s for s in seats if s.serving]
        committee.former = [s for s in seats if not s.serving]
    return render(
        request,
        "committee/secretariat/committees.html",
        {"nav": "committees", "committees": committees, "form": form, "end_form": EndTermForm()},
        status=status,
    )


@require_safe
@secretariat_only
def committees(request):
    return _render_committees(request, MemberForm())


@require_POST
@secretariat_only
def member_add(request):
    """Give an existing person a seat. A refusal keeps what was typed."""
    form = MemberForm(request.POST)
    if form.is_valid():
        with refusal_as_message(request) as attempt:
            seat = add_member(by=request.user, **form.service_arguments())
        if attempt.succeeded:
            messages.success(
                request,
                _("%(person)s now sits on the %(committee)s.")
                % {"person": seat.user, "committee": localised(seat.committee, "name")},
            )
            return redirect("committee:committees")
    return _render_committees(request, form, status=400)


@require_POST
@secretariat_only
def member_end(request, pk: int):
    seat = get_object_or_404(CommitteeMember.objects.select_related("user"), pk=pk)
    form = EndTermForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        run_service(
            request,
            end_term,
            member=seat,
            ends_on=form.cleaned_data["ends_on"],
            by=request.user,
            success=_("The term of %(person)s is ended.") % {"person": seat.user},
        )
    return redirect("committee:committees")


# Meetings ----------------------------------------------------------------------------------


@require_safe
@secretariat_only
def meetings(request):
    """Both committees' meetings, newest first, filtered by committee and status. A fixed
    number of queries whatever the size: item counts come from the database."""
    committees = list(Committee.objects.order_by("kind"))
    form = MeetingFilterForm(request.GET or None, committees=committees)
    filters = form.filters()
    rows = selectors.meetings_for_secretariat()
    if "committee" in filters:
        rows = rows.filter(committee__kind=filters["committee"])
    if "status" in filters:
        rows = rows.filter(status=filters["status"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "committee/secretariat/_meeting_rows.html"
        if request.htmx
        else "committee/secretariat/meetings.html"
    )
    return render(
        request,
        template,
        {
            "nav": "meetings",
            "form": form,
            "page": page,
            "page_query": changed_query(request, page=None),
        },
    )


@GET_OR_POST
@secretariat_only
def meeting_new(request):
    """Schedule a meeting; its number is the committee's next of the B.E. year."""
    ensure_committees()
    form = MeetingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with refusal_as_message(request) as attempt:
                meeting = schedule_meeting(by=request.user, **form.cleaned_data)
            if attempt.succeeded:
                messages.success(
                    request,
                    _("%(meeting)s is scheduled; %(n)s members are invited.")
                    % {"meeting": reference(meeting), "n": meeting.attendees.count()},
                )
                return redirect("committee:meeting", pk=meeting.pk)
        status = 400
    return render(
        request,
        "committee/secretariat/meeting_new.html",
        {"nav": "meetings", "form": form},
        status=status,
    )
