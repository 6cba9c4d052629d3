"""What waits for a person, one section per role they hold.

Nothing here decides who may see what: each role is the owning app's predicate, and each
list starts from the owning app's selector for that viewer, so a conflicted reviewer's
proposals and a recused member's items never reach this page. A fixed number of queries
whatever the size: each list is one bounded query and one count."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from smartcity.accounts.rules import is_secretariat
from smartcity.accounts.selectors import memberships_of
from smartcity.committee import selectors as committee
from smartcity.committee.enums import MeetingStatus, MinutesStatus
from smartcity.committee.rules import is_committee_member
from smartcity.proposals import selectors as proposals
from smartcity.proposals.enums import ProposalState
from smartcity.reviews import selectors as reviews
from smartcity.reviews.enums import ReviewState
from smartcity.reviews.labels import dossier_label
from smartcity.reviews.rules import is_reviewer

# Each list shows its first rows and links to the full page for the rest.
LIMIT = 10


@dataclass
class Rows:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _rows(queryset: QuerySet) -> Rows:
    return Rows(list(queryset[:LIMIT]), queryset.count())


@dataclass
class SecretariatWork:
    screening: Rows
    overdue_returns: Rows
    evaluation: Rows
    meetings: Rows
    to_release: Rows


@dataclass
class ReviewerWork:
    assignments: Rows


@dataclass
class CommitteeWork:
    meetings: Rows
    minutes: Rows


@dataclass
class ApplicantWork:
    asked: Rows
    proposals: Rows


@dataclass
class Work:
    secretariat: SecretariatWork | None = None
    reviewer: ReviewerWork | None = None
    committee: CommitteeWork | None = None
    applicant: ApplicantWork | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.secretariat or self.reviewer or self.committee or self.applicant)


def _upcoming(meetings: QuerySet, today: dt.date) -> QuerySet:
    """Meetings still to be held (or sitting now), soonest first."""
    return meetings.filter(
        Q(status=MeetingStatus.IN_SESSION) | Q(status=MeetingStatus.SCHEDULED, held_on__gte=today)
    ).order_by("held_on", "starts_at_time", "pk")


def secretariat_work(today: dt.date) -> SecretariatWork:
    returned = proposals.screening_queue({"state": ProposalState.RETURNED})
    meetings = committee.meetings_for_secretariat()
    return SecretariatWork(
        screening=_rows(proposals.screening_queue({})),
        overdue_returns=_rows(
            returned.filter(information_due_on__lt=today).order_by("information_due_on", "pk")
        ),
        evaluation=_rows(reviews.awaiting_completion()),
        meetings=_rows(_upcoming(meetings, today)),
        to_release=_rows(meetings.filter(status=MeetingStatus.CLOSED).order_by("held_on", "pk")),
    )


def reviewer_work(reviewer, today: dt.date) -> ReviewerWork:
    assignments = _rows(
        reviews.assignments_for_reviewer(reviewer).exclude(review__state=ReviewState.SUBMITTED)
    )
    for assignment in assignments.rows:
        assignment.label = dossier_label(assignment, hide_identity=assignment.phase.blind)
        assignment.overdue = assignment.due_on < today
    return ReviewerWork(assignments=assignments)


def committee_work(user, today: dt.date) -> CommitteeWork:
    mine = committee.meetings_for_member(user)
    meetings = _rows(_upcoming(mine, today))
    items: dict[int, list] = {}
    for item in committee.visible_items_of(meetings.rows, user):
        items.setdefault(item.meeting_id, []).append(item)
    for meeting in meetings.rows:
        meeting.visible_items = items.get(meeting.pk, [])
    minutes = _rows(
        mine.filter(minutes__status=MinutesStatus.CIRCULATED).order_by("-held_on", "-pk")
    )
    return CommitteeWork(meetings=meetings, minutes=minutes)


def applicant_work(user) -> ApplicantWork:
    mine = proposals.proposals_for_member(user)
    return ApplicantWork(
        asked=_rows(
            mine.filter(state__in=ProposalState.asked_of_proponent()).order_by(
                F("information_due_on").asc(nulls_last=True), "-updated_at", "pk"
            )
        ),
        proposals=_rows(mine),
    )


def work_for(user, *, today: dt.date) -> Work:
    """A section for each role `user` holds (a person may hold several): the secretariat,
    reviewer, committee member, proponent; None for a role they do not hold."""
    work = Work()
    if is_secretariat(user):
        work.secretariat = secretariat_work(today)
    if is_reviewer(user):
        work.reviewer = reviewer_work(user.reviewer, today)
    if is_committee_member(user):
        work.committee = committee_work(user, today)
    if memberships_of(user).exists():
        work.applicant = applicant_work(user)
    return work
