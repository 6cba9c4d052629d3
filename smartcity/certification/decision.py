"""Proposals on the sub-committee's agenda: the "proposal for decision" subject kind.

Registered with the committee's agenda at start-up (CertificationConfig.ready): it lives
in certification, which sits above both committee and proposals in the app map, so neither
of those imports the other. What goes on
the agenda: evaluated and revised proposals, with their mean score and the secretariat's
recommendation. The outcomes: approve (for some of the domains the proposal covers),
approve in principle with conditions, reject, defer. Recused at once: members of the
proponent organisation and members with an undismissed conflict from the evaluation.
Releasing a resolution moves the proposal through its own state service (a deferred one
stays where it is, free for a later agenda).

The helpers below (`proposals_by_id`, `subject_of`, `conflicts`, `refusal`) are shared
with the kinds of other apps whose subject is a proposal (certification's "acknowledge an
approval")."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from smartcity.accounts.models import Membership
from smartcity.committee import subjects
from smartcity.committee.enums import CommitteeKind, ItemKind, Outcome
from smartcity.committee.subjects import Evaluation, Subject, SubjectKind
from smartcity.core.enums import Domain
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.evaluation import KIND as REVIEW_KIND
from smartcity.proposals.models import Proposal, Solution
from smartcity.proposals.presentation import criterion_label
from smartcity.proposals.services.errors import ProposalError
from smartcity.proposals.services.state import transition_proposal
from smartcity.reviews import selectors as review_selectors

KIND = "proposals.proposal"

# The sub-committee's outcomes and the proposal state each leads to.
STATE_AFTER = {
    Outcome.APPROVE: ProposalState.APPROVED,
    Outcome.APPROVE_IN_PRINCIPLE: ProposalState.REVISING,
    Outcome.REJECT: ProposalState.REJECTED,
}
ELIGIBLE_STATES = ProposalState.awaiting_decision()


def evaluations(proposal_ids) -> dict[int, Evaluation]:
    """The submitted reviews' count and mean total per proposal, in one query (read from
    the review engine's dossiers of kind "proposal")."""
    rows = review_selectors.evaluations(REVIEW_KIND, proposal_ids)
    return {pk: Evaluation(row.reviews, row.mean_total) for pk, row in rows.items()}


def proposed_domains(proposal: Proposal) -> list[str]:
    """The domains the proposal's solutions cover, in the proposal's order (read from
    the solutions prefetched by proposals_by_id, or queried)."""
    seen: list[str] = []
    for solution in proposal.solutions.all():
        if solution.domain not in seen:
            seen.append(solution.domain)
    return seen


def proposals_by_id(ids) -> dict[int, Proposal]:
    """The proposals of `ids` with what the agenda shows of them, in a fixed number of
    queries; each carries `.evaluation` (None without a submitted review)."""
    proposals = (
        Proposal.objects.filter(pk__in=list(ids))
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "solutions",
                queryset=Solution.objects.order_by("position", "pk").only(
                    "pk", "proposal_id", "domain", "position"
                ),
            ),
        )
    )
    found = {proposal.pk: proposal for proposal in proposals}
    marks = evaluations(found)
    summaries = review_selectors.summaries_for(REVIEW_KIND, found)
    for pk, proposal in found.items():
        proposal.evaluation = marks.get(pk)
        proposal.summary_recommendation = summaries.get(pk)
    return found


def subject_of(proposal: Proposal, *, kind: str, title_th: str, title_en: str, **fields) -> Subject:
    """A proposal as the committee's agenda shows it."""
    summary = getattr(proposal, "summary_recommendation", None)
    proposed = proposed_domains(proposal)
    details = {"proposed": proposed, "domain_labels": [Domain(d).label for d in proposed]}
    details.update(fields.pop("details", {}))
    return Subject(
        kind=kind,
        id=proposal.pk,
        name_th=proposal.name_th,
        name_en=proposal.name_en,
        title_th=title_th[:500],
        title_en=title_en[:500],
        proponent=proposal.organisation,
        status=(proposal.state, proposal.get_state_display()),
        evaluation=proposal.evaluation,
        recommendation=summary.get_recommendation_display() if summary else "",
        obj=proposal,
        details=details,
        **fields,
    )


def _subjects(*, ids) -> dict[int, Subject]:
    result = {}
    for pk, proposal in proposals_by_id(ids).items():
        result[pk] = subject_of(
            proposal,
            kind=KIND,
            title_th=f"พิจารณาข้อเสนอพื้นที่เมืองอัจฉริยะ: {proposal.name_th or proposal.name_en}",
            title_en=f"Proposal for decision: {proposal.name_en or proposal.name_th}",
            domains=proposed_domains(proposal),
            facts_template="certification/decision/_facts.html",
            papers_template="certification/decision/_papers.html",
        )
    return result


def _eligible(*, meeting) -> list[int]:
    return list(
        Proposal.objects.filter(state__in=ELIGIBLE_STATES)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )


def refusal(*, subject_id: int) -> str:
    """Why the proposal `subject_id` may not go on this agenda: its state."""
    proposal = Proposal.objects.filter(pk=subject_id).first()
    if proposal is None:
        return _("Choose a proposal from the list.")
    return _("A proposal that is “%(state)s” cannot go on this committee's agenda.") % {
        "state": proposal.get_state_display()
    }


def lock(*, subject_id: int) -> None:
    # A proposal withdrawn while it is put on the agenda waits for the agenda, then is
    # found ineligible.
    list(Proposal.objects.select_for_update().filter(pk=subject_id).values_list("pk"))


def conflicts(*, subject: Subject) -> dict[int, str]:
    """Who takes no part in an item about the proposal: members of the proponent
    organisation, and reviewers with an undismissed conflict on it."""
    proposal = subject.obj
    reasons = {
        # Stored as the source text and read in each reader's language (Recusal.reason_in).
        user_id: gettext_noop("Conflict of interest recorded in the evaluation")
        for user_id in review_selectors.active_conflict_user_ids(REVIEW_KIND, proposal.pk)
    }
    for user_id in Membership.objects.filter(organisation_id=proposal.organisation_id).values_list(
        "user_id", flat=True
    ):
        reasons[user_id] = gettext_noop("Member of the proponent organisation")
    return reasons


def with_provinces(*, subjects: list[Subject]) -> dict[int, dict]:
    """What the pack reads of proposals besides the agenda's: their provinces."""
    prefetch_related_objects([subject.obj for subject in subjects], "provinces")
    return {subject.id: {} for subject in subjects}


def papers(*, subjects: list[Subject]) -> dict[int, dict]:
    """Proposals' papers in the meeting pack: provinces, and the evaluation figures by
    criterion."""
    result = with_provinces(subjects=subjects)
    for subject in subjects:
        proposal = subject.obj
        aggregate = review_selectors.aggregate_for(REVIEW_KIND, proposal.pk)
        frozen = proposal.frozen_criteria or {}
        result[subject.id] = {
            "aggregate": aggregate,
            "criteria": [
                (criterion_label(row.criterion, frozen), row) for row in aggregate.criteria
            ],
        }
    return result


def _release(*, subject: Subject, resolution, meeting, note: str, reference: dict, by) -> None:
    """Move the proposal to the state the sub-committee's outcome leads to."""
    to_state = STATE_AFTER.get(resolution.outcome)
    if to_state is not None:
        transition_proposal(
            proposal=subject.obj, to_state=to_state, by=by, note=note, reference=reference
        )


PROPOSAL_FOR_DECISION = SubjectKind(
    code=KIND,
    label=gettext_lazy("Proposal for decision"),
    committee=CommitteeKind.SUB_COMMITTEE,
    item_kind=ItemKind.FOR_DECISION,
    outcomes=(Outcome.APPROVE, Outcome.APPROVE_IN_PRINCIPLE, Outcome.REJECT, Outcome.DEFER),
    subjects=_subjects,
    eligible=_eligible,
    refusal=refusal,
    already_on_agenda=gettext_lazy("This proposal is already on the agenda of meeting %(ref)s."),
    conflicts=conflicts,
    release=_release,
    refused=(ProposalError,),
    lock=lock,
    papers=papers,
)


def register() -> None:
    subjects.register(PROPOSAL_FOR_DECISION)
