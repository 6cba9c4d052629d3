"""Resolutions: recorded as pending during the meeting (the outcomes an item allows, with
domains, conditions or reasons), corrected with an audit trail, then released together by
the secretariat, which moves every proposal and notifies each proponent in their
language. All or nothing."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from smartcity.accounts.enums import MembershipRole
from smartcity.certification.decision import proposed_domains
from smartcity.certification.models import Certificate, CertifiedArea
from smartcity.committee.enums import CommitteeKind, MeetingStatus, Outcome, ResolutionStatus
from smartcity.committee.models import Resolution
from smartcity.committee.services.agenda import add_information_item
from smartcity.committee.services.meetings import MeetingError, close_meeting, schedule_meeting
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import outcomes_for, record_resolution
from smartcity.core.mail import absolute_url
from smartcity.core.models import AuditEntry
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.submission import submit_proposal
from tests.accounts.factories import UserFactory
from tests.committee.factories import (
    add_proposal_item,
    committee,
    eligible_proposals,
    evaluated,
    meeting_in_session,
    proposal_of,
)
from tests.proposals.factories import member

S = ProposalState
CONDITIONS = "ปรับแผนการลงทุนให้ชัดเจน"
REASONS = "ไม่มีแพลตฟอร์มข้อมูลเมือง"


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


@pytest.fixture
def sub(officer):
    return meeting_in_session(officer)


@pytest.fixture
def item(officer, sub):
    """A proposal covering mobility and environment, on the sub-committee's agenda."""
    proposal = evaluated(officer, domains=("mobility", "environment"))
    return add_proposal_item(meeting=sub, proposal=proposal, by=officer)


def release(meeting, officer):
    close_meeting(meeting=meeting, by=officer)
    return release_results(meeting=meeting, by=officer)


# --------------------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------------------


def test_outcomes_depend_on_the_kind_of_item(officer, sub, item):
    information = add_information_item(meeting=sub, title_th="รายงานความก้าวหน้า", by=officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)
    steering_information = add_information_item(meeting=steering, title_th="เพื่อทราบ", by=officer)

    assert outcomes_for(information) == [Outcome.NOTED]
    assert outcomes_for(steering_information) == [Outcome.NOTED]
    assert outcomes_for(item) == [
        Outcome.APPROVE,
        Outcome.APPROVE_IN_PRINCIPLE,
        Outcome.REJECT,
        Outcome.DEFER,
    ]


def test_the_steering_committee_acknowledges_or_defers(officer, sub, item):
    record_resolution(item=item, outcome=Outcome.APPROVE, domains=["mobility"], by=officer)
    release(sub, officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)
    acknowledgement = add_proposal_item(meeting=steering, proposal=proposal_of(item), by=officer)

    assert outcomes_for(acknowledgement) == [Outcome.ACKNOWLEDGE, Outcome.DEFER]
    with pytest.raises(MeetingError, match="This outcome does not apply to this item"):
        record_resolution(
            item=acknowledgement, outcome=Outcome.APPROVE, domains=["mobility"], by=officer
        )
    resolution = record_resolution(item=acknowledgement, outcome=Outcome.ACKNOWLEDGE, by=officer)
    # The steering committee acknowledges the domains the sub-committee approved.
    assert resolution.approved_domains == ["mobility"]


@pytest.mark.parametrize("outcome", [Outcome.ACKNOWLEDGE, Outcome.NOTED, "maybe"])
def test_an_outcome_foreign_to_the_item_is_refused(officer, item, outcome):
    with pytest.raises(MeetingError, match="This outcome does not apply to this item"):
        record_resolution(item=item, outcome=outcome, by=officer)

    assert Resolution.objects.count() == 0


def test_approval_names_the_domains_in_the_proposals_order(officer, item):
    resolution = record_resolution(
        item=item,
        outcome=Outcome.APPROVE,
        domains=["environment", "mobility", "environment"],
        by=officer,
    )

    assert proposed_domains(proposal_of(item)) == ["mobility", "environment"]
    assert (resolution.approved_domains, resolution.status) == (
        ["mobility", "environment"],
        ResolutionStatus.PENDING,
    )


@pytest.mark.parametrize(
    ("domains", "message"),
    [
        (None, "Choose at least one domain to approve."),
        ([], "Choose at least one domain to approve."),
        (["mobility", "energy"], "Only the domains the proposal covers can be approved."),
        (["teleportation"], "Only the domains the proposal covers can be approved."),
    ],
)
def test_approval_needs_domains_among_those_proposed(officer, item, domains, message):
    with pytest.raises(MeetingError, match=message):
        record_resolution(item=item, outcome=Outcome.APPROVE, domains=domains, by=officer)

    assert Resolution.objects.count() == 0


def test_approval_in_principle_needs_the_conditions(officer, item):
    with pytest.raises(MeetingError, match="Write the conditions the proponent must revise"):
        record_resolution(item=item, outcome=Outcome.APPROVE_IN_PRINCIPLE, by=officer)

    resolution = record_resolution(
        item=item, outcome=Outcome.APPROVE_IN_PRINCIPLE, conditions=f" {CONDITIONS} ", by=officer
    )
    assert (resolution.conditions, resolution.approved_domains) == (CONDITIONS, [])


def test_rejection_needs_the_reasons(officer, item):
    with pytest.raises(MeetingError, match="Write the reasons for not approving"):
        record_resolution(item=item, outcome=Outcome.REJECT, reasons="  ", by=officer)

    resolution = record_resolution(item=item, outcome=Outcome.REJECT, reasons=REASONS, by=officer)
    assert resolution.reasons == REASONS


def test_no_resolution_without_quorum(officer):
    meeting = meeting_in_session(officer, present=2)
    proposal = evaluated(officer)
    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    with pytest.raises(MeetingError, match="The meeting has no quorum"):
        record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    assert Resolution.objects.count() == 0


def test_no_resolution_before_the_meeting_opens(officer):
    meeting = schedule_meeting(
        committee=committee(), held_on=meeting_in_session(officer).held_on, place="ดีป้า", by=officer
    )
    proposal = evaluated(officer)
    item = add_proposal_item(meeting=meeting, proposal=proposal, by=officer)

    with pytest.raises(
        MeetingError, match="Resolutions are recorded while the meeting is in session"
    ):
        record_resolution(item=item, outcome=Outcome.DEFER, by=officer)


def test_correcting_a_pending_resolution_is_audited_with_before_and_after(officer, sub, item):
    record_resolution(item=item, outcome=Outcome.REJECT, reasons=REASONS, by=officer)

    record_resolution(item=item, outcome=Outcome.APPROVE, domains=["mobility"], by=officer)

    resolution = Resolution.objects.get(item=item)
    assert (resolution.outcome, resolution.approved_domains, resolution.reasons) == (
        Outcome.APPROVE,
        ["mobility"],
        "",
    )
    first, second = (
        AuditEntry.objects.for_object(sub)
        .filter(action="committee.resolution.recorded")
        .order_by("pk")
    )
    assert first.before is None
    assert (second.before["outcome"], second.before["reasons"]) == ("reject", REASONS)
    assert (second.after["outcome"], second.after["approved_domains"]) == ("approve", ["mobility"])


def test_a_released_resolution_cannot_change(officer, sub, item):
    record_resolution(item=item, outcome=Outcome.REJECT, reasons=REASONS, by=officer)
    release(sub, officer)

    with pytest.raises(MeetingError):
        record_resolution(item=item, outcome=Outcome.APPROVE, domains=["mobility"], by=officer)

    resolution = Resolution.objects.get(item=item)
    assert (resolution.outcome, resolution.status) == (Outcome.REJECT, ResolutionStatus.RELEASED)


# --------------------------------------------------------------------------------------
# Release
# --------------------------------------------------------------------------------------


def test_release_moves_each_proposal_by_its_outcome(officer, sub):
    outcomes = [
        (Outcome.APPROVE, {"domains": ["mobility"]}, S.APPROVED),
        (Outcome.APPROVE_IN_PRINCIPLE, {"conditions": CONDITIONS}, S.REVISING),
        (Outcome.REJECT, {"reasons": REASONS}, S.REJECTED),
        (Outcome.DEFER, {}, S.EVALUATED),
    ]
    proposals = []
    for outcome, details, _state in outcomes:
        proposal = evaluated(officer)
        item = add_proposal_item(meeting=sub, proposal=proposal, by=officer)
        record_resolution(item=item, outcome=outcome, by=officer, **details)
        proposals.append(proposal)
    add_information_item(meeting=sub, title_th="รายงานความก้าวหน้า", by=officer)

    released = release(sub, officer)

    sub.refresh_from_db()
    states = [Proposal.objects.get(pk=p.pk).state for p in proposals]
    assert states == [state for _outcome, _details, state in outcomes]
    assert released == 5  # the information item is noted with the others
    assert (sub.status, sub.released_by) == (MeetingStatus.RELEASED, officer)
    assert set(Resolution.objects.values_list("status", flat=True)) == {ResolutionStatus.RELEASED}
    assert Resolution.objects.get(item__subject_kind="").outcome == Outcome.NOTED
    assert CertifiedArea.objects.count() == 0


def test_release_waits_for_every_proposal_to_be_resolved(officer, sub, item):
    add_proposal_item(meeting=sub, proposal=evaluated(officer), by=officer)
    record_resolution(item=item, outcome=Outcome.DEFER, by=officer)
    close_meeting(meeting=sub, by=officer)

    with pytest.raises(MeetingError, match="Items 2 have no resolution yet"):
        release_results(meeting=sub, by=officer)

    sub.refresh_from_db()
    assert sub.status == MeetingStatus.CLOSED


def test_release_needs_a_closed_meeting(officer, sub, item):
    record_resolution(item=item, outcome=Outcome.DEFER, by=officer)

    with pytest.raises(MeetingError, match="Close the meeting before releasing its results"):
        release_results(meeting=sub, by=officer)


def test_release_is_all_or_nothing(officer, sub, django_capture_on_commit_callbacks):
    first, second = evaluated(officer), evaluated(officer)
    for proposal in (first, second):
        item = add_proposal_item(meeting=sub, proposal=proposal, by=officer)
        record_resolution(item=item, outcome=Outcome.APPROVE, domains=["mobility"], by=officer)
    close_meeting(meeting=sub, by=officer)
    # The second proponent withdrew meanwhile: its proposal cannot be approved any more.
    Proposal.objects.filter(pk=second.pk).update(state=S.WITHDRAWN)
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(MeetingError) as error,
    ):
        release_results(meeting=sub, by=officer)

    assert str(error.value).startswith(f"Nothing was released. Item 2 ({second.name_th}):")
    assert "“Withdrawn”" in str(error.value)
    sub.refresh_from_db()
    first.refresh_from_db()
    assert (sub.status, sub.released_at, first.state) == (MeetingStatus.CLOSED, None, S.EVALUATED)
    assert set(Resolution.objects.values_list("status", flat=True)) == {ResolutionStatus.PENDING}
    assert first.state_changes.filter(to_state=S.APPROVED).count() == 0
    assert (callbacks, mail.outbox) == ([], [])


def test_a_revised_proposal_comes_back_to_the_sub_committee(officer, sub, item):
    proposal = proposal_of(item)
    record_resolution(
        item=item, outcome=Outcome.APPROVE_IN_PRINCIPLE, conditions=CONDITIONS, by=officer
    )
    release(sub, officer)
    proponent = member(proposal.organisation)

    submit_proposal(proposal=proposal, by=proponent)

    proposal.refresh_from_db()
    later = meeting_in_session(officer)
    assert proposal.state == S.REVISED
    assert list(eligible_proposals(later)) == [proposal]
    again = add_proposal_item(meeting=later, proposal=proposal, by=officer)
    record_resolution(item=again, outcome=Outcome.APPROVE, domains=["environment"], by=officer)
    release(later, officer)
    proposal.refresh_from_db()
    assert proposal.state == S.APPROVED


def test_the_steering_committee_certifies_what_it_acknowledges(officer, sub, item):
    record_resolution(item=item, outcome=Outcome.APPROVE, domains=["environment"], by=officer)
    release(sub, officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)
    acknowledgement = add_proposal_item(meeting=steering, proposal=proposal_of(item), by=officer)
    record_resolution(item=acknowledgement, outcome=Outcome.ACKNOWLEDGE, by=officer)

    release(steering, officer)

    proposal = Proposal.objects.get(pk=item.subject_id)
    certificate = proposal.certificate
    assert proposal.state == S.CERTIFIED
    assert (certificate.approving_meeting, certificate.acknowledging_meeting) == (sub, steering)
    assert list(certificate.domains.values_list("domain", flat=True)) == ["environment"]


def test_a_deferral_by_the_steering_committee_certifies_nothing(officer, sub, item):
    record_resolution(item=item, outcome=Outcome.APPROVE, domains=["environment"], by=officer)
    release(sub, officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)
    acknowledgement = add_proposal_item(meeting=steering, proposal=proposal_of(item), by=officer)
    record_resolution(item=acknowledgement, outcome=Outcome.DEFER, by=officer)

    release(steering, officer)

    proposal = Proposal.objects.get(pk=item.subject_id)
    later = meeting_in_session(officer, CommitteeKind.STEERING)
    assert (proposal.state, CertifiedArea.objects.count()) == (S.APPROVED, 0)
    assert list(eligible_proposals(later)) == [proposal]


# --------------------------------------------------------------------------------------
# Notices
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "details", "heading", "text"),
    [
        (
            Outcome.APPROVE_IN_PRINCIPLE,
            {"conditions": CONDITIONS},
            "Conditions to revise",
            CONDITIONS,
        ),
        (Outcome.REJECT, {"reasons": REASONS}, "Reasons", REASONS),
    ],
)
def test_each_proponent_hears_the_decision_in_their_language(
    officer, sub, item, django_capture_on_commit_callbacks, outcome, details, heading, text
):
    organisation = proposal_of(item).organisation
    english = member(organisation, MembershipRole.OWNER, email="en@example.org",
                     preferred_language="en")  # fmt: skip
    thai = member(organisation, MembershipRole.EDITOR, email="th@example.org",
                  preferred_language="th")  # fmt: skip
    member(organisation, MembershipRole.VIEWER, email="viewer@example.org")
    record_resolution(item=item, outcome=outcome, by=officer, **details)
    close_meeting(meeting=sub, by=officer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release_results(meeting=sub, by=officer)

    messages = {m.to[0]: m for m in mail.outbox}
    assert "viewer@example.org" not in messages
    to_english, to_thai = messages[english.email], messages[thai.email]
    assert to_english.subject.startswith("[Smart City Thailand]")
    assert f"{heading}:" in to_english.body
    assert text in to_english.body
    assert f"{sub.committee.name_en}, meeting {sub.number}/{sub.year_be - 543}" in to_english.body
    assert f"{sub.committee.name_th} ครั้งที่ {sub.reference}" in to_thai.body
    assert to_thai.subject.startswith("[เมืองอัจฉริยะประเทศไทย]")
    assert text in to_thai.body


@pytest.mark.parametrize(
    ("outcome", "details"),
    [
        (Outcome.APPROVE, {"domains": ["environment"]}),
        (Outcome.APPROVE_IN_PRINCIPLE, {"conditions": CONDITIONS}),
        (Outcome.REJECT, {"reasons": REASONS}),
    ],
)
def test_the_released_decision_links_the_proponent_to_the_proposal(
    officer, sub, item, django_capture_on_commit_callbacks, outcome, details
):
    proponent = member(proposal_of(item).organisation, MembershipRole.OWNER)
    record_resolution(item=item, outcome=outcome, by=officer, **details)
    close_meeting(meeting=sub, by=officer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release_results(meeting=sub, by=officer)

    [message] = [m for m in mail.outbox if m.to == [proponent.email]]
    page = absolute_url(reverse("proposals:detail", kwargs={"pk": item.subject_id}))
    assert page in message.body


def acknowledge(officer, sub, item):
    """The sub-committee approved and released; the steering committee acknowledged and
    is closed, ready to release."""
    record_resolution(item=item, outcome=Outcome.APPROVE, domains=["environment"], by=officer)
    release(sub, officer)
    steering = meeting_in_session(officer, CommitteeKind.STEERING)
    acknowledgement = add_proposal_item(meeting=steering, proposal=proposal_of(item), by=officer)
    record_resolution(item=acknowledgement, outcome=Outcome.ACKNOWLEDGE, by=officer)
    close_meeting(meeting=steering, by=officer)
    return steering


def test_the_certification_email_gives_the_certificate_number_and_its_verification_page(
    officer, sub, item, django_capture_on_commit_callbacks
):
    organisation = proposal_of(item).organisation
    english = member(organisation, MembershipRole.OWNER, preferred_language="en")
    thai = member(organisation, MembershipRole.EDITOR, preferred_language="th")
    steering = acknowledge(officer, sub, item)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release_results(meeting=steering, by=officer)

    number = Certificate.objects.get(proposal=proposal_of(item)).number
    verification = absolute_url(reverse("certification:verify", kwargs={"number": number}))
    page = absolute_url(reverse("proposals:detail", kwargs={"pk": item.subject_id}))
    messages = {m.to[0]: m for m in mail.outbox}
    assert len([m for m in mail.outbox if m.to[0] == english.email]) == 1  # one email, not two
    to_english, to_thai = messages[english.email], messages[thai.email]
    assert to_english.subject == (
        f"[Smart City Thailand] {proposal_of(item).name_en}: Certified, certificate {number}"
    )
    assert to_thai.subject.startswith("[เมืองอัจฉริยะประเทศไทย]")
    assert f"ใบรับรองเลขที่ {number}" in to_thai.subject
    for message in (to_english, to_thai):
        assert number in message.body
        assert verification in message.body
        assert page in message.body
    # The resolution's meeting, named in each reader's language and era.
    number, year_be = steering.number, steering.year_be
    assert f"ครั้งที่ {number}/{year_be}" in to_thai.body
    assert f"meeting {number}/{year_be - 543}" in to_english.body
    assert verification.startswith("http")


def test_a_line_break_in_the_name_gives_one_line_certification_subject(
    officer, sub, item, django_capture_on_commit_callbacks
):
    Proposal.objects.filter(pk=item.subject_id).update(name_en="Mae Sot\r\nSmart City")
    proponent = member(proposal_of(item).organisation, preferred_language="en")
    steering = acknowledge(officer, sub, item)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release_results(meeting=steering, by=officer)

    [message] = [m for m in mail.outbox if m.to == [proponent.email]]
    assert message.subject.startswith("[Smart City Thailand] Mae Sot Smart City: Certified")
    message.message()  # the headers build


def test_releasing_while_the_mail_server_is_down_certifies_and_logs(
    officer, sub, item, django_capture_on_commit_callbacks, settings, caplog
):
    steering = acknowledge(officer, sub, item)
    settings.EMAIL_BACKEND = "tests.core.backends.DownBackend"

    with django_capture_on_commit_callbacks(execute=True):
        release_results(meeting=steering, by=officer)

    steering.refresh_from_db()
    assert steering.status == MeetingStatus.RELEASED
    assert Proposal.objects.get(pk=item.subject_id).state == S.CERTIFIED
    assert "Could not send the certification.area.certified email" in caplog.text


def test_the_proponent_finds_the_certificate_from_the_proposal(client, officer, sub, item):
    owner = member(proposal_of(item).organisation, MembershipRole.OWNER)
    steering = acknowledge(officer, sub, item)
    client.force_login(owner)
    before = client.get(reverse("proposals:detail", kwargs={"pk": item.subject_id})).text

    release_results(meeting=steering, by=officer)

    page = client.get(reverse("proposals:detail", kwargs={"pk": item.subject_id})).text
    verification = reverse(
        "certification:verify", kwargs={"number": Certificate.objects.get().number}
    )
    assert verification not in before and verification in page
