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
