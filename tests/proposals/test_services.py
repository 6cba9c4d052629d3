import datetime as dt
import itertools

import pytest
from django.core import mail
from django.utils import timezone, translation

from smartcity.accounts.enums import MembershipRole
from smartcity.core.models import AuditEntry
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal, ScreeningDecision, StateChange
from smartcity.proposals.services.drafting import save_draft
from smartcity.proposals.services.errors import (
    IncompleteProposal,
    ProposalError,
    StaleRevision,
    TransitionError,
)
from smartcity.proposals.services.screening import (
    MissingItem,
    extend_information_due,
    screen_proposal,
    start_screening,
)
from smartcity.proposals.services.state import TRANSITIONS, transition_proposal
from smartcity.proposals.services.submission import submit_proposal
from smartcity.proposals.snapshots import diff_versions
from tests.accounts.factories import UserFactory
from tests.proposals.factories import ProposalFactory, complete, member

S = ProposalState
ALL_PAIRS = [(a, b) for a, b in itertools.product(S.values, S.values) if a != b]


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True, preferred_language="th")


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
@pytest.mark.django_db
def test_transition_table_allows_exactly_its_pairs(officer, from_state, to_state):
    proposal = ProposalFactory(state=from_state)

    if (from_state, to_state) in TRANSITIONS:
        transition_proposal(proposal=proposal, to_state=to_state, by=officer)
        assert Proposal.objects.get(pk=proposal.pk).state == to_state
        assert StateChange.objects.get(proposal=proposal).to_state == to_state
        assert AuditEntry.objects.filter(action=f"proposals.proposal.{to_state}").count() == 1
    else:
        with pytest.raises(TransitionError):
            transition_proposal(proposal=proposal, to_state=to_state, by=officer)
        assert Proposal.objects.get(pk=proposal.pk).state == from_state
        assert StateChange.objects.filter(proposal=proposal).count() == 0


@pytest.mark.django_db
def test_completeness_names_every_missing_item_per_criterion():
    proposal = ProposalFactory(name_en="")
    editor = member(proposal.organisation)

    with pytest.raises(IncompleteProposal) as error:
        submit_proposal(proposal=proposal, by=editor)

    missing = error.value.missing
    assert sorted(missing) == [
        "area_vision",
        "data_platform",
        "infrastructure",
        "management",
        "services",
    ]
    assert "The English name of the area" in missing["area_vision"]
    assert any("boundary" in item for item in missing["area_vision"])
    assert Proposal.objects.get(pk=proposal.pk).state == S.DRAFT


@pytest.mark.django_db
def test_domain_coverage_rule_comes_from_the_criteria_set():
    proposal = complete(ProposalFactory(), domains=["mobility"])
    editor = member(proposal.organisation)

    with pytest.raises(IncompleteProposal) as error:
        submit_proposal(proposal=proposal, by=editor)

    assert error.value.missing == {"services": ["Smart services in at least 2 domains (now 1)"]}


@pytest.mark.django_db
def test_submission_freezes_a_numbered_version_and_notifies(
    officer, django_capture_on_commit_callbacks
):
    proposal = complete(ProposalFactory())
    editor = member(proposal.organisation, preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        version = submit_proposal(proposal=proposal, by=editor)

    proposal.refresh_from_db()
    assert (proposal.state, proposal.version_number, version.number) == (S.SUBMITTED, 1, 1)
    assert version.content["name_th"] == proposal.name_th
    assert version.criteria["min_domains"] == 2
    assert proposal.frozen_criteria == version.criteria
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2  # the editor and the secretariat
    english = next(m for m in mail.outbox if m.to == [editor.email])
    thai = next(m for m in mail.outbox if m.to == [officer.email])
    assert "is now: Submitted" in english.body
    assert thai.body.startswith("เรียน")
    assert "Dear" not in thai.body


@pytest.mark.django_db
def test_a_double_submission_is_refused_with_a_clear_message():
    proposal = complete(ProposalFactory())
    editor = member(proposal.organisation)
    stale_copy = Proposal.objects.get(pk=proposal.pk)
    submit_proposal(proposal=proposal, by=editor)

    with pytest.raises(TransitionError, match="already submitted"):
        submit_proposal(proposal=stale_copy, by=editor)

    assert proposal.versions.count() == 1


@pytest.mark.django_db
def test_criteria_edits_after_submission_do_not_change_the_frozen_copy():
    proposal = complete(ProposalFactory())
    submit_proposal(proposal=proposal, by=member(proposal.organisation))
    criterion = proposal.call.criteria_set.criteria.get(code="services")

    criterion.weight = 40
    criterion.save()

    proposal.refresh_from_db()
    frozen = {c["code"]: c["weight"] for c in proposal.frozen_criteria["criteria"]}
    assert frozen["services"] == "20"


def submitted(officer):
    proposal = complete(ProposalFactory())
    submit_proposal(proposal=proposal, by=member(proposal.organisation, role=MembershipRole.OWNER))
    start_screening(proposal=proposal, by=officer)
    return proposal


@pytest.mark.django_db
def test_return_names_missing_items_and_resubmission_makes_version_two(officer):
    proposal = submitted(officer)
    due = timezone.localdate() + dt.timedelta(days=14)

    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=due,
        by=officer,
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.information_due_on) == (S.RETURNED, due)

    editor = member(proposal.organisation)
    saved = save_draft(
        proposal=proposal,
        values={"investment_plan": "ลงทุน 5 ปี แยกรายปี"},
        revision=proposal.revision,
        by=editor,
    )
    version = submit_proposal(proposal=saved, by=editor)

    proposal.refresh_from_db()
    first, second = proposal.versions.order_by("number")
    assert (proposal.state, version.number, proposal.information_due_on) == (S.RESUBMITTED, 2, None)
    assert [c["field"] for c in diff_versions(first.content, second.content)] == ["investment_plan"]


@pytest.mark.parametrize(
    ("outcome", "kwargs", "message"),
    [
        ("return", {}, "missing item"),
        ("return", {"missing_items": [MissingItem("area_vision", "แผนที่")]}, "due date"),
        (
            "return",
            {"missing_items": [MissingItem("area_vision", "แผนที่")], "due_on": dt.date(2020, 1, 1)},
            "due date",
        ),
        ("ineligible", {"reason": "  "}, "reason"),
    ],
)
@pytest.mark.django_db
def test_screening_refuses_an_outcome_without_what_it_needs(officer, outcome, kwargs, message):
    proposal = submitted(officer)

    with pytest.raises(ProposalError, match=message):
        screen_proposal(proposal=proposal, outcome=outcome, by=officer, **kwargs)

    assert Proposal.objects.get(pk=proposal.pk).state == S.SCREENING
    assert ScreeningDecision.objects.count() == 0


@pytest.mark.django_db
def test_two_officers_screening_at_once_one_wins_the_other_is_told(officer):
    proposal = submitted(officer)
    other_officer = UserFactory(is_secretariat=True)
    seen_by_other = Proposal.objects.get(pk=proposal.pk)  # loaded before the first acts

    screen_proposal(proposal=proposal, outcome="pass", by=officer)
    with pytest.raises(TransitionError, match=r"changed to .* by someone else"):
        screen_proposal(
            proposal=seen_by_other, outcome="ineligible", reason="ไม่ผ่าน", by=other_officer
        )

    assert Proposal.objects.get(pk=proposal.pk).state == S.IN_EVALUATION
    assert ScreeningDecision.objects.get().outcome == "pass"


@pytest.mark.django_db
def test_autosave_with_a_stale_revision_is_refused_and_keeps_the_newer_text():
    proposal = ProposalFactory()
    alice, bob = member(proposal.organisation), member(proposal.organisation)
    opened_revision = proposal.revision
    save_draft(proposal=proposal, values={"vision": "ของอลิซ"}, revision=opened_revision, by=alice)

    with pytest.raises(StaleRevision):
        save_draft(proposal=proposal, values={"vision": "ของบ็อบ"}, revision=opened_revision, by=bob)

    assert Proposal.objects.get(pk=proposal.pk).vision == "ของอลิซ"


@pytest.mark.django_db
def test_pressing_save_while_the_autosave_of_the_same_text_is_on_its_way_is_not_refused():
    # Both carry the revision the page was opened at; the autosave lands first.
    proposal = ProposalFactory()
    editor = member(proposal.organisation)
    opened_revision = proposal.revision
    text = {"vision": "เมืองน่าอยู่", "goals": "ลดพลังงาน"}
    save_draft(proposal=proposal, values=text, revision=opened_revision, by=editor)

    saved = save_draft(proposal=proposal, values=text, revision=opened_revision, by=editor)

    assert saved.revision == opened_revision + 1
    assert Proposal.objects.get(pk=proposal.pk).vision == "เมืองน่าอยู่"
    with pytest.raises(StaleRevision):
        save_draft(
            proposal=proposal, values={**text, "goals": "อื่น"}, revision=opened_revision, by=editor
        )
    assert Proposal.objects.get(pk=proposal.pk).goals == "ลดพลังงาน"


@pytest.mark.django_db
def test_a_submitted_proposal_cannot_be_edited():
    proposal = complete(ProposalFactory())
    editor = member(proposal.organisation)
    submit_proposal(proposal=proposal, by=editor)
    proposal.refresh_from_db()

    with pytest.raises(ProposalError, match="can no longer be edited"):
        save_draft(
            proposal=proposal, values={"vision": "แก้"}, revision=proposal.revision, by=editor
        )


# Moving the due date of a returned proposal ---------------------------------------------


def returned(officer, *, due_in: int = 14, **member_fields) -> tuple[Proposal, object]:
    """A proposal returned for information, and its owner."""
    proposal = complete(ProposalFactory())
    owner = member(proposal.organisation, role=MembershipRole.OWNER, **member_fields)
    submit_proposal(proposal=proposal, by=owner)
    start_screening(proposal=proposal, by=officer)
    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=timezone.localdate() + dt.timedelta(days=due_in),
        by=officer,
    )
    proposal.refresh_from_db()
    return proposal, owner


@pytest.mark.django_db
def test_extending_the_information_due_date_records_audits_and_tells_the_proponent(
    officer, django_capture_on_commit_callbacks
):
    proposal, owner = returned(officer, preferred_language="en")
    thai_editor = member(proposal.organisation, preferred_language="th")
    old = proposal.information_due_on
    new = old + dt.timedelta(days=10)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        extend_information_due(proposal=proposal, due_on=new, reason="  รอมติสภาเทศบาล ", by=officer)

    proposal.refresh_from_db()
    assert (proposal.state, proposal.information_due_on) == (S.RETURNED, new)
    step = StateChange.objects.filter(proposal=proposal).last()
    assert (step.from_state, step.to_state, step.due_on, step.note, step.by) == (
        S.RETURNED,
        S.RETURNED,
        new,
        "รอมติสภาเทศบาล",
        officer,
    )
    assert step.moves_due_date
    entry = AuditEntry.objects.get(action="proposals.proposal.information_due_extended")
    assert (entry.actor, entry.before, entry.after, entry.note) == (
        officer,
        {"information_due_on": old.isoformat()},
        {"information_due_on": new.isoformat()},
        "รอมติสภาเทศบาล",
    )
    emails = {m.to[0]: m for m in mail.outbox}
    assert sorted(emails) == sorted([owner.email, thai_editor.email])
    english, thai = emails[owner.email], emails[thai_editor.email]
    assert "new due date" in english.subject
    assert f"{new.day} {new.strftime('%B')} {new.year}" in english.body
    assert "กำหนดส่งข้อมูลใหม่" in thai.subject
    assert str(new.year + 543) in thai.body
    assert "รอมติสภาเทศบาล" in thai.body


@pytest.mark.parametrize(
    ("days", "reason", "message"),
    [
        (-30, "เหตุผล", "in the past"),  # before today (and before the current date)
        (-1, "เหตุผล", "later than the current one"),  # after today, before the current date
        (0, "เหตุผล", "later than the current one"),  # the same date again: a double click
        (10, "   ", "reason"),
    ],
)
@pytest.mark.django_db
def test_extending_the_information_due_date_refuses_bad_input_and_changes_nothing(
    officer, days, reason, message
):
    proposal, _owner = returned(officer)
    current = proposal.information_due_on
    steps = StateChange.objects.count()

    with pytest.raises(ProposalError, match=message):
        extend_information_due(
            proposal=proposal,
            due_on=current + dt.timedelta(days=days),
            reason=reason,
            by=officer,
        )

    proposal.refresh_from_db()
    assert proposal.information_due_on == current
    assert StateChange.objects.count() == steps
    assert not AuditEntry.objects.filter(
        action="proposals.proposal.information_due_extended"
    ).exists()


@pytest.mark.django_db
def test_only_a_returned_proposal_has_an_information_due_date_to_move(officer):
    proposal, owner = returned(officer)
    submit_proposal(proposal=proposal, by=owner)

    with pytest.raises(TransitionError, match="Resubmitted"):
        extend_information_due(
            proposal=proposal,
            due_on=timezone.localdate() + dt.timedelta(days=60),
            reason="ขอขยาย",
            by=officer,
        )
