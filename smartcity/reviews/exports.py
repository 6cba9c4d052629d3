"""The secretariat's exports of a phase: every submitted review (CSV, or the first sheet of
the XLSX) and, in the XLSX, a summary per proposal in rank order. Secretariat only: the
files name the reviewers."""

import csv
import io
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import Rank
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from smartcity.core.db import sort_key_ordering
from smartcity.core.i18n import localised
from smartcity.geo.models import Province
from smartcity.proposals.enums import CriterionCode
from smartcity.proposals.models import Proposal
from smartcity.reviews import selectors
from smartcity.reviews.enums import Recommendation, ReviewState
from smartcity.reviews.models import Review, ReviewPhase, SummaryRecommendation

# Characters that make a spreadsheet read a cell as a formula (CSV injection): a reviewer's
# text must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_REVIEWS = "Reviews"
SHEET_SUMMARY = "Summary"


def ranked_board(phase: ReviewPhase) -> QuerySet[Proposal]:
    """selectors.evaluation_board() with each proposal's rank by mean total (1 is best;
    equal means share a rank). The database ranks, so a page of the board knows its ranks
    without reading the other pages. A proposal without a submitted review has no rank."""
    return selectors.evaluation_board(phase).annotate(
        rank=Window(Rank(), order_by=F("mean_total").desc(nulls_last=True))
    )


EXPORT_FIELDS = (
    "pk",
    "state",
    "total_score",
    "recommendation",
    "conditions",
    "submitted_at",
    "assignment",
    "assignment__phase",
    "assignment__phase__name_th",
    "assignment__phase__name_en",
    "assignment__proposal",
    "assignment__proposal__name_th",
    "assignment__proposal__name_en",
    "assignment__proposal__organisation",
    "assignment__proposal__organisation__name_th",
    "assignment__proposal__organisation__name_en",
    "assignment__reviewer",
    "assignment__reviewer__user",
    "assignment__reviewer__user__full_name",
    "assignment__reviewer__user__email",
)


def submitted_reviews(phase: ReviewPhase | None) -> QuerySet[Review]:
    """The phase's submitted reviews (every phase's without one), with what a row needs."""
    reviews = Review.objects.filter(state=ReviewState.SUBMITTED)
    if phase is not None:
        reviews = reviews.filter(assignment__phase=phase)
    return (
        reviews.select_related(
            "assignment__proposal__organisation",
            "assignment__reviewer__user",
            "assignment__phase",
        )
        # Only the columns a row shows: a proposal's texts and boundary, or a province's
        # boundary, read once per review, made the 100x export take a minute.
        .only(*EXPORT_FIELDS)
        .prefetch_related(
            "criterion_results",
            Prefetch(
                "assignment__proposal__provinces",
                queryset=Province.objects.only("code", "name_th", "name_en", "sort_name").order_by(
                    sort_key_ordering("sort_name")
                ),
            ),
        )
        .order_by("assignment__proposal_id", "submitted_at", "pk")
    )


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _passed(value: bool | None) -> str:
    if value is None:
        return ""
    return _("pass") if value else _("fail")


def review_headers() -> list[str]:
    headers = [
        _("Proposal ID"),
        _("Proposal (Thai)"),
        _("Proposal (English)"),
        _("Proponent"),
        _("Provinces"),
        _("Phase"),
        _("Reviewer"),
        _("Total (of 100)"),
    ]
    for code in CriterionCode:
        headers += [f"{code.label} (%)", f"{code.label}: {_('pass or fail')}"]
    return [*headers, _("Recommendation"), _("Conditions to revise"), _("Submitted at")]


def review_row(review: Review) -> list:
    assignment = review.assignment
    proposal = assignment.proposal
    results = {r.criterion: r for r in review.criterion_results.all()}
    row = [
        proposal.pk,
        proposal.name_th,
        proposal.name_en,
        localised(proposal.organisation, "name"),
        ", ".join(localised(p, "name") for p in proposal.provinces.all()),
        localised(assignment.phase, "name"),
        assignment.reviewer.user.full_name or assignment.reviewer.user.email,
        review.total_score,
    ]
    for code in CriterionCode:
        result = results.get(code)
        row += [result.percent if result else None, _passed(result.passed if result else None)]
    submitted = timezone.localtime(review.submitted_at).replace(tzinfo=None, microsecond=0)
    return [
        *row,
        _label(Recommendation, review.recommendation),
        review.conditions,
        submitted,
    ]


@dataclass
class SummaryRow:
    rank: int | None
    proposal: Proposal
    assigned: int
    submitted: int
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    low: Decimal | None
    high: Decimal | None
    disagreement: bool
    recommendation: str


def summary_rows(phase: ReviewPhase | None, reviews: list[Review]) -> list[SummaryRow]:
    """One row per proposal of the phase's board, best first. Median and spread come from
    the reviews already read for the first sheet (the same definitions as the aggregate
    on the proposal's page: the population standard deviation)."""
    if phase is None:
        return []
    totals: dict[int, list[Decimal]] = {}
    for review in reviews:
        totals.setdefault(review.assignment.proposal_id, []).append(review.total_score)
    board = list(ranked_board(phase))
    summaries = dict(
        SummaryRecommendation.objects.filter(proposal__in=[p.pk for p in board]).values_list(
            "proposal_id", "recommendation"
        )
    )
    rows = []
    for proposal in board:
        values = totals.get(proposal.pk, [])
        rows.append(
            SummaryRow(
                rank=proposal.rank if proposal.mean_total is not None else None,
                proposal=proposal,
                assigned=proposal.n_assigned,
                submitted=proposal.n_submitted,
                mean=_round(proposal.mean_total),
                median=Decimal(str(statistics.median(values))) if values else None,
                spread=selectors._spread(values) if values else None,
                low=proposal.low_total,
                high=proposal.high_total,
                disagreement=proposal.range_total is not None
                and proposal.range_total >= phase.disagreement_threshold,
                recommendation=_label(Recommendation, summaries.get(proposal.pk, "")),
            )
        )
    return rows


def _round(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def summary_headers() -> list[str]:
    return [
        _("Rank"),
        _("Proposal ID"),
        _("Proposal (Thai)"),
        _("Proposal (English)"),
        _("Proponent"),
        _("Reviewers assigned"),
        _("Reviews submitted"),
        _("Mean total"),
        _("Median total"),
        _("Spread (standard deviation)"),
        _("Lowest total"),
        _("Highest total"),
        _("Disagreement"),
        _("Secretariat's recommendation"),
        _("State"),
    ]


def summary_row(row: SummaryRow) -> list:
    proposal = row.proposal
    return [
        row.rank,
        proposal.pk,
        proposal.name_th,
        proposal.name_en,
        localised(proposal.organisation, "name"),
        row.assigned,
        row.submitted,
        row.mean,
        row.median,
        row.spread,
        row.low,
        row.high,
        _("yes") if row.disagreement else _("no"),
        row.recommendation,
        proposal.get_state_display(),
    ]


def _text_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def reviews_csv(phase: ReviewPhase | None) -> str:
    """The submitted reviews as CSV text, starting with a byte-order mark so that Excel
    reads the Thai as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(review_headers())
    for review in submitted_reviews(phase):
        row = review_row(review)
        row[-1] = row[-1].isoformat(sep=" ")
        writer.writerow(["" if v is None else _text_safe(v) for v in row])
    return out.getvalue()


def reviews_xlsx(phase: ReviewPhase | None) -> bytes:
    """A workbook of two sheets: "Reviews" (as the CSV) and "Summary" (per proposal, in rank
    order)."""
    reviews = list(submitted_reviews(phase))
    workbook = Workbook()
    sheets = [
        (workbook.active, SHEET_REVIEWS, review_headers(), [review_row(r) for r in reviews]),
        (
            workbook.create_sheet(),
            SHEET_SUMMARY,
            summary_headers(),
            [summary_row(r) for r in summary_rows(phase, reviews)],
        ),
    ]
    for sheet, title, headers, rows in sheets:
        sheet.title = title
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                # openpyxl writes a string starting with "=" as a formula: keep text text.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column[:50])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 50) + 2
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
