"""What the committee pages share: the secretariat's gate, the meeting's reference, and
for the working page of a meeting and its actions, fetching the meeting or item (404 when
it does not exist) and coming back to the page."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from smartcity.committee.models import AgendaItem, Meeting
from smartcity.core.i18n import localised
from smartcity.core.views import gate

# Signed in (else the sign-in page) and allowed to manage meetings (else 403).
secretariat_only = gate("committee.manage_meetings")


def reference(meeting: Meeting) -> str:
    """ "Sub-committee meeting 1/2565" in the reader's language."""
    return _("%(committee)s, meeting %(ref)s") % {
        "committee": localised(meeting.committee, "name"),
        "ref": meeting.reference,
    }


def meeting_or_404(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)


def item_or_404(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting__committee"), pk=pk)


def back_to_meeting(meeting_pk: int, anchor: str = ""):
    """Redirect to the meeting's working page (post, redirect, get), at `anchor`."""
    url = reverse("committee:meeting", kwargs={"pk": meeting_pk})
    return redirect(f"{url}#{anchor}" if anchor else url)
