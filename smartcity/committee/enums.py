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

    @classmethod
    def in_progress(cls) -> frozenset["MeetingStatus"]:
        """Scheduled, sitting or closed, results not released: its agenda holds its subjects."""
        return frozenset({cls.SCHEDULED, cls.IN_SESSION, cls.CLOSED})

    @classmethod
    def editable(cls) -> frozenset["MeetingStatus"]:
        """Not closed yet (scheduled or in session): its agenda and attendance may change."""
        return frozenset({cls.SCHEDULED, cls.IN_SESSION})

    @classmethod
    def resolving(cls) -> frozenset["MeetingStatus"]:
        """In session or closed, not released: resolutions may be recorded or corrected."""
        return frozenset({cls.IN_SESSION, cls.CLOSED})

    @classmethod
    def concluded(cls) -> frozenset["MeetingStatus"]:
        """Held and closed on the platform (results released or not): minutes may be drafted."""
        return frozenset({cls.CLOSED, cls.RELEASED})

    @classmethod
    def over(cls) -> frozenset["MeetingStatus"]:
        """Released, cancelled or on the public record: no member is recused any more."""
        return frozenset({cls.RELEASED, cls.CANCELLED, cls.HISTORICAL})

    @classmethod
    def public(cls) -> frozenset["MeetingStatus"]:
        """Its results are public: released on the platform, or on the public record."""
        return frozenset({cls.RELEASED, cls.HISTORICAL})


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    ONLINE = "online", _("Present online")
    ABSENT = "absent", _("Absent")

    @classmethod
    def present(cls) -> frozenset["Attendance"]:
        """Attended, in the room or online: counted towards the quorum."""
        return frozenset({cls.PRESENT, cls.ONLINE})


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

    @classmethod
    def shared_with_members(cls) -> frozenset["MinutesStatus"]:
        """Circulated or adopted: the committee's members may read them."""
        return frozenset({cls.CIRCULATED, cls.ADOPTED})
