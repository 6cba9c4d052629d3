"""The agenda and its recusals: what may go on it, adding, moving and removing items,
and recusing the members who take no part in an item. An item's subject is described by
the app that owns its kind (committee.subjects)."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from smartcity.committee import subjects
from smartcity.committee.enums import (
    ItemKind,
    MeetingStatus,
)
from smartcity.committee.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Meeting,
    Recusal,
    Resolution,
)
from smartcity.committee.services.meetings import MeetingError, locked_meeting
from smartcity.committee.subjects import Subject, SubjectKind
from smartcity.core import audit


def _agenda_locked(meeting: Meeting) -> Meeting:
    current = locked_meeting(meeting)
    if current.status not in MeetingStatus.editable():
        raise MeetingError(_("The agenda of a closed meeting cannot change."))
    return current


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1


def _busy_ids(kind: str, committee: Committee):
    """The subjects of `kind` on an agenda of `committee` that is not yet released."""
    return AgendaItem.objects.filter(
        subject_kind=kind,
        meeting__committee=committee,
        meeting__status__in=MeetingStatus.in_progress(),
    ).values_list("subject_id", flat=True)


def eligible_subjects(meeting: Meeting) -> list[Subject]:
    """What may be put on this meeting's agenda, as each kind the committee takes says
    (today: evaluated or revised proposals for the sub-committee; for the steering
    committee, proposals whose approval by the sub-committee is released). Never a
    subject already on an agenda of the same committee that is not yet released."""
    found: list[Subject] = []
    for kind in subjects.for_committee(meeting.committee.kind):
        busy = set(_busy_ids(kind.code, meeting.committee))
        ids = [pk for pk in kind.eligible(meeting=meeting) if pk not in busy]
        loaded = kind.subjects(ids=ids)
        found += [loaded[pk] for pk in ids if pk in loaded]
    return found


def _recuse_automatically(item: AgendaItem, subject: Subject, kind: SubjectKind, by) -> None:
    """Recuse the members the kind's rule finds (for a proposal: members of the proponent
    organisation, and members with an undismissed conflict from its evaluation)."""
    reasons = kind.conflicts(subject=subject)
    if not reasons:
        return
    members = CommitteeMember.objects.filter(
        committee=item.meeting.committee, user_id__in=list(reasons)
    )
    for member in members:
        Recusal.objects.get_or_create(
            item=item,
            member=member,
            defaults={"reason": reasons[member.user_id], "automatic": True, "recorded_by": by},
        )


@transaction.atomic
def add_item(*, meeting: Meeting, kind: str, subject_id: int, by) -> AgendaItem:
    """Put a subject of a registered `kind` on the agenda (a proposal for the
    sub-committee to decide, an approval for the steering committee to acknowledge).
    Members the kind's recusal rule finds are recused at once. Side effects: the item,
    recusals, an audit row."""
    current = _agenda_locked(meeting)
    entry = subjects.get(kind)
    if entry.committee != current.committee.kind:
        raise MeetingError(_("This committee's agenda does not take this kind of subject."))
    if entry.lock is not None:
        entry.lock(subject_id=subject_id)
    if subject_id in set(_busy_ids(kind, current.committee)):
        busy = (
            AgendaItem.objects.filter(
                subject_kind=kind,
                subject_id=subject_id,
                meeting__committee=current.committee,
                meeting__status__in=MeetingStatus.in_progress(),
            )
            .select_related("meeting")
            .first()
        )
        raise MeetingError(entry.already_on_agenda % {"ref": busy.meeting.reference})
    if subject_id not in set(entry.eligible(meeting=current)):
        raise MeetingError(entry.refusal(subject_id=subject_id))
    subject = entry.subjects(ids=[subject_id])[subject_id]
    item = AgendaItem.objects.create(
        meeting=current,
        position=_next_position(current),
        kind=entry.item_kind,
        subject_kind=kind,
        subject_id=subject_id,
        title_th=subject.title_th[:500],
        title_en=subject.title_en[:500],
        created_by=by,
    )
    _recuse_automatically(item, subject, entry, by)
    audit.record(
        action="committee.agenda.item_added",
        by=by,
        target=current,
        after={
            "item": item.pk,
            "subject_kind": kind,
            "subject": subject_id,
            "position": item.position,
        },
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
        before={
            "item": item.pk,
            "title": item.title_th,
            "subject_kind": item.subject_kind,
            "subject": item.subject_id,
        },
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
    if locked_meeting(item.meeting).status in MeetingStatus.over():
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
