"""What happened to a proposal: its frozen versions, its timeline, its screenings."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from smartcity.core.dates import BE_OFFSET
from smartcity.proposals.enums import (
    ProposalState,
    ScreeningOutcome,
)
from smartcity.proposals.models.proposal import Proposal


class ProposalVersion(models.Model):
    """What was submitted, frozen: the proposal's content and the criteria it is judged by."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(_("content"))
    criteria = models.JSONField(_("criteria"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="proposalversion_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"


class StateChange(models.Model):
    """The proposal's timeline, as the applicant and the secretariat see it. A row whose
    state does not change records a due date moved (`due_on`, the new date; `note`, why)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=ProposalState.choices)
    to_state = models.CharField(max_length=20, choices=ProposalState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    due_on = models.DateField(_("new due date"), null=True, blank=True)
    note = models.TextField(blank=True)  # what a person wrote: conditions, reasons
    # What the step refers to, kept as data so that each reader sees it in their own
    # language: {"version": 2} or {"meeting": {"committee_th", "committee_en", "number",
    # "year_be"}}.
    reference = models.JSONField(_("reference"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    @property
    def moves_due_date(self) -> bool:
        return self.from_state == self.to_state and self.due_on is not None

    def reference_text(self) -> str:
        """The version or meeting of the step, in the reader's language: "ฉบับที่ 2",
        "คณะอนุกรรมการ… ครั้งที่ 2/2569"; "Version 2", "… meeting 2/2026" in English."""
        if "version" in self.reference:
            return gettext("Version %(n)s") % {"n": self.reference["version"]}
        meeting = self.reference.get("meeting")
        if not meeting:
            return ""
        thai = (get_language() or "th").startswith("th")
        name = (meeting.get("committee_th") if thai else meeting.get("committee_en")) or (
            meeting.get("committee_th") or meeting.get("committee_en") or ""
        )
        year = meeting["year_be"] if thai else meeting["year_be"] - BE_OFFSET
        number = f"{meeting['number']}/{year}" if meeting.get("number") else str(year)
        return gettext("%(committee)s, meeting %(number)s") % {"committee": name, "number": number}


class ScreeningDecision(models.Model):
    """The secretariat's screening of one submitted version."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="screenings")
    version = models.ForeignKey(
        ProposalVersion, on_delete=models.PROTECT, related_name="screenings"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScreeningOutcome.choices)
    checklist = models.JSONField(_("checklist"), default=dict)
    missing_items = models.JSONField(_("missing items"), default=list, blank=True)
    due_on = models.DateField(_("information due on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return self.get_outcome_display()
