"""Migration 0004 carries every agenda item over: a sub-committee item about a proposal
becomes a "proposal for decision", a steering committee item acknowledging the
sub-committee's approval becomes an "acknowledge an approval", both keeping the proposal's
id; an information item stays about no subject."""

import pytest

BEFORE = [("committee", "0003_resolution_vote")]
AFTER = [("committee", "0004_agenda_item_subject")]


@pytest.fixture
def at_0003(migrate_to):
    return migrate_to(BEFORE)


def test_every_agenda_item_keeps_its_subject(at_0003, migrate_to):
    old = at_0003
    Committee = old.get_model("committee", "Committee")
    Meeting = old.get_model("committee", "Meeting")
    AgendaItem = old.get_model("committee", "AgendaItem")
    Resolution = old.get_model("committee", "Resolution")
    Organisation = old.get_model("accounts", "Organisation")
    Proposal = old.get_model("proposals", "Proposal")
    sub, _ = Committee.objects.get_or_create(
        kind="sub_committee", defaults={"name_th": "อนุ", "name_en": "Sub"}
    )
    steering, _ = Committee.objects.get_or_create(
        kind="steering_committee", defaults={"name_th": "ขับ", "name_en": "St"}
    )
    first = Meeting.objects.create(committee=sub, number=1, year_be=2569, status="released")
    second = Meeting.objects.create(committee=steering, number=1, year_be=2569)
    organisation = Organisation.objects.create(name_th="เทศบาล", name_en="Town")
    criteria = old.get_model("proposals", "CriteriaSet").objects.create(
        version="t1", name_th="เกณฑ์", name_en="Criteria"
    )
    call = old.get_model("proposals", "Call").objects.create(
        title_th="รอบ", title_en="Call", criteria_set=criteria, opens_on="2026-01-01"
    )
    author = old.get_model("accounts", "User").objects.create(email="a@example.org")
    proposal = Proposal.objects.create(
        call=call, organisation=organisation, name_th="เมือง", state="approved", created_by=author
    )
    decided = AgendaItem.objects.create(
        meeting=first, position=1, kind="decision", proposal=proposal, title_th="พิจารณา"
    )
    approval = Resolution.objects.create(item=decided, outcome="approve", status="released")
    acknowledged = AgendaItem.objects.create(
        meeting=second,
        position=1,
        kind="information",
        proposal=proposal,
        subject_resolution=approval,
        title_th="รับทราบ",
    )
    noted = AgendaItem.objects.create(
        meeting=second, position=2, kind="information", title_th="เรื่องแจ้ง"
    )

    new = migrate_to(AFTER)
    rows = new.get_model("committee", "AgendaItem").objects.order_by("pk")

    assert [(r.pk, r.subject_kind, r.subject_id) for r in rows] == [
        (decided.pk, "proposals.proposal", proposal.pk),
        (acknowledged.pk, "certification.approval", proposal.pk),
        (noted.pk, "", None),
    ]
    # And back: the proposal and the acknowledged resolution return.
    back = migrate_to(BEFORE).get_model("committee", "AgendaItem").objects.order_by("pk")
    assert [(r.proposal_id, r.subject_resolution_id) for r in back] == [
        (proposal.pk, None),
        (proposal.pk, approval.pk),
        (None, None),
    ]
