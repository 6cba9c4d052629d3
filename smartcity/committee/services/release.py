"""The release of a meeting's resolutions: all together, by the secretariat.

Each resolution on a subject is handed to the release handler its kind registered
(committee.subjects), in the order of the agenda, inside one transaction: for the
sub-committee the proposal moves through the proposals' state service (approved,
revising, not approved; a deferred one stays where it is, free for a later agenda); for
the steering committee each acknowledged approval certifies its area and the proposal
becomes certified. If one handler refuses, nothing is released. Proponents are notified
in their language by the owners' services, after commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.committee import subjects
from smartcity.committee.enums import CommitteeKind, MeetingStatus, Outcome, ResolutionStatus
from smartcity.committee.models import Meeting, Resolution
from smartcity.committee.services.meetings import MeetingError, transition_meeting
from smartcity.core import audit, versions


def unresolved_items(meeting: Meeting):
    """Items about a subject that have no resolution yet: release waits for them."""
    return meeting.items.exclude(subject_kind="").filter(resolution__isnull=True)


def _reference(meeting: Meeting) -> dict:
    """The meeting as the proposal's timeline names it, in each reader's language."""
    committee = meeting.committee
    return {
        "meeting": {
            "committee_th": committee.name_th,
            "committee_en": committee.name_en,
            "number": meeting.number,
            "year_be": meeting.year_be,
        }
    }


def _note(resolution: Resolution) -> str:
    return resolution.conditions or resolution.reasons


@transaction.atomic
def release_results(*, meeting: Meeting, by) -> int:
    """Release every pending resolution of a closed meeting. All or nothing: if one
    subject's handler refuses (someone withdrew the proposal meanwhile, its area is
    already certified), nothing is released, the meeting stays closed and the
    MeetingError names the item and the subject.

    Side effects, in order: information items without a resolution are noted; per item
    in agenda order, its kind's release handler (for a proposal: moved through the
    proposals' state service; for an acknowledged approval: the area certified, then the
    proposal certified; timeline, audit, notification after commit); resolutions
    released; the meeting released; for the steering committee, the registry's version
    bumped (its announcement becomes public); an audit row. Returns the number released."""
    current = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    if current.status != MeetingStatus.CLOSED:
        raise MeetingError(_("Close the meeting before releasing its results."))
    missing = list(unresolved_items(current).values_list("position", flat=True))
    if missing:
        raise MeetingError(
            _("Items %(items)s have no resolution yet.")
            % {"items": ", ".join(str(n) for n in missing)}
        )
    # Information items (about no subject) are simply noted.
    for item in current.items.filter(subject_kind="", resolution__isnull=True):
        Resolution.objects.create(item=item, outcome=Outcome.NOTED, recorded_by=by)
    resolutions = list(
        Resolution.objects.filter(item__meeting=current, status=ResolutionStatus.PENDING)
        .select_related("item")
        .order_by("item__position")
    )
    subjects.attach(resolution.item for resolution in resolutions)
    now = timezone.now()
    for resolution in resolutions:
        if resolution.item.subject_kind:
            _release_one(current, resolution, by)
        resolution.status = ResolutionStatus.RELEASED
        resolution.released_at = now
        resolution.save(update_fields=["status", "released_at", "updated_at"])
    transition_meeting(meeting=current, to_status=MeetingStatus.RELEASED, by=by, releasing=True)
    current.released_at, current.released_by = now, by
    current.save(update_fields=["released_at", "released_by"])
    if current.committee.kind == CommitteeKind.STEERING:
        versions.bump(versions.REGISTRY)
    audit.record(
        action="committee.meeting.results_released",
        by=by,
        target=current,
        after={
            "resolutions": len(resolutions),
            "outcomes": {str(r.item.position): r.outcome for r in resolutions},
        },
    )
    meeting.status = current.status
    return len(resolutions)


def _release_one(meeting: Meeting, resolution: Resolution, by) -> None:
    """Hand one resolution to its subject kind's release handler. A refusal the kind
    declares (the proposal was withdrawn or moved meanwhile, its area is already
    certified) becomes a MeetingError naming the item and the subject, which rolls back
    the whole release."""
    item = resolution.item
    kind = subjects.get(item.subject_kind)
    subject = item.subject
    if subject is None:
        raise MeetingError(
            _("Nothing was released. Item %(item)s: its subject no longer exists.")
            % {"item": item.position}
        )
    try:
        kind.release(
            subject=subject,
            resolution=resolution,
            meeting=meeting,
            note=_note(resolution),
            reference=_reference(meeting),
            by=by,
        )
    except kind.refused as error:
        raise MeetingError(
            _("Nothing was released. Item %(item)s (%(proposal)s): %(error)s")
            % {
                "item": item.position,
                "proposal": subject.name_th or subject.name_en,
                "error": error,
            }
        ) from error
