"""The meeting pack and the minutes: what each reader finds in them."""

import pytest
from django.utils import translation

from smartcity.certification.agenda import approval_of
from smartcity.committee.enums import MinutesStatus
from smartcity.committee.pdf import MinutesWithheld, meeting_pack_pdf, minutes_pdf
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.minutes import draft_minutes, transition_minutes
from smartcity.committee.services.resolutions import Vote, record_resolution
from smartcity.core.enums import Domain
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.services.state import transition_proposal
from smartcity.reviews.models import SummaryRecommendation
from tests.committee.factories import add_proposal_item, meeting_in_session, proposal_of
from tests.documents.conftest import RECUSED_TITLE, closed_with_minutes, members_of
from tests.documents.pdftext import Reader, ink_ratio
from tests.reviews.factories import FIRST, PhaseFactory, dossier_of, reviewed


def test_secretariat_pack_has_every_item_with_its_recommendation(agenda, secretariat_user):
    pdf = Reader(meeting_pack_pdf(agenda, secretariat_user, language="th"))

    assert "1/2569" in pdf
    assert "20 พฤศจิกายน 2569" in pdf
    assert "ห้องประชุม ดีป้า" in pdf
    assert RECUSED_TITLE in pdf
    assert "ผู้ประเมินเห็นว่าข้อเสนอมีความพร้อม" in pdf  # the secretariat's summary
    assert "พิษณุโลก" in pdf
    with translation.override("th"):
        assert str(Domain.MOBILITY.label) in pdf


def test_recused_members_pack_omits_the_item_entirely(agenda):
    member, recused = members_of(agenda)
    second = proposal_of(agenda.items.get(position=2))

    mine = Reader(meeting_pack_pdf(agenda, recused, language="th"))
    theirs = Reader(meeting_pack_pdf(agenda, member, language="th"))

    assert RECUSED_TITLE not in mine
    assert second.organisation.name_th not in mine
    assert RECUSED_TITLE in theirs
    assert proposal_of(agenda.items.get(position=1)).name_th in mine


def test_pack_shows_the_evaluation_figures(db, secretariat_user):
    meeting = meeting_in_session(secretariat_user)
    proposal = reviewed(secretariat_user, PhaseFactory(), FIRST, FIRST)
    SummaryRecommendation.objects.create(
        dossier=dossier_of(proposal),
        recommendation="approve",
        summary="สรุปผลการประเมิน",
        written_by=secretariat_user,
    )
    transition_proposal(proposal=proposal, to_state=ProposalState.EVALUATED, by=secretariat_user)
    add_proposal_item(meeting=meeting, proposal=proposal, by=secretariat_user)

    pdf = Reader(meeting_pack_pdf(meeting, secretariat_user, language="en"))

    assert "Reviews submitted 2" in pdf
    assert "Mean total 64.00" in pdf
    assert "Median total 64.00" in pdf
    assert "Area and vision 66.00 66.00 passes" in pdf
    assert "City data platform 50.00 50.00 fails" in pdf


def test_steering_pack_shows_the_resolution_being_acknowledged(replayed, secretariat_user):
    subject = approval_of(replayed.items.order_by("position").first().subject_id)

    pdf = Reader(meeting_pack_pdf(replayed, secretariat_user, language="en"))

    assert "Sub-committee resolution to acknowledge" in pdf
    assert f"Meeting {subject.item.meeting.reference}, 26 October 2022" in pdf
    with translation.override("en"):
        assert "Domains approved " + ", ".join(subject.domain_labels()) in pdf


def test_pack_prints_with_ink(agenda, secretariat_user):
    assert ink_ratio(meeting_pack_pdf(agenda, secretariat_user, language="th")) > 0.01


def test_draft_minutes_carry_the_draft_mark(agenda, secretariat_user):
    minutes = closed_with_minutes(agenda, secretariat_user)

    pdf = Reader(minutes_pdf(minutes, language="en"))

    assert "DRAFT" in pdf
    assert "not yet adopted" in pdf
    assert f"ครั้งที่ {agenda.reference}" in pdf  # the body as drafted
    assert ink_ratio(minutes_pdf(minutes, language="en")) > 0.01


def test_adopted_minutes_lose_the_mark_and_give_the_date(agenda, secretariat_user):
    minutes = closed_with_minutes(agenda, secretariat_user)
    minutes = transition_minutes(
        minutes=minutes, to_status=MinutesStatus.CIRCULATED, by=secretariat_user
    )
    minutes = transition_minutes(
        minutes=minutes, to_status=MinutesStatus.ADOPTED, by=secretariat_user
    )

    pdf = Reader(minutes_pdf(minutes, language="en"))

    assert "DRAFT" not in pdf
    assert "Adopted on" in pdf


def test_recused_members_minutes_omit_the_items_paragraph(agenda, secretariat_user):
    minutes = closed_with_minutes(agenda, secretariat_user)
    member, recused = members_of(agenda)
    # A member never reads a draft, in any form.
    with pytest.raises(MinutesWithheld):
        minutes_pdf(minutes, reader=member)
    minutes = transition_minutes(minutes=minutes, to_status="circulated", by=secretariat_user)

    assert RECUSED_TITLE not in Reader(minutes_pdf(minutes, reader=recused))
    assert RECUSED_TITLE in Reader(minutes_pdf(minutes, reader=member))
    assert RECUSED_TITLE in Reader(minutes_pdf(minutes, reader=secretariat_user))


def test_minutes_pdf_gives_each_items_quorum_and_vote(agenda, secretariat_user):
    first, second = agenda.items.order_by("position")
    record_resolution(item=first, outcome="defer", by=secretariat_user)
    record_resolution(item=second, outcome="defer", vote=Vote(3, 0, 1), by=secretariat_user)
    close_meeting(meeting=agenda, by=secretariat_user)
    minutes = draft_minutes(meeting=agenda, by=secretariat_user)

    pdf = Reader(minutes_pdf(minutes, language="th"))

    assert "องค์ประชุมของวาระนี้: กรรมการผู้มาประชุม 5 คน ครบองค์ประชุม (ต้องมีอย่างน้อย 3 คน)" in pdf
    assert (
        "องค์ประชุมของวาระนี้: กรรมการผู้มาประชุม 5 คน ไม่ร่วมพิจารณา 1 คน "
        "คงเหลือผู้ร่วมพิจารณา 4 คน ครบองค์ประชุม (ต้องมีอย่างน้อย 3 คน)"
    ) in pdf
    assert "ผลการลงคะแนน: เห็นด้วย 3 เสียง ไม่เห็นด้วย 0 เสียง งดออกเสียง 1 เสียง" in pdf
