from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("In screening")
    RETURNED = "returned", _("Returned for information")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    IN_EVALUATION = "in_evaluation", _("In evaluation")
    EVALUATED = "evaluated", _("Evaluated")
    # The sub-committee's resolutions, once released.
    APPROVED = "approved", _("Approved by the sub-committee")
    REVISING = "revising", _("Approved in principle: revising")
    REVISED = "revised", _("Revised, awaiting the sub-committee")
    REJECTED = "rejected", _("Not approved")
    # The steering committee acknowledged the approval: the area is certified.
    CERTIFIED = "certified", _("Certified")
    INELIGIBLE = "ineligible", _("Ineligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def editable(cls) -> frozenset["ProposalState"]:
        """The proponent may edit and then submit the proposal (draft, returned, revising)."""
        return frozenset({cls.DRAFT, cls.RETURNED, cls.REVISING})

    @classmethod
    def withdrawable(cls) -> frozenset["ProposalState"]:
        """The proponent may still withdraw the proposal: no evaluation or decision yet
        on the version in hand."""
        return frozenset({cls.DRAFT, cls.SUBMITTED, cls.RETURNED, cls.RESUBMITTED, cls.REVISING})

    @classmethod
    def awaiting_screening(cls) -> frozenset["ProposalState"]:
        """Submitted or resubmitted, waiting for the secretariat to start screening it."""
        return frozenset({cls.SUBMITTED, cls.RESUBMITTED})

    @classmethod
    def screenable(cls) -> frozenset["ProposalState"]:
        """With the secretariat for screening (the screening queue's default view)."""
        return cls.awaiting_screening() | {cls.SCREENING}

    @classmethod
    def asked_of_proponent(cls) -> frozenset["ProposalState"]:
        """The proponent is asked for something: information (returned) or a revision."""
        return frozenset({cls.RETURNED, cls.REVISING})

    @classmethod
    def awaiting_decision(cls) -> frozenset["ProposalState"]:
        """The sub-committee may decide on the proposal (evaluated, or revised after an
        approval in principle)."""
        return frozenset({cls.EVALUATED, cls.REVISED})

    @classmethod
    def dropped(cls) -> frozenset["ProposalState"]:
        """Out of the process before any decision (withdrawn or ineligible): its area no
        longer counts when overlaps are looked for."""
        return frozenset({cls.WITHDRAWN, cls.INELIGIBLE})

    @classmethod
    def seen_by_secretariat(cls) -> frozenset["ProposalState"]:
        """Every state but draft: drafts are the proponent's own business."""
        return frozenset(cls) - {cls.DRAFT}

    @classmethod
    def told_to_proponent(cls) -> frozenset["ProposalState"]:
        """Moving into this state emails the proponent's owners and editors. Not certified:
        the certification app's own email tells them, with the certificate's number."""
        return frozenset(
            {
                cls.SUBMITTED,
                cls.RESUBMITTED,
                cls.RETURNED,
                cls.IN_EVALUATION,
                cls.INELIGIBLE,
                cls.APPROVED,
                cls.REVISING,
                cls.REVISED,
                cls.REJECTED,
            }
        )

    @classmethod
    def told_to_secretariat(cls) -> frozenset["ProposalState"]:
        """Moving into this state emails the secretariat: something came in or went."""
        return frozenset({cls.SUBMITTED, cls.RESUBMITTED, cls.REVISED, cls.WITHDRAWN})

    @classmethod
    def decided(cls) -> frozenset["ProposalState"]:
        """A committee has decided on the proposal (the sub-committee's resolution or the
        certification); the step that made the decision explains it in its note."""
        return frozenset({cls.APPROVED, cls.REVISING, cls.REJECTED, cls.CERTIFIED})

    @classmethod
    def screened_out(cls) -> frozenset["ProposalState"]:
        """Screening did not pass the proposal (returned for information, ineligible): the
        screening decision is told with it."""
        return frozenset({cls.RETURNED, cls.INELIGIBLE})


class CityType(models.TextChoices):
    EXISTING = "existing", _("Existing livable city")
    NEW = "new", _("New city")


class CriterionCode(models.TextChoices):
    """The five criteria every proposal must satisfy (หลักเกณฑ์ 5 ด้าน)."""

    AREA_VISION = "area_vision", _("Area and vision")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure plan")
    DATA_PLATFORM = "data_platform", _("City data platform")
    SERVICES = "services", _("Smart services")
    MANAGEMENT = "management", _("Sustainable management")


class CriteriaSetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class Openness(models.TextChoices):
    OPEN = "open", _("Open data")
    SHARED = "shared", _("Shared with partners")
    RESTRICTED = "restricted", _("Restricted")


class ScreeningOutcome(models.TextChoices):
    PASS = "pass", _("Pass to evaluation")
    RETURN = "return", _("Return for information")
    INELIGIBLE = "ineligible", _("Ineligible")
