"""The attendance section of a meeting's working page: who of the members invited attended,
and whether the meeting has its quorum."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.committee import selectors
from smartcity.committee.forms import (
    AttendanceForm,
)
from smartcity.committee.services.attendance import record_attendance
from smartcity.committee.views.common import (
    back_to_meeting,
    meeting_or_404,
    secretariat_only,
)
from smartcity.core.views import flash_form_errors, refusal_as_message


@require_POST
@secretariat_only
def attendance(request, pk: int):
    target = meeting_or_404(pk)
    form = AttendanceForm(request.POST, attendees=selectors.attendees(target))
    if not form.is_valid():
        flash_form_errors(request, form)
        return back_to_meeting(target.pk, "attendance")
    with refusal_as_message(request) as attempt:
        quorum = record_attendance(meeting=target, attendance=form.attendance(), by=request.user)
    if attempt.succeeded:
        text = _("Attendance saved: %(present)s present of %(required)s required.") % {
            "present": quorum.present,
            "required": quorum.required,
        }
        if quorum.reached:
            messages.success(request, text)
        else:
            messages.warning(request, f"{text} {_('No quorum yet.')}")
    return back_to_meeting(target.pk, "attendance")
