from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the reviewer")
    SAME_ORGANISATION = "same_organisation", _("Same organisation as the proponent")
    SAME_PROVINCE = "same_province", _("Same province as the area")


class ScoreVisibility(models.TextChoices):
    """When a reviewer may see the other reviewers' scores in a phase."""

    NEVER = "never", _("Never")
    AFTER_SUBMITTING = "after_submitting", _("After submitting their own")
    ALWAYS = "always", _("Always")


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", pgettext_lazy("phase status", "Closed")

    @classmethod
    def not_closed(cls) -> frozenset["PhaseStatus"]:
        """Planned or open: the phase's assignments still count in a reviewer's load."""
        return frozenset({cls.PLANNED, cls.OPEN})


class DossierStatus(models.TextChoices):
    """Where a dossier's evaluation stands. The values and words are those of the
    proposals' own states, so a page shows the same badge whatever the subject."""

    IN_EVALUATION = "in_evaluation", _("In evaluation")
    EVALUATED = "evaluated", _("Evaluated")


class ReviewState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")
    REOPENED = "reopened", pgettext_lazy("review state", "Reopened")

    @classmethod
    def editable(cls) -> frozenset["ReviewState"]:
        """The reviewer may still change the score sheet (draft, or reopened by the
        secretariat); a submitted review is locked and counts in the results."""
        return frozenset({cls.DRAFT, cls.REOPENED})


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = (
        "approve_with_conditions",
        _("Approve in principle, with conditions to revise"),
    )
    REJECT = "reject", _("Reject")
