"""Resolutions: the outcomes an item may take, the vote, and recording the meeting's
resolution on an item, pending release (services.release)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from smartcity.committee import subjects
from smartcity.committee.enums import (
    MeetingStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.committee.models import (
    AgendaItem,
    Resolution,
)
from smartcity.committee.quorum import ItemQuorum, item_quorum, quorum
from smartcity.committee.services.meetings import MeetingError, locked_meeting
from smartcity.committee.subjects import Subject
from smartcity.core import audit


def outcomes_for(item: AgendaItem) -> list[str]:
    """The outcomes a meeting may resolve on `item`: its subject kind's, or "noted" for a
    matter for information."""
    if not item.subject_kind:
        return [Outcome.NOTED]
    return list(subjects.get(item.subject_kind).outcomes)


def subject_of(item: AgendaItem) -> Subject | None:
    """The item's subject as its owner describes it (read once per item)."""
    if not hasattr(item, "subject"):
        subjects.attach([item])
    return item.subject


@dataclass(frozen=True)
class Vote:
    """How the members counted in an item's quorum voted on it."""

    for_: int
    against: int
    abstaining: int

    @property
    def total(self) -> int:
        return self.for_ + self.against + self.abstaining


def _check_vote(vote: Vote | None, item_quorum: ItemQuorum) -> None:
    if vote is None:
        return
    if min(vote.for_, vote.against, vote.abstaining) < 0:
        raise MeetingError(_("The numbers of votes cannot be negative."))
    if vote.total == 0:
        raise MeetingError(
            _(
                "A vote needs at least one member voting; leave the three numbers empty if the committee did not vote."
            )
        )
    if vote.total > item_quorum.counted:
        raise MeetingError(
            _(
                "The vote counts %(total)s members, but only %(counted)s are present and not "
                "recused from this item."
            )
            % {"total": vote.total, "counted": item_quorum.counted}
        )


@transaction.atomic
def record_resolution(
    *,
    item: AgendaItem,
    outcome: str,
    by,
    domains: list[str] | None = None,
    conditions: str = "",
    reasons: str = "",
    vote: Vote | None = None,
) -> Resolution:
    """Record (or correct) the meeting's resolution on `item`, pending release.

    The meeting must have its quorum, and so must the item: the members present and not
    recused from it (item_quorum). Approve names the domains approved (the logo is granted
    per domain), among those the proposal covers; approval in principle names the
    conditions to revise; rejection its reasons. The steering committee acknowledges the
    domains the sub-committee approved. `vote`, when the committee voted, counts at most
    the members of the item's quorum; without it the resolution is by consensus.
    Side effects: the resolution saved as pending; an audit row with before and after."""
    meeting = locked_meeting(item.meeting)
    if meeting.status not in MeetingStatus.resolving():
        raise MeetingError(_("Resolutions are recorded while the meeting is in session."))
    attendees = list(meeting.attendees.all())
    if not quorum(meeting, attendees).reached:
        raise MeetingError(_("The meeting has no quorum: record who is present first."))
    item = (
        AgendaItem.objects.select_for_update().select_related("meeting__committee").get(pk=item.pk)
    )
    if outcome not in outcomes_for(item):
        raise MeetingError(_("This outcome does not apply to this item."))
    own = item_quorum(item, attendees)
    if not own.reached:
        raise MeetingError(
            _(
                "Item %(n)s has no quorum of its own: %(counted)s members present and not "
                "recused, %(required)s required. A member recused from an item does not "
                "count towards its quorum."
            )
            % {"n": item.position, "counted": own.counted, "required": own.required}
        )
    _check_vote(vote, own)
    domains = list(dict.fromkeys(domains or []))
    conditions, reasons = (conditions or "").strip(), (reasons or "").strip()
    subject = subject_of(item)
    if outcome == Outcome.APPROVE:
        allowed = subject.domains
        if not domains:
            raise MeetingError(_("Choose at least one domain to approve."))
        outside = [d for d in domains if d not in allowed]
        if outside:
            raise MeetingError(_("Only the domains the proposal covers can be approved."))
        domains = [d for d in allowed if d in domains]
    elif outcome == Outcome.ACKNOWLEDGE:
        domains = list(subject.domains)
    else:
        domains = []
    if outcome == Outcome.APPROVE_IN_PRINCIPLE and not conditions:
        raise MeetingError(_("Write the conditions the proponent must revise."))
    if outcome == Outcome.REJECT and not reasons:
        raise MeetingError(_("Write the reasons for not approving."))
    fields = [
        "outcome",
        "approved_domains",
        "conditions",
        "reasons",
        "votes_for",
        "votes_against",
        "votes_abstaining",
    ]
    existing = Resolution.objects.filter(item=item).first()
    before = audit.snapshot(existing, fields) if existing else None
    resolution = existing or Resolution(item=item)
    if resolution.status == ResolutionStatus.RELEASED:
        raise MeetingError(_("This resolution is released; it cannot change."))
    resolution.outcome = outcome
    resolution.approved_domains = domains
    resolution.conditions = conditions if outcome == Outcome.APPROVE_IN_PRINCIPLE else ""
    resolution.reasons = reasons
    resolution.votes_for = vote.for_ if vote else None
    resolution.votes_against = vote.against if vote else None
    resolution.votes_abstaining = vote.abstaining if vote else None
    resolution.recorded_by = by
    resolution.save()
    audit.record(
        action="committee.resolution.recorded",
        by=by,
        target=meeting,
        before=before,
        after={"item": item.pk, **audit.snapshot(resolution, fields)},
    )
    return resolution
