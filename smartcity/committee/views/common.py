"""What the committee pages share: the secretariat's gate and the meeting's reference."""

from django.utils.translation import gettext as _

from smartcity.committee.models import Meeting
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
