"""The steering committee's agenda: the "acknowledge an approval" subject kind.

Registered with the committee's agenda at start-up (CertificationConfig.ready). The
subject's id is the proposal's. What goes on the agenda: approved proposals whose
approval by the sub-committee is released (an approval imported or typed in by hand
without a released resolution has nothing for the committee to acknowledge). The
outcomes: acknowledge, defer. Recused: as for the proposal (proponent organisation,
undismissed conflicts from the evaluation). Releasing an acknowledgement certifies the
area for the domains the sub-committee approved, then moves the proposal to certified."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartcity.certification import decision as proposals_agenda
from smartcity.certification.services.errors import CertificationError
from smartcity.certification.services.issuing import certify
from smartcity.committee import subjects
from smartcity.committee.enums import CommitteeKind, ItemKind, Outcome
from smartcity.committee.selectors import released_approval, released_approvals
from smartcity.committee.subjects import Subject, SubjectKind
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.errors import ProposalError
from smartcity.proposals.services.state import transition_proposal

KIND = "certification.approval"


def approval_of(proposal_id: int):
    """The sub-committee's released approval of the proposal (the latest), or None."""
    return released_approval(subject_kind=proposals_agenda.KIND, subject_id=proposal_id)


def _subjects(*, ids) -> dict[int, Subject]:
    proposals = proposals_agenda.proposals_by_id(ids)
    approvals = {}
    for approval in (
        released_approvals(subject_kind=proposals_agenda.KIND, subject_ids=list(proposals))
        .select_related("item__meeting__committee")
        .order_by("released_at", "pk")
    ):
        approvals[approval.item.subject_id] = approval  # the latest wins
    result = {}
    for pk, proposal in proposals.items():
        approval = approvals.get(pk)
        result[pk] = proposals_agenda.subject_of(
            proposal,
            kind=KIND,
            title_th=f"รับทราบผลการพิจารณาของคณะอนุกรรมการฯ: {proposal.name_th or proposal.name_en}",
            title_en=f"Acknowledge the sub-committee's approval: {proposal.name_en or proposal.name_th}",
            domains=list(approval.approved_domains) if approval else [],
            facts_template="certification/agenda/_facts.html",
            papers_template="certification/agenda/_papers.html",
            details={"approval": approval},
        )
    return result


def _eligible(*, meeting) -> list[int]:
    approved = released_approvals(subject_kind=proposals_agenda.KIND).filter(
        item__subject_id=OuterRef("pk")
    )
    return list(
        Proposal.objects.filter(state=ProposalState.APPROVED)
        .filter(Exists(approved))
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )


def _refusal(*, subject_id: int) -> str:
    proposal = Proposal.objects.filter(pk=subject_id).first()
    if proposal is not None and proposal.state == ProposalState.APPROVED:
        return _("The sub-committee's approval of this proposal is not released.")
    return proposals_agenda.refusal(subject_id=subject_id)


def _release(*, subject: Subject, resolution, meeting, note: str, reference: dict, by) -> None:
    """An acknowledgement certifies the area for the domains the sub-committee
    approved, then the proposal becomes certified (a deferral changes nothing)."""
    if resolution.outcome != Outcome.ACKNOWLEDGE:
        return
    approval = subject.details["approval"]
    proposal = subject.obj
    certify(
        proposal=proposal,
        domains=approval.approved_domains,
        approving_meeting=approval.item.meeting,
        acknowledging_meeting=meeting,
        by=by,
    )
    transition_proposal(
        proposal=proposal, to_state=ProposalState.CERTIFIED, by=by, note=note, reference=reference
    )


ACKNOWLEDGE_APPROVAL = SubjectKind(
    code=KIND,
    label=gettext_lazy("Acknowledge the sub-committee's approval"),
    committee=CommitteeKind.STEERING,
    item_kind=ItemKind.FOR_INFORMATION,
    outcomes=(Outcome.ACKNOWLEDGE, Outcome.DEFER),
    subjects=_subjects,
    eligible=_eligible,
    refusal=_refusal,
    already_on_agenda=gettext_lazy("This proposal is already on the agenda of meeting %(ref)s."),
    conflicts=proposals_agenda.conflicts,
    release=_release,
    refused=(ProposalError, CertificationError),
    lock=proposals_agenda.lock,
    papers=proposals_agenda.with_provinces,
)


def register() -> None:
    subjects.register(ACKNOWLEDGE_APPROVAL)
