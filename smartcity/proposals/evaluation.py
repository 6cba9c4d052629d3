"""The proposals' side of the review engine (reviews): a proposal is one kind of subject.

- When screening passes (in_evaluation), open_dossier() opens the proposal's dossier with
  what the engine needs: its label for blind phases, its name, organisation, provinces,
  domains and frozen criteria.
- When the engine completes an evaluation, on_completed() moves the proposal to
  "evaluated" through the proposals' own state service.
- The score sheet shows summary(): the latest submitted version, attachments linked through
  reviewer_attachment (proposals.views.reviewer).

Registered at start-up by ProposalsConfig.ready(); the engine never imports this app."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from smartcity.proposals.enums import CriterionCode, ProposalState
from smartcity.proposals.models import Proposal
from smartcity.proposals.presentation import readable_content
from smartcity.proposals.services import errors, state
from smartcity.reviews import services as engine
from smartcity.reviews import subjects
from smartcity.reviews.models import Dossier

KIND = "proposal"


def _label(proposal: Proposal, language: str) -> str:
    with translation.override(language):
        return _("Proposal #%(pk)s") % {"pk": proposal.pk}


def domains_of(proposal: Proposal) -> list[str]:
    """The domains its solutions claim, each once, in the proposal's order."""
    seen: list[str] = []
    for domain in proposal.solutions.order_by("position", "pk").values_list("domain", flat=True):
        if domain not in seen:
            seen.append(domain)
    return seen


def dossier_fields(proposal: Proposal, *, domains: list[str] | None = None) -> dict:
    """What the engine's dossier of `proposal` says of it (the organisation and provinces
    aside): its label in both languages, its name, domains, frozen criteria and when it
    was submitted. `domains` may be given when already read (the bench generators)."""
    return {
        "subject_kind": KIND,
        "subject_id": proposal.pk,
        "label_th": _label(proposal, "th"),
        "label_en": _label(proposal, "en"),
        "title_th": proposal.name_th,
        "title_en": proposal.name_en,
        "domains": domains_of(proposal) if domains is None else domains,
        "criteria": proposal.frozen_criteria or {},
        "received_at": proposal.submitted_at,
    }


def open_dossier(*, proposal: Proposal, by) -> Dossier:
    """Open the dossier of a proposal that passed screening (in its transaction)."""
    return engine.open_dossier(
        **dossier_fields(proposal),
        organisation=proposal.organisation,
        provinces=list(proposal.provinces.all()),
        by=by,
    )


def on_completed(dossier: Dossier, by) -> None:
    """The engine completed the evaluation: the proposal is now evaluated."""
    proposal = Proposal.objects.get(pk=dossier.subject_id)
    try:
        state.transition_proposal(proposal=proposal, to_state=ProposalState.EVALUATED, by=by)
    except errors.ProposalError as error:
        raise engine.EvaluationError(str(error)) from error


def summary(dossier: Dossier, assignment) -> subjects.SubjectSummary:
    """What the reviewer sees of the proposal: its latest submitted version, as submitted."""
    proposal = Proposal.objects.get(pk=dossier.subject_id)
    version = proposal.versions.order_by("-number").first()
    if version is None:
        return subjects.SubjectSummary(
            html=None, empty_text=_("No version of this proposal has been submitted.")
        )
    criteria = version.criteria or proposal.frozen_criteria or {}
    html = render_to_string(
        "proposals/_for_reviewer.html",
        {
            "version": version,
            "content": readable_content(version.content, proposal=proposal, criteria=criteria),
            "content_criteria": criteria,
            "assignment": assignment,
        },
    )
    return subjects.SubjectSummary(html=html)


def admin_url(dossier: Dossier) -> str:
    return reverse("proposals:review", args=[dossier.subject_id])


def criteria() -> list[tuple[str, str]]:
    return [(code.value, code.label) for code in CriterionCode]


def register() -> None:
    subjects.register(
        subjects.SubjectKind(
            kind=KIND,
            summary=summary,
            on_completed=on_completed,
            admin_url=admin_url,
            criteria=criteria,
        )
    )
