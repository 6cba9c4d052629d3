"""The proposals app's models, one module per part (Django loads them from here)."""

from smartcity.proposals.models.criteria import Call, CriteriaSet, Criterion, CriterionItem
from smartcity.proposals.models.history import ProposalVersion, ScreeningDecision, StateChange
from smartcity.proposals.models.proposal import (
    Attachment,
    DatasetPlan,
    InfrastructureItem,
    Proposal,
    Solution,
    attachment_path,
)

__all__ = [
    "Attachment",
    "Call",
    "CriteriaSet",
    "Criterion",
    "CriterionItem",
    "DatasetPlan",
    "InfrastructureItem",
    "Proposal",
    "ProposalVersion",
    "ScreeningDecision",
    "Solution",
    "StateChange",
    "attachment_path",
]
