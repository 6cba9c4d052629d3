"""The release of a meeting's resolutions: all together, by the secretariat.

For the sub-committee, each proposal moves through the proposals' state service
(approved, revising, not approved; a deferred one stays where it is, free for a later
agenda). For the steering committee, each acknowledged approval certifies its area and
the proposal becomes certified. Proponents are notified in their language by the
proposals' state service, after commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.certification.services import CertificationError, certify
from smartcity.committee.enums import (
    CommitteeKind,
    MeetingStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.committee.models import Meeting, Resolution
from smartcity.committee.services_meetings import (
    MeetingError,
    transition_meeting,
)
from smartcity.core import audit
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.services import ProposalError, transition_proposal

# The sub-committee's outcomes and the proposal state each leads to.
PROPOSAL_STATE_AFTER = {
    Outcome.APPROVE: ProposalState.APPROVED,
    Outcome.APPROVE_IN_PRINCIPLE: ProposalState.REVISING,
    Outcome.REJECT: ProposalState.REJECTED,
}


def unresolved_items(meeting: Meeting):
    """Items about a proposal that have no resolution yet: release waits for them."""
    return meeting.items.filter(proposal__isnull=False, resolution__isnull=True)


def _note(meeting: Meeting, resolution: Resolution) -> str:
    text = resolution.conditions or resolution.reasons
    reference = f"{meeting.committee.name_th} ครั้งที่ {meeting.reference}"
    return f"{reference}\n{text}" if text else reference


@transaction.atomic
def release_results(*, meeting: Meeting, by) -> int:
    """Release every pending resolution of a closed meeting. All or nothing: if one
    proposal cannot move (someone withdrew it meanwhile), nothing is released, the
    meeting stays closed and the MeetingError names the item and the proposal.

    Side effects, in order: information items without a resolution are noted; per item,
    the area certified (steering committee) and the proposal moved through the
    proposals' state service (timeline, audit, notification after commit); resolutions
    released; the meeting released; an audit row. Returns the number released."""
    current = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    if current.status != MeetingStatus.CLOSED:
        raise MeetingError(_("Close the meeting before releasing its results."))
    missing = list(unresolved_items(current).values_list("position", flat=True))
    if missing:
        raise MeetingError(
            _("Items %(items)s have no resolution yet.")
            % {"items": ", ".join(str(n) for n in missing)}
        )
    # Information items without a proposal are simply noted.
    for item in current.items.filter(proposal__isnull=True, resolution__isnull=True):
        Resolution.objects.create(item=item, outcome=Outcome.NOTED, recorded_by=by)
    resolutions = list(
        Resolution.objects.filter(item__meeting=current, status=ResolutionStatus.PENDING)
        .select_related("item__proposal__organisation", "item__subject_resolution__item__meeting")
        .order_by("item__position")
    )
    steering = current.committee.kind == CommitteeKind.STEERING
    now = timezone.now()
    for resolution in resolutions:
        proposal = resolution.item.proposal
        if proposal is not None:
            _move(current, resolution, proposal, steering, by)
        resolution.status = ResolutionStatus.RELEASED
        resolution.released_at = now
        resolution.save(update_fields=["status", "released_at", "updated_at"])
    transition_meeting(meeting=current, to_status=MeetingStatus.RELEASED, by=by, releasing=True)
    current.released_at, current.released_by = now, by
    current.save(update_fields=["released_at", "released_by"])
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


def _move(meeting: Meeting, resolution: Resolution, proposal, steering: bool, by) -> None:
    """Act on one resolution being released. A refusal (the proposal was withdrawn or
    moved meanwhile, its area is already certified) becomes a MeetingError naming the
    item and the proposal, which rolls back the whole release."""
    try:
        if steering and resolution.outcome == Outcome.ACKNOWLEDGE:
            subject = resolution.item.subject_resolution
            certify(
                proposal=proposal,
                domains=subject.approved_domains,
                approving_meeting=subject.item.meeting,
                acknowledging_meeting=meeting,
                by=by,
            )
            transition_proposal(
                proposal=proposal,
                to_state=ProposalState.CERTIFIED,
                by=by,
                note=_note(meeting, resolution),
            )
        elif not steering and resolution.outcome in PROPOSAL_STATE_AFTER:
            transition_proposal(
                proposal=proposal,
                to_state=PROPOSAL_STATE_AFTER[resolution.outcome],
                by=by,
                note=_note(meeting, resolution),
            )
    except (ProposalError, CertificationError) as error:
        raise MeetingError(
            _("Nothing was released. Item %(item)s (%(proposal)s): %(error)s")
            % {
                "item": resolution.item.position,
                "proposal": proposal.name_th or proposal.name_en,
                "error": error,
            }
        ) from error
