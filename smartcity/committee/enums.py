from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommitteeKind(models.TextChoices):
    SUB_COMMITTEE = "sub_committee", _("Sub-committee")
    STEERING = "steering_committee", _("Steering committee")


class DatePrecision(models.TextChoices):
    """How much of a historical date the public record gives."""

    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    UNKNOWN = "unknown", _("Not known")


class MemberRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("committee role", "Chair")
    VICE_CHAIR = "vice_chair", pgettext_lazy("committee role", "Vice-chair")
    MEMBER = "member", pgettext_lazy("committee role", "Member")
    SECRETARY = "secretary", pgettext_lazy("committee role", "Secretary")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    IN_SESSION = "in_session", _("In session")
    CLOSED = "closed", pgettext_lazy("meeting status", "Closed")
    RELEASED = "released", _("Results released")
    CANCELLED = "cancelled", _("Cancelled")
    # Meetings known only from the public record, before the platform.
    HISTORICAL = "historical", _("On record")


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    ONLINE = "online", _("Present online")
    ABSENT = "absent", _("Absent")


class ItemKind(models.TextChoices):
    FOR_INFORMATION = "information", _("For information")
    FOR_DECISION = "decision", _("For decision")


class Outcome(models.TextChoices):
    APPROVE = "approve", pgettext_lazy("resolution", "Approve")
    APPROVE_IN_PRINCIPLE = "approve_in_principle", _("Approve in principle, with conditions")
    REJECT = "reject", pgettext_lazy("resolution", "Reject")
    DEFER = "defer", pgettext_lazy("resolution", "Defer")
    ACKNOWLEDGE = "acknowledge", pgettext_lazy("resolution", "Acknowledge")
    NOTED = "noted", pgettext_lazy("resolution", "Noted")


class ResolutionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("resolution", "Pending release")
    RELEASED = "released", pgettext_lazy("resolution", "Released")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("minutes", "Draft")
    CIRCULATED = "circulated", _("Circulated to members")
    ADOPTED = "adopted", _("Adopted")
