"""The refusals of evaluation's services."""

from smartcity.core.errors import ActionRefused
from smartcity.reviews.models import ConflictRules


class EvaluationError(ActionRefused):
    """An evaluation action that cannot be done; the message is for the person acting."""


class StaleReview(EvaluationError):
    pass


def conflict_rules() -> ConflictRules:
    return ConflictRules.objects.first() or ConflictRules()
