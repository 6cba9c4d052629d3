import calendar
import datetime as dt
import math

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from smartcity.committee.enums import (
    Attendance,
    CommitteeKind,
    DatePrecision,
    ItemKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    Outcome,
    ResolutionStatus,
)
from smartcity.core.enums import Domain
from smartcity.core.models import TimeStampedModel


class Committee(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=CommitteeKind.choices, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    quorum_members = models.PositiveSmallIntegerField(
        _("quorum (members present)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the usual rule: at least half of the serving members."),
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name_th

    def quorum_for(self, serving: int) -> int:
        """How many members must be present for a meeting of `serving` members."""
        if self.quorum_members:
            return self.quorum_members
        return max(1, math.ceil(serving / 2))


class CommitteeMember(TimeStampedModel):
    """A person's seat on a committee for a term of office."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    position = models.CharField(
        pgettext_lazy("office held", "position"),
        max_length=300,
        blank=True,
        help_text=_("e.g. the office held ex officio"),
    )
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee", "role", "user__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_ends_on__isnull=True)
                | models.Q(term_ends_on__gte=models.F("term_starts_on")),
                name="committeemember_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def serves_on(self, day: dt.date) -> bool:
        return self.term_starts_on <= day and (
            self.term_ends_on is None or day <= self.term_ends_on
        )


class Meeting(models.Model):
    """A numbered meeting: "ครั้งที่ 1/2565" is meeting 1 of B.E. year 2565.

    Historical meetings may lack a number or an exact date; we keep what the record says
    and how precise it is rather than inventing the rest."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_on_precision = models.CharField(
        _("precision of the date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    starts_at_time = models.TimeField(_("starts at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online meeting link"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    released_at = models.DateTimeField(_("results released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["year_be", "number", "held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year_be", "number"],
                condition=models.Q(number__isnull=False),
                name="meeting_unique_number_per_committee_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.reference}"

    @property
    def reference(self) -> str:
        """ "1/2565", or the year alone when the number is not on record."""
        return f"{self.number}/{self.year_be}" if self.number else str(self.year_be)

    @property
    def is_closed(self) -> bool:
        """Closed, its results not yet released."""
        return self.status == MeetingStatus.CLOSED

    @property
    def is_editable(self) -> bool:
        """Not closed yet: its agenda and attendance may change, its pack may be sent."""
        return self.status in MeetingStatus.editable()

    @property
    def is_released(self) -> bool:
        return self.status == MeetingStatus.RELEASED

    @property
    def is_concluded(self) -> bool:
        return self.status in MeetingStatus.concluded()

    @property
    def effective_on(self) -> dt.date | None:
        """The latest day the meeting can have been held: a month-only date counts from the
        month's last day, so figures "as of" a date never claim a decision too early."""
        if self.held_on is None or self.held_on_precision == DatePrecision.UNKNOWN:
            return None
        if self.held_on_precision == DatePrecision.MONTH:
            last = calendar.monthrange(self.held_on.year, self.held_on.month)[1]
            return self.held_on.replace(day=last)
        return self.held_on


class MeetingAttendee(models.Model):
    """A member invited to a meeting, and whether they attended."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="attendances"
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.INVITED
    )

    class Meta:
        verbose_name = _("meeting attendee")
        verbose_name_plural = _("meeting attendees")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendee_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_attendance_display()}"

    @property
    def is_present(self) -> bool:
        return self.attendance in Attendance.present()


class AgendaItem(TimeStampedModel):
    """One item of a meeting's agenda: a subject for the committee to resolve on (a
    proposal for the sub-committee to decide, a sub-committee approval for the steering
    committee to acknowledge: see committee.subjects), or a matter for information."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    # The subject, as its owner registered its kind ("proposals.proposal"), and its id in
    # the owner's app; both empty for a matter for information.
    subject_kind = models.CharField(_("subject kind"), max_length=50, blank=True, default="")
    subject_id = models.PositiveBigIntegerField(_("subject"), null=True, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    background = models.TextField(_("background"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        indexes = [models.Index(fields=["subject_kind", "subject_id"], name="agendaitem_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agendaitem_unique_position"
            ),
            models.UniqueConstraint(
                fields=["meeting", "subject_kind", "subject_id"],
                condition=models.Q(subject_id__isnull=False),
                name="agendaitem_unique_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(subject_kind="", subject_id__isnull=True)
                | (~models.Q(subject_kind="") & models.Q(subject_id__isnull=False)),
                name="agendaitem_subject_kind_and_id_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.reference} {self.number}: {self.title_th}"

    @property
    def number(self) -> str:
        return f"{self.position}"


class Recusal(models.Model):
    """A member who may not take part in an item: recorded, and shown nothing of it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="recusals")
    reason = models.TextField(_("reason"))
    automatic = models.BooleanField(_("detected automatically"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="recusal_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.item}"

    def reason_in(self, language: str | None = None) -> str:
        """The reason in `language` (the active one by default). An automatic recusal keeps
        its subject kind's source text, so each reader reads it in their own language; a
        reason typed by the secretariat is shown as typed."""
        if not self.automatic:
            return self.reason
        if language is None:
            return gettext(self.reason)
        with translation.override(language):
            return gettext(self.reason)

    @property
    def reason_text(self) -> str:
        return self.reason_in()


class Resolution(TimeStampedModel):
    """What the meeting resolved on an item. Pending until the secretariat releases every
    resolution of the meeting together."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="resolution")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    approved_domains = models.JSONField(_("domains approved"), default=list, blank=True)
    conditions = models.TextField(_("conditions to revise"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.PENDING,
    )
    # The vote, when the committee votes (many resolutions are by consensus): the three
    # counts together, or none of them.
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    votes_for__isnull=True,
                    votes_against__isnull=True,
                    votes_abstaining__isnull=True,
                )
                | models.Q(
                    votes_for__isnull=False,
                    votes_against__isnull=False,
                    votes_abstaining__isnull=False,
                ),
                name="resolution_vote_whole_or_none",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_outcome_display()}"

    @property
    def is_released(self) -> bool:
        return self.status == ResolutionStatus.RELEASED

    @property
    def voted(self) -> bool:
        return self.votes_for is not None

    def domain_labels(self) -> list[str]:
        labels = dict(Domain.choices)
        return [str(labels.get(code, code)) for code in self.approved_domains]


class Minutes(TimeStampedModel):
    """The record of a meeting: drafted from the agenda and resolutions, circulated to the
    members, adopted, then locked."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    body = models.TextField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    @property
    def is_draft(self) -> bool:
        return self.status == MinutesStatus.DRAFT

    @property
    def is_circulated(self) -> bool:
        return self.status == MinutesStatus.CIRCULATED

    @property
    def is_adopted(self) -> bool:
        return self.status == MinutesStatus.ADOPTED

    @property
    def is_shared_with_members(self) -> bool:
        return self.status in MinutesStatus.shared_with_members()
