"""Minutes: drafted from the record, edited by the secretary, circulated, adopted."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.committee import notices
from smartcity.committee.documents import minutes_text
from smartcity.committee.enums import (
    MeetingStatus,
    MinutesStatus,
)
from smartcity.committee.models import (
    Meeting,
    Minutes,
)
from smartcity.committee.services.meetings import MeetingError, locked_meeting
from smartcity.core import audit
from smartcity.notifications.services import after_commit

MN = MinutesStatus
MINUTES_TRANSITIONS: dict[tuple[str, str], str] = {
    (MN.DRAFT, MN.CIRCULATED): "circulate",
    (MN.CIRCULATED, MN.DRAFT): "revise",
    (MN.CIRCULATED, MN.ADOPTED): "adopt",
}
# Audit rows name what happened, in the past tense: verb -> action's last word.
AUDITED_AS = {"circulate": "circulated", "revise": "revised", "adopt": "adopted"}


@transaction.atomic
def draft_minutes(*, meeting: Meeting, by) -> Minutes:
    """Draft the minutes from the attendance, agenda and resolutions (Thai, the language
    of the record). Redrafting replaces a draft; circulated or adopted minutes stay."""
    current = locked_meeting(meeting)
    if current.status not in MeetingStatus.concluded():
        raise MeetingError(_("Minutes are drafted once the meeting has closed."))
    minutes = Minutes.objects.select_for_update().filter(meeting=current).first()
    if minutes and minutes.status == MN.ADOPTED:
        raise MeetingError(_("The minutes are adopted; they cannot change."))
    if minutes and minutes.status != MN.DRAFT:
        raise MeetingError(_("The minutes are already circulated; return them to draft first."))
    body = minutes_text(current)
    if minutes is None:
        minutes = Minutes.objects.create(meeting=current, body=body)
    else:
        minutes.body = body
        minutes.revision += 1
        minutes.save(update_fields=["body", "revision", "updated_at"])
    audit.record(
        action="committee.minutes.drafted",
        by=by,
        target=current,
        after={"revision": minutes.revision},
    )
    return minutes


@transaction.atomic
def edit_minutes(*, minutes: Minutes, body: str, revision: int, by) -> Minutes:
    """Save the secretary's edit of draft minutes. `revision` is the one the editor
    loaded: if someone saved since, nothing is overwritten."""
    current = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if current.status != MN.DRAFT:
        raise MeetingError(_("Only draft minutes can be edited."))
    if current.revision != revision:
        raise MeetingError(
            _("Someone else saved these minutes after you opened them; reload to see their text.")
        )
    if not body.strip():
        raise MeetingError(_("The minutes cannot be empty."))
    current.body = body.strip()
    current.revision += 1
    current.save(update_fields=["body", "revision", "updated_at"])
    audit.record(
        action="committee.minutes.edited",
        by=by,
        target=current.meeting,
        after={"revision": current.revision},
    )
    return current


@transaction.atomic
def transition_minutes(*, minutes: Minutes, to_status: str, by) -> Minutes:
    """Circulate, return to draft, or adopt (which locks them for good). Circulating tells
    the invited members, after the commit, that the draft awaits their comments."""
    current = Minutes.objects.select_for_update().get(pk=minutes.pk)
    verb = MINUTES_TRANSITIONS.get((current.status, to_status))
    if verb is None:
        raise MeetingError(
            _("Minutes that are “%(status)s” cannot become “%(target)s”.")
            % {
                "status": current.get_status_display(),
                "target": MinutesStatus(to_status).label
                if to_status in MinutesStatus.values
                else to_status,
            }
        )
    previous = current.status
    current.status = to_status
    now = timezone.now()
    fields = ["status", "updated_at"]
    if to_status == MN.CIRCULATED:
        current.circulated_at = now
        fields.append("circulated_at")
    if to_status == MN.ADOPTED:
        current.adopted_at, current.adopted_by = now, by
        fields += ["adopted_at", "adopted_by"]
    current.save(update_fields=fields)
    audit.record(
        action=f"committee.minutes.{AUDITED_AS[verb]}",
        by=by,
        target=current.meeting,
        before={"status": previous},
        after={"status": to_status},
    )
    if to_status == MN.CIRCULATED:
        after_commit(
            notices.tell_minutes_circulated,
            current.meeting_id,
            event="committee.minutes.circulated",
        )
    minutes.status = to_status
    return current
