"""The agenda takes any subject an app registers: a throwaway kind whose subjects are a
dict goes on an agenda, gets a resolution, and its release handler runs inside the one
release transaction; a handler that refuses leaves nothing released."""

import pytest
from django.db import connection
from django.utils import translation

from smartcity.committee import subjects
from smartcity.committee.enums import (
    CommitteeKind,
    ItemKind,
    MeetingStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.committee.models import Resolution
from smartcity.committee.services.agenda import add_item, eligible_subjects
from smartcity.committee.services.meetings import MeetingError, close_meeting
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import outcomes_for, record_resolution
from smartcity.committee.subjects import Subject, SubjectKind
from tests.committee.factories import add_proposal_item, evaluated, meeting_in_session

NOMINATIONS = {7: "เชียงใหม่", 8: "ขอนแก่น"}


class Refused(Exception):
    """The fake owner's refusal."""


class FakeOwner:
    """An owning app in miniature: nominations kept in a dict, released by marking them."""

    def __init__(self, refuse: bool = False):
        self.refuse = refuse
        self.released: list[tuple[int, str, bool]] = []

    def subjects(self, *, ids):
        return {
            pk: Subject(
                kind="fake.nomination",
                id=pk,
                name_th=NOMINATIONS[pk],
                name_en=f"Nomination {pk}",
                title_th=f"พิจารณาการเสนอชื่อ: {NOMINATIONS[pk]}",
                title_en=f"Nomination for decision: {pk}",
            )
            for pk in ids
            if pk in NOMINATIONS
        }

    def release(self, *, subject, resolution, meeting, note, reference, by):
        if self.refuse:
            raise Refused("the nomination was withdrawn")
        # How deep in transactions the handler runs: inside release_results' own.
        self.released.append((subject.id, resolution.outcome, len(connection.atomic_blocks)))

    def kind(self) -> SubjectKind:
        return SubjectKind(
            code="fake.nomination",
            label="Nomination",
            committee=CommitteeKind.SUB_COMMITTEE,
            item_kind=ItemKind.FOR_DECISION,
            outcomes=(Outcome.APPROVE_IN_PRINCIPLE, Outcome.DEFER),
            subjects=self.subjects,
            eligible=lambda *, meeting: sorted(NOMINATIONS),
            refusal=lambda *, subject_id: "not a nomination",
            already_on_agenda="already on the agenda of %(ref)s",
            conflicts=lambda *, subject: {},
            release=self.release,
            refused=(Refused,),
        )


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


def registered(monkeypatch, owner: FakeOwner) -> FakeOwner:
    monkeypatch.setitem(subjects._kinds, "fake.nomination", owner.kind())
    return owner


def test_a_registered_kind_goes_on_the_agenda_and_its_handler_runs_at_release(monkeypatch, officer):
    owner = registered(monkeypatch, FakeOwner())
    meeting = meeting_in_session(officer)
    offered = [(s.kind, s.id) for s in eligible_subjects(meeting)]

    item = add_item(meeting=meeting, kind="fake.nomination", subject_id=8, by=officer)
    record_resolution(
        item=item, outcome=Outcome.APPROVE_IN_PRINCIPLE, conditions="ส่งเอกสารเพิ่ม", by=officer
    )
    close_meeting(meeting=meeting, by=officer)
    released = release_results(meeting=meeting, by=officer)

    assert offered == [("fake.nomination", 7), ("fake.nomination", 8)]
    assert (item.title_th, item.kind) == ("พิจารณาการเสนอชื่อ: ขอนแก่น", ItemKind.FOR_DECISION)
    assert outcomes_for(item) == [Outcome.APPROVE_IN_PRINCIPLE, Outcome.DEFER]
    assert [(s.kind, s.id) for s in eligible_subjects(meeting_in_session(officer))] == [
        ("fake.nomination", 7),
        ("fake.nomination", 8),
    ]
    assert released == 1
    assert owner.released == [(8, Outcome.APPROVE_IN_PRINCIPLE, len(connection.atomic_blocks) + 1)]
    assert Resolution.objects.get(item=item).status == ResolutionStatus.RELEASED


def test_a_kind_is_offered_only_while_it_is_not_on_an_open_agenda(monkeypatch, officer):
    registered(monkeypatch, FakeOwner())
    first = meeting_in_session(officer)
    add_item(meeting=first, kind="fake.nomination", subject_id=7, by=officer)

    with pytest.raises(MeetingError, match="already on the agenda of 1/2569"):
        add_item(meeting=first, kind="fake.nomination", subject_id=7, by=officer)
    with pytest.raises(MeetingError, match="not a nomination"):
        add_item(meeting=first, kind="fake.nomination", subject_id=99, by=officer)
    assert [s.id for s in eligible_subjects(meeting_in_session(officer))] == [8]


def test_a_handler_that_refuses_leaves_nothing_released(monkeypatch, officer):
    registered(monkeypatch, FakeOwner(refuse=True))
    meeting = meeting_in_session(officer)
    proposal = evaluated(officer)
    first = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)
    record_resolution(item=first, outcome=Outcome.APPROVE, domains=["mobility"], by=officer)
    item = add_item(meeting=meeting, kind="fake.nomination", subject_id=7, by=officer)
    record_resolution(item=item, outcome=Outcome.DEFER, by=officer)
    close_meeting(meeting=meeting, by=officer)

    with pytest.raises(MeetingError) as error, translation.override("th"):
        release_results(meeting=meeting, by=officer)

    meeting.refresh_from_db()
    proposal.refresh_from_db()
    assert str(error.value) == (
        "ยังไม่มีการประกาศมติใด ๆ ระเบียบวาระที่ 2 (เชียงใหม่): the nomination was withdrawn"
    )
    assert meeting.status == MeetingStatus.CLOSED
    assert set(Resolution.objects.values_list("status", flat=True)) == {ResolutionStatus.PENDING}
    assert proposal.state == "evaluated"  # the first item's handler ran, and was rolled back


def test_a_kind_no_app_registers_is_refused_by_name():
    with pytest.raises(LookupError, match=r"no app registers the subject kind 'fake\.unknown'"):
        subjects.get("fake.unknown")


def test_the_two_programme_kinds_are_registered_at_start_up():
    assert [
        (k.code, k.committee, k.outcomes) for k in subjects.kinds() if not k.code.startswith("fake")
    ] == [
        (
            "proposals.proposal",
            CommitteeKind.SUB_COMMITTEE,
            (Outcome.APPROVE, Outcome.APPROVE_IN_PRINCIPLE, Outcome.REJECT, Outcome.DEFER),
        ),
        ("certification.approval", CommitteeKind.STEERING, (Outcome.ACKNOWLEDGE, Outcome.DEFER)),
    ]
