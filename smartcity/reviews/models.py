from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import TimeStampedModel
from smartcity.reviews.enums import (
    ConflictSource,
    DossierStatus,
    PhaseStatus,
    Recommendation,
    ReviewState,
    ScoreVisibility,
)


class Reviewer(TimeStampedModel):
    """An expert in the reviewer pool: what they know and where they come from, which is
    what conflicts of interest are detected from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer"
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expertise = models.JSONField(_("domains of expertise"), default=list, blank=True)
    max_load = models.PositiveSmallIntegerField(_("most proposals at once"), default=5)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")

    def __str__(self) -> str:
        return str(self.user)


class ConflictRules(models.Model):
    """What the platform detects as a conflict of interest (one row)."""

    same_organisation = models.BooleanField(_("same organisation as the proponent"), default=True)
    same_province = models.BooleanField(_("same province as the area"), default=False)

    class Meta:
        verbose_name = _("conflict-of-interest rules")
        verbose_name_plural = _("conflict-of-interest rules")

    def __str__(self) -> str:
        return str(_("Conflict-of-interest rules"))


class Dossier(TimeStampedModel):
    """แฟ้มพิจารณา: what the review engine evaluates, whatever its subject (a proposal
    today). The owning app opens it (reviews.subjects) and the engine reads only this:
    the label shown in blind phases, the title shown otherwise, the subject's organisation
    and provinces (conflict rules), its domains (expertise matching) and the rubric frozen
    from a criteria set (the score sheet). `subject_kind` + `subject_id` lead back to the
    subject for its owner."""

    subject_kind = models.CharField(_("kind of subject"), max_length=40)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    label_th = models.CharField(_("label (Thai)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    title_th = models.CharField(_("title (Thai)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    provinces = models.ManyToManyField(
        "geo.Province", verbose_name=_("provinces"), blank=True, related_name="+"
    )
    domains = models.JSONField(_("domains"), default=list, blank=True)
    criteria = models.JSONField(_("rubric"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DossierStatus.choices,
        default=DossierStatus.IN_EVALUATION,
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_kind", "subject_id"], name="dossier_unique_subject"
            )
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.title_th or self.label_th

    @property
    def rubric(self) -> list[dict]:
        return (self.criteria or {}).get("criteria", [])


class Conflict(TimeStampedModel):
    """A conflict of interest between a reviewer and a dossier. While not dismissed, the
    reviewer cannot be assigned and sees nothing of its subject anywhere."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="conflicts")
    source = models.CharField(_("source"), max_length=20, choices=ConflictSource.choices)
    reason = models.TextField(_("reason"), blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "dossier", "source"], name="conflict_unique_source"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "dossier"])]

    def __str__(self) -> str:
        return f"{self.reviewer} × {self.dossier} ({self.get_source_display()})"


class ReviewPhase(TimeStampedModel):
    """A round of evaluation. Its settings are the capabilities of the people in it."""

    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED
    )
    reviewers_may_score = models.BooleanField(_("reviewers may score"), default=True)
    score_visibility = models.CharField(
        _("other reviewers' scores are shown"),
        max_length=20,
        choices=ScoreVisibility.choices,
        default=ScoreVisibility.AFTER_SUBMITTING,
    )
    blind = models.BooleanField(_("blind: hide the proponent's identity"), default=False)
    reviewers_per_proposal = models.PositiveSmallIntegerField(
        _("reviewers per proposal"), default=3
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement: spread of total scores (points of 100) that flags a proposal"),
        max_digits=5,
        decimal_places=2,
        default=20,
    )

    class Meta:
        verbose_name = _("review phase")
        verbose_name_plural = _("review phases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def is_open(self) -> bool:
        return self.status == PhaseStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == PhaseStatus.CLOSED


class Assignment(TimeStampedModel):
    phase = models.ForeignKey(ReviewPhase, on_delete=models.PROTECT, related_name="assignments")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="assignments")
    due_on = models.DateField(_("due on"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_after_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "dossier", "reviewer"], name="assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.dossier}"


class Review(TimeStampedModel):
    """A reviewer's score sheet for one assignment. Only services change `state`."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=30, choices=Recommendation.choices, blank=True
    )
    conditions = models.TextField(_("conditions to revise"), blank=True)
    domain_assessments = models.JSONField(_("assessment per domain"), default=dict, blank=True)
    # Computed when submitted, from the dossier's rubric: 0 to 100.
    total_score = models.DecimalField(
        _("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.assignment} ({self.get_state_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.state == ReviewState.SUBMITTED


class ReviewScore(models.Model):
    """The score of one sub-item of one criterion, with the required comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=20)
    item = models.PositiveSmallIntegerField(help_text=_("Position of the sub-item, from 1."))
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion", "item"], name="reviewscore_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}.{self.item}: {self.score}"


class CriterionResult(models.Model):
    """A submitted review's result on one criterion, as a percentage of its maximum, kept
    so that boards aggregate in the database."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="criterion_results")
    criterion = models.CharField(max_length=20)
    percent = models.DecimalField(max_digits=6, decimal_places=2)
    passed = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="criterionresult_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.percent}"


class SummaryRecommendation(TimeStampedModel):
    """The secretariat's recommendation to the sub-committee, after the reviews."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="summary_recommendation"
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=30, choices=Recommendation.choices
    )
    conditions = models.TextField(_("conditions to revise"), blank=True)
    summary = models.TextField(_("summary"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("summary recommendation")
        verbose_name_plural = _("summary recommendations")

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_recommendation_display()}"


class DossierSummary(models.Model):
    """What the board shows of one dossier in one phase, kept by the services that change
    its assignments, reviews or conflicts (services.summaries), so that a page of the board
    reads fifty rows instead of aggregating the whole phase. A row exists while the dossier
    has an assignment in the phase; `manage.py rebuild_review_summaries` writes them all
    again from the source rows."""

    phase = models.ForeignKey(ReviewPhase, on_delete=models.CASCADE, related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="summaries")
    assigned = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    # Score sheets started and not submitted (draft or reopened).
    drafts = models.PositiveIntegerField(default=0)
    # Reviewers with a standing (undismissed) conflict of interest with the dossier.
    conflicts = models.PositiveIntegerField(default=0)
    # Of the submitted totals; four places so that near means do not tie on the board.
    mean_total = models.DecimalField(max_digits=8, decimal_places=4, null=True)
    low_total = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    high_total = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    range_total = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    disagreement = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phase", "dossier"], name="dossiersummary_unique")
        ]
        # The board's order: best mean first (no mean last), then the dossier.
        indexes = [
            models.Index(fields=["phase", "-mean_total", "dossier"], name="dossiersummary_board")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.phase_id}: {self.submitted}/{self.assigned}"


class ReviewerSummary(models.Model):
    """A reviewer's load in one phase, kept like DossierSummary, for the reviewer pool. A
    row exists while the reviewer has an assignment in the phase."""

    phase = models.ForeignKey(ReviewPhase, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="summaries")
    assigned = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    drafts = models.PositiveIntegerField(default=0)
    # Dossiers the reviewer has a standing conflict of interest with (any phase).
    conflicts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phase", "reviewer"], name="reviewersummary_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} @ {self.phase_id}: {self.assigned}"
