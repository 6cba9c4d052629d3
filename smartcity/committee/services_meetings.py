"""Writes for meetings: scheduling with automatic numbers, attendance and quorum, the
agenda and recusals, resolutions, and minutes. The release of a meeting's resolutions,
which moves proposals and certifies areas, is in release.py."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.accounts.models import Membership
from smartcity.committee.enums import (
    Attendance,
    CommitteeKind,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.committee.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Meeting,
    MeetingAttendee,
    Minutes,
    Recusal,
    Resolution,
)
from smartcity.core import audit
from smartcity.core.dates import be_year
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.reviews import selectors as reviews


class MeetingError(Exception):
    """A meeting action that cannot be done; the message is for the person acting."""


# --------------------------------------------------------------------------------------
# Meetings and their status
# --------------------------------------------------------------------------------------

M = MeetingStatus
# (from, to) -> verb. RELEASED is reached only through release.release_results.
MEETING_TRANSITIONS: dict[tuple[str, str], str] = {
    (M.SCHEDULED, M.IN_SESSION): "open",
    (M.SCHEDULED, M.CANCELLED): "cancel",
    (M.IN_SESSION, M.CLOSED): "close",
    (M.CLOSED, M.IN_SESSION): "reopen",
    (M.CLOSED, M.RELEASED): "release",
}
# While a meeting is in these states its agenda holds its proposals.
OPEN_STATES = {M.SCHEDULED, M.IN_SESSION, M.CLOSED}
AGENDA_EDITABLE = {M.SCHEDULED, M.IN_SESSION}
RESOLUTIONS_EDITABLE = {M.IN_SESSION, M.CLOSED}


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _status_label(status: str) -> str:
    return str(MeetingStatus(status).label) if status in MeetingStatus.values else status


def transition_meeting(
    *, meeting: Meeting, to_status: str, by, note: str = "", releasing: bool = False
) -> Meeting:
    """Move a meeting to `to_status` if the table allows it. Must run in a transaction.
    Closing needs the quorum; "released" is reached only through release_results, which
    passes `releasing=True` once it has moved every proposal. Side effects: row locked
    and re-read, status saved, audit."""
    current = _locked_meeting(meeting)
    if to_status == M.RELEASED and not releasing:
        raise MeetingError(_("A meeting becomes “released” only by releasing its results."))
    if (current.status, to_status) not in MEETING_TRANSITIONS:
        raise MeetingError(
            _("A meeting that is “%(status)s” cannot become “%(target)s”.")
            % {"status": current.get_status_display(), "target": _status_label(to_status)}
        )
    if to_status == M.CLOSED and not quorum(current).reached:
        raise MeetingError(_("The meeting has no quorum: record who is present first."))
    previous = current.status
    current.status = to_status
    current.save(update_fields=["status"])
    audit.record(
        action=f"committee.meeting.{MEETING_TRANSITIONS[(previous, to_status)]}",
        by=by,
        target=current,
        before={"status": previous},
        after={"status": to_status},
        note=note,
    )
    meeting.status = to_status
    return current


@transaction.atomic
def open_meeting(*, meeting: Meeting, by) -> Meeting:
    return transition_meeting(meeting=meeting, to_status=M.IN_SESSION, by=by)


@transaction.atomic
def close_meeting(*, meeting: Meeting, by) -> Meeting:
    return transition_meeting(meeting=meeting, to_status=M.CLOSED, by=by)


@transaction.atomic
def reopen_meeting(*, meeting: Meeting, by) -> Meeting:
    return transition_meeting(meeting=meeting, to_status=M.IN_SESSION, by=by)


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, reason: str, by) -> Meeting:
    if not (reason or "").strip():
        raise MeetingError(_("Give the reason for cancelling."))
    return transition_meeting(meeting=meeting, to_status=M.CANCELLED, by=by, note=reason.strip())


def serving_members(committee: Committee, on: dt.date):
    return (
        CommitteeMember.objects.filter(committee=committee, term_starts_on__lte=on)
        .filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=on))
        .select_related("user")
    )


def _check_place(place: str, online_link: str) -> None:
    if not place.strip() and not online_link.strip():
        raise MeetingError(_("Give the place or the online meeting link."))
    if online_link.strip():
        try:
            URLValidator(schemes=["http", "https"])(online_link.strip())
        except ValidationError:
            raise MeetingError(
                _("The online meeting link must be a web address (https://…).")
            ) from None


@transaction.atomic
def schedule_meeting(
    *,
    committee: Committee,
    held_on: dt.date,
    by,
    starts_at_time: dt.time | None = None,
    place: str = "",
    online_link: str = "",
) -> Meeting:
    """Schedule the committee's next meeting of the Buddhist-era year of `held_on`.

    The number is the year's highest plus one, taken under a lock on the committee row:
    two officers scheduling at once get consecutive numbers, never the same one, and no
    number is skipped (a cancelled meeting keeps its number). Every member serving on
    that day is invited. Side effects: the meeting, its invitations, an audit row."""
    _check_place(place, online_link)
    Committee.objects.select_for_update().get(pk=committee.pk)
    year_be = be_year(held_on.year)
    last = Meeting.objects.filter(committee=committee, year_be=year_be).aggregate(
        last=Max("number")
    )["last"]
    meeting = Meeting.objects.create(
        committee=committee,
        number=(last or 0) + 1,
        year_be=year_be,
        held_on=held_on,
        starts_at_time=starts_at_time,
        place=place.strip(),
        online_link=online_link.strip(),
        status=M.SCHEDULED,
        created_by=by,
    )
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=meeting, member=member)
        for member in serving_members(committee, held_on)
    )
    audit.record(
        action="committee.meeting.scheduled",
        by=by,
        target=meeting,
        after=audit.snapshot(meeting, ["number", "year_be", "held_on", "place", "online_link"]),
    )
    return meeting


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, held_on: dt.date, by, starts_at_time=None, place="", online_link=""
) -> Meeting:
    """Change a scheduled meeting's date, time, place or link. The number stays: a new
    date in another B.E. year needs a new meeting."""
    current = _locked_meeting(meeting)
    if current.status != M.SCHEDULED:
        raise MeetingError(_("Only a scheduled meeting can be rearranged."))
    if be_year(held_on.year) != current.year_be:
        raise MeetingError(
            _("Meeting %(ref)s belongs to B.E. %(year)s; cancel it and schedule a new one.")
            % {"ref": current.reference, "year": current.year_be}
        )
    _check_place(place, online_link)
    fields = ["held_on", "starts_at_time", "place", "online_link"]
    before = audit.snapshot(current, fields)
    current.held_on, current.starts_at_time = held_on, starts_at_time
    current.place, current.online_link = place.strip(), online_link.strip()
    current.save(update_fields=fields)
    audit.record(
        action="committee.meeting.updated",
        by=by,
        target=current,
        before=before,
        after=audit.snapshot(current, fields),
    )
    return current


# --------------------------------------------------------------------------------------
# Attendance and quorum
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    invited: int
    present: int
    required: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required


def quorum(meeting: Meeting, attendees: list[MeetingAttendee] | None = None) -> Quorum:
    """Members present (in the room or online) against the committee's rule, counted
    over the members invited (those serving on the meeting's day). `attendees`: the
    meeting's rows when the caller has them already."""
    rows = list(meeting.attendees.all()) if attendees is None else attendees
    present = sum(1 for row in rows if row.is_present)
    return Quorum(len(rows), present, meeting.committee.quorum_for(len(rows)))


@dataclass(frozen=True)
class ItemQuorum:
    """The quorum of one agenda item. Thai meeting practice: a member with an interest
    in an item takes no part in it and is not counted in its quorum, so the members
    counted are those present minus those present who are recused from the item, against
    the same requirement as the meeting's."""

    present: int
    recused: int  # present, and recused from the item
    required: int

    @property
    def counted(self) -> int:
        return self.present - self.recused

    @property
    def reached(self) -> bool:
        return self.counted >= self.required


def item_quorum(item: AgendaItem, attendees: list[MeetingAttendee] | None = None) -> ItemQuorum:
    """The quorum of `item` (see ItemQuorum). Reads the item's recusals (prefetched or
    not) and the meeting's attendees (`attendees` when the caller has them)."""
    rows = list(item.meeting.attendees.all()) if attendees is None else attendees
    present = {row.member_id for row in rows if row.is_present}
    recused = {recusal.member_id for recusal in item.recusals.all()} & present
    required = item.meeting.committee.quorum_for(len(rows))
    return ItemQuorum(present=len(present), recused=len(recused), required=required)


@transaction.atomic
def record_attendance(*, meeting: Meeting, attendance: dict[int, str], by) -> Quorum:
    """Record who attended: `attendance` maps attendee ids to Attendance values."""
    current = _locked_meeting(meeting)
    if current.status not in {M.SCHEDULED, M.IN_SESSION}:
        raise MeetingError(_("Attendance can be recorded until the meeting closes."))
    rows = {a.pk: a for a in current.attendees.all()}
    changed = {}
    for pk, value in attendance.items():
        row = rows.get(pk)
        if row is None or value not in Attendance.values:
            raise MeetingError(_("Unknown member or attendance."))
        if row.attendance != value:
            changed[str(row.member_id)] = [row.attendance, value]
            row.attendance = value
            row.save(update_fields=["attendance"])
    if changed:
        audit.record(action="committee.meeting.attendance", by=by, target=current, after=changed)
    return quorum(current)


@transaction.atomic
def invite_member(*, meeting: Meeting, member: CommitteeMember, by) -> MeetingAttendee:
    if member.committee_id != meeting.committee_id:
        raise MeetingError(_("This person does not sit on this committee."))
    row, created = MeetingAttendee.objects.get_or_create(meeting=meeting, member=member)
    if created:
        audit.record(
            action="committee.meeting.invited", by=by, target=meeting, after={"member": member.pk}
        )
    return row


# --------------------------------------------------------------------------------------
# Agenda and recusals
# --------------------------------------------------------------------------------------


def _agenda_locked(meeting: Meeting) -> Meeting:
    current = _locked_meeting(meeting)
    if current.status not in AGENDA_EDITABLE:
        raise MeetingError(_("The agenda of a closed meeting cannot change."))
    return current


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1


def _on_open_agenda(proposal: Proposal, committee: Committee) -> Meeting | None:
    item = (
        AgendaItem.objects.filter(
            proposal=proposal, meeting__committee=committee, meeting__status__in=OPEN_STATES
        )
        .select_related("meeting")
        .first()
    )
    return item.meeting if item else None


def eligible_proposals(meeting: Meeting):
    """What may be put on this meeting's agenda: for the sub-committee, evaluated or
    revised proposals; for the steering committee, proposals the sub-committee approved.
    Never one already on an agenda of the same committee that is not yet released."""
    proposals = Proposal.objects.all()
    if meeting.committee.kind == CommitteeKind.SUB_COMMITTEE:
        proposals = proposals.filter(state__in=[ProposalState.EVALUATED, ProposalState.REVISED])
    else:
        # Approved, and the approval is released (an approval imported or typed in by
        # hand without a released resolution has nothing for the committee to acknowledge).
        released_approval = Resolution.objects.filter(
            item__proposal=OuterRef("pk"),
            item__meeting__committee__kind=CommitteeKind.SUB_COMMITTEE,
            outcome=Outcome.APPROVE,
            status=ResolutionStatus.RELEASED,
        )
        proposals = proposals.filter(state=ProposalState.APPROVED).filter(Exists(released_approval))
    busy = AgendaItem.objects.filter(
        meeting__committee=meeting.committee, meeting__status__in=OPEN_STATES
    ).values("proposal_id")
    return (
        proposals.exclude(pk__in=busy.exclude(proposal_id__isnull=True))
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )


def approval_of(proposal: Proposal) -> Resolution | None:
    """The sub-committee's released approval of `proposal` (the latest)."""
    return (
        Resolution.objects.filter(
            item__proposal=proposal,
            item__meeting__committee__kind=CommitteeKind.SUB_COMMITTEE,
            outcome=Outcome.APPROVE,
            status=ResolutionStatus.RELEASED,
        )
        .select_related("item__meeting")
        .order_by("-released_at", "-pk")
        .first()
    )


def _conflicted_members(meeting: Meeting, proposal: Proposal) -> list[tuple[CommitteeMember, str]]:
    """Members of the meeting's committee with a conflict on `proposal`: they belong to
    the proponent organisation, or they have an undismissed conflict as its reviewer."""
    members = CommitteeMember.objects.filter(committee=meeting.committee).select_related("user")
    of_proponent = set(
        Membership.objects.filter(organisation=proposal.organisation).values_list(
            "user_id", flat=True
        )
    )
    declared = reviews.active_conflict_user_ids("proposal", proposal.pk)
    found = []
    for member in members:
        if member.user_id in of_proponent:
            found.append((member, _("Member of the proponent organisation")))
        elif member.user_id in declared:
            found.append((member, _("Conflict of interest recorded in the evaluation")))
    return found


def _recuse_automatically(item: AgendaItem, by) -> None:
    for member, reason in _conflicted_members(item.meeting, item.proposal):
        Recusal.objects.get_or_create(
            item=item,
            member=member,
            defaults={"reason": reason, "automatic": True, "recorded_by": by},
        )


@transaction.atomic
def add_proposal_item(*, meeting: Meeting, proposal: Proposal, by) -> AgendaItem:
    """Put a proposal on the agenda: for the sub-committee to decide, or for the steering
    committee to acknowledge the sub-committee's approval. Members with a conflict are
    recused at once. Side effects: the item, recusals, an audit row."""
    current = _agenda_locked(meeting)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    steering = current.committee.kind == CommitteeKind.STEERING
    if not eligible_proposals(current).filter(pk=proposal.pk).exists():
        busy = _on_open_agenda(proposal, current.committee)
        if busy:
            raise MeetingError(
                _("This proposal is already on the agenda of meeting %(ref)s.")
                % {"ref": busy.reference}
            )
        if steering and proposal.state == ProposalState.APPROVED:
            raise MeetingError(_("The sub-committee's approval of this proposal is not released."))
        raise MeetingError(
            _("A proposal that is “%(state)s” cannot go on this committee's agenda.")
            % {"state": proposal.get_state_display()}
        )
    subject = approval_of(proposal) if steering else None
    name_th = proposal.name_th or proposal.name_en
    name_en = proposal.name_en or proposal.name_th
    if steering:
        title_th = f"รับทราบผลการพิจารณาของคณะอนุกรรมการฯ: {name_th}"
        title_en = f"Acknowledge the sub-committee's approval: {name_en}"
    else:
        title_th = f"พิจารณาข้อเสนอพื้นที่เมืองอัจฉริยะ: {name_th}"
        title_en = f"Proposal for decision: {name_en}"
    item = AgendaItem.objects.create(
        meeting=current,
        position=_next_position(current),
        kind=ItemKind.FOR_INFORMATION if steering else ItemKind.FOR_DECISION,
        proposal=proposal,
        subject_resolution=subject,
        title_th=title_th[:500],
        title_en=title_en[:500],
        created_by=by,
    )
    _recuse_automatically(item, by)
    audit.record(
        action="committee.agenda.item_added",
        by=by,
        target=current,
        after={"item": item.pk, "proposal": proposal.pk, "position": item.position},
    )
    return item


@transaction.atomic
def add_information_item(
    *, meeting: Meeting, title_th: str, by, title_en: str = "", background: str = ""
) -> AgendaItem:
    current = _agenda_locked(meeting)
    if not title_th.strip():
        raise MeetingError(_("Give the item's title in Thai."))
    item = AgendaItem.objects.create(
        meeting=current,
        position=_next_position(current),
        kind=ItemKind.FOR_INFORMATION,
        title_th=title_th.strip()[:500],
        title_en=title_en.strip()[:500],
        background=background.strip(),
        created_by=by,
    )
    audit.record(
        action="committee.agenda.item_added", by=by, target=current, after={"item": item.pk}
    )
    return item


@transaction.atomic
def remove_item(*, item: AgendaItem, by) -> None:
    """Take an item off the agenda (before it is resolved); later items move up."""
    current = _agenda_locked(item.meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if Resolution.objects.filter(item=item).exists():
        raise MeetingError(_("This item has a resolution; it stays on the agenda."))
    position = item.position
    audit.record(
        action="committee.agenda.item_removed",
        by=by,
        target=current,
        before={"item": item.pk, "title": item.title_th, "proposal": item.proposal_id},
    )
    item.delete()
    for later in current.items.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


@transaction.atomic
def move_item(*, item: AgendaItem, up: bool, by) -> None:
    current = _agenda_locked(item.meeting)
    items = list(current.items.select_for_update().order_by("position"))
    index = next((i for i, row in enumerate(items) if row.pk == item.pk), None)
    if index is None:
        raise MeetingError(_("This item is no longer on the agenda."))
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    a, b = items[index], items[other]
    # Positions are unique: pass through a free one.
    free = len(items) + 1
    a_pos, b_pos = a.position, b.position
    a.position = free
    a.save(update_fields=["position"])
    b.position = a_pos
    b.save(update_fields=["position"])
    a.position = b_pos
    a.save(update_fields=["position"])
    audit.record(
        action="committee.agenda.item_moved",
        by=by,
        target=current,
        after={"item": a.pk, "position": a.position},
    )


@transaction.atomic
def recuse_member(*, item: AgendaItem, member: CommitteeMember, reason: str, by) -> Recusal:
    """Record that `member` takes no part in `item` (declared, or found by the
    secretariat). The member is shown nothing of the item from then on."""
    if member.committee_id != item.meeting.committee_id:
        raise MeetingError(_("This person does not sit on this committee."))
    if not (reason or "").strip():
        raise MeetingError(_("Give the reason for the recusal."))
    if _locked_meeting(item.meeting).status in {M.RELEASED, M.CANCELLED}:
        raise MeetingError(_("The meeting is over."))
    recusal, created = Recusal.objects.get_or_create(
        item=item, member=member, defaults={"reason": reason.strip(), "recorded_by": by}
    )
    if created:
        audit.record(
            action="committee.agenda.recused",
            by=by,
            target=item.meeting,
            after={"item": item.pk, "member": member.pk},
            note=reason.strip(),
        )
    return recusal


# --------------------------------------------------------------------------------------
# Resolutions
# --------------------------------------------------------------------------------------


def outcomes_for(item: AgendaItem) -> list[str]:
    """The outcomes a meeting may resolve on `item`."""
    if item.proposal_id is None:
        return [Outcome.NOTED]
    if item.meeting.committee.kind == CommitteeKind.STEERING:
        return [Outcome.ACKNOWLEDGE, Outcome.DEFER]
    return [Outcome.APPROVE, Outcome.APPROVE_IN_PRINCIPLE, Outcome.REJECT, Outcome.DEFER]


def proposed_domains(proposal: Proposal) -> list[str]:
    """The domains the proposal's solutions cover, in the proposal's order."""
    seen: list[str] = []
    for domain in proposal.solutions.order_by("position").values_list("domain", flat=True):
        if domain not in seen:
            seen.append(domain)
    return seen


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
    meeting = _locked_meeting(item.meeting)
    if meeting.status not in RESOLUTIONS_EDITABLE:
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
    if outcome == Outcome.APPROVE:
        allowed = proposed_domains(item.proposal)
        if not domains:
            raise MeetingError(_("Choose at least one domain to approve."))
        outside = [d for d in domains if d not in allowed]
        if outside:
            raise MeetingError(_("Only the domains the proposal covers can be approved."))
        domains = [d for d in allowed if d in domains]
    elif outcome == Outcome.ACKNOWLEDGE:
        domains = list(item.subject_resolution.approved_domains)
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


# --------------------------------------------------------------------------------------
# Minutes
# --------------------------------------------------------------------------------------

MN = MinutesStatus
MINUTES_TRANSITIONS: dict[tuple[str, str], str] = {
    (MN.DRAFT, MN.CIRCULATED): "circulate",
    (MN.CIRCULATED, MN.DRAFT): "revise",
    (MN.CIRCULATED, MN.ADOPTED): "adopt",
}


@transaction.atomic
def draft_minutes(*, meeting: Meeting, by) -> Minutes:
    """Draft the minutes from the attendance, agenda and resolutions (Thai, the language
    of the record). Redrafting replaces a draft; circulated or adopted minutes stay."""
    from smartcity.committee.documents import minutes_text

    current = _locked_meeting(meeting)
    if current.status not in {M.CLOSED, M.RELEASED}:
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
    """Circulate, return to draft, or adopt (which locks them for good)."""
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
        action=f"committee.minutes.{verb}",
        by=by,
        target=current.meeting,
        before={"status": previous},
        after={"status": to_status},
    )
    minutes.status = to_status
    return current
