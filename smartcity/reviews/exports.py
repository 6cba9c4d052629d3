"""The secretariat's exports of a phase: every submitted review (CSV, or the first sheet of
the XLSX) and, in the XLSX, a summary per proposal in rank order. Secretariat only: the
files name the reviewers."""

import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice
from typing import BinaryIO

from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import Rank
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from smartcity.core.db import sort_key_ordering
from smartcity.core.exports import Progress, export_kind
from smartcity.core.i18n import localised
from smartcity.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_lines, xlsx_row
from smartcity.geo.models import Province
from smartcity.reviews import selectors, subjects
from smartcity.reviews.enums import Recommendation, ReviewState
from smartcity.reviews.models import Dossier, Review, ReviewPhase, SummaryRecommendation

SHEET_REVIEWS = "Reviews"
SHEET_SUMMARY = "Summary"


def ranked_board(phase: ReviewPhase) -> QuerySet[Dossier]:
    """selectors.evaluation_board() with each dossier's rank by mean total (1 is best;
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
    "assignment__dossier",
    "assignment__dossier__subject_id",
    "assignment__dossier__title_th",
    "assignment__dossier__title_en",
    "assignment__dossier__organisation",
    "assignment__dossier__organisation__name_th",
    "assignment__dossier__organisation__name_en",
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
            "assignment__dossier__organisation",
            "assignment__reviewer__user",
            "assignment__phase",
        )
        # Only the columns a row shows: a subject's texts and boundary, or a province's
        # boundary, read once per review, made the 100x export take a minute.
        .only(*EXPORT_FIELDS)
        .prefetch_related(
            "criterion_results",
            Prefetch(
                "assignment__dossier__provinces",
                queryset=Province.objects.only("code", "name_th", "name_en", "sort_name").order_by(
                    sort_key_ordering("sort_name")
                ),
            ),
        )
        .order_by("assignment__dossier_id", "submitted_at", "pk")
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
    for _code, label in subjects.criterion_columns():
        headers += [f"{label} (%)", f"{label}: {_('pass or fail')}"]
    return [*headers, _("Recommendation"), _("Conditions to revise"), _("Submitted at")]


def review_row(review: Review) -> list:
    assignment = review.assignment
    dossier = assignment.dossier
    results = {r.criterion: r for r in review.criterion_results.all()}
    row = [
        dossier.subject_id,
        dossier.title_th,
        dossier.title_en,
        localised(dossier.organisation, "name"),
        ", ".join(localised(p, "name") for p in dossier.provinces.all()),
        localised(assignment.phase, "name"),
        assignment.reviewer.user.full_name or assignment.reviewer.user.email,
        review.total_score,
    ]
    for code, _name in subjects.criterion_columns():
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
    dossier: Dossier
    assigned: int
    submitted: int
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    low: Decimal | None
    high: Decimal | None
    disagreement: bool
    recommendation: str


def summary_rows(phase: ReviewPhase | None, totals: dict[int, list[Decimal]]) -> list[SummaryRow]:
    """One row per proposal of the phase's board, best first. Median and spread come from
    the totals of the reviews already read for the first sheet, by proposal (the same
    definitions as the aggregate on the proposal's page: the population standard
    deviation)."""
    if phase is None:
        return []
    board = list(ranked_board(phase))
    summaries = dict(
        SummaryRecommendation.objects.filter(dossier__in=[d.pk for d in board]).values_list(
            "dossier_id", "recommendation"
        )
    )
    rows = []
    for dossier in board:
        values = totals.get(dossier.pk, [])
        rows.append(
            SummaryRow(
                rank=dossier.rank if dossier.mean_total is not None else None,
                dossier=dossier,
                assigned=dossier.n_assigned,
                submitted=dossier.n_submitted,
                mean=_round(dossier.mean_total),
                median=Decimal(str(statistics.median(values))) if values else None,
                spread=selectors._spread(values) if values else None,
                low=dossier.low_total,
                high=dossier.high_total,
                disagreement=dossier.range_total is not None
                and dossier.range_total >= phase.disagreement_threshold,
                recommendation=_label(Recommendation, summaries.get(dossier.pk, "")),
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
    dossier = row.dossier
    return [
        row.rank,
        dossier.subject_id,
        dossier.title_th,
        dossier.title_en,
        localised(dossier.organisation, "name"),
        row.assigned,
        row.submitted,
        row.mean,
        row.median,
        row.spread,
        row.low,
        row.high,
        _("yes") if row.disagreement else _("no"),
        row.recommendation,
        dossier.get_status_display(),
    ]


# Rows read from the database per query (with their prefetches): memory stays flat
# however many reviews a phase has, and the number of queries grows only per chunk.
EXPORT_CHUNK = 2000
# The widths of the columns are measured on the first rows (write-only sheets must be
# sized before their first row is written).
WIDTH_SAMPLE = 50


def review_rows(
    phase: ReviewPhase | None, *, totals: dict | None = None, progress: Progress | None = None
) -> Iterator[list]:
    """One row per submitted review, read in chunks. If `totals` is given, each review's
    total is added to it by proposal (what the summary's median and spread need); if
    `progress` is, each review read is counted (a background export's progress)."""
    reviews = submitted_reviews(phase).iterator(chunk_size=EXPORT_CHUNK)
    if progress is not None:
        reviews = progress.counted(reviews)
    for review in reviews:
        if totals is not None:
            totals.setdefault(review.assignment.dossier_id, []).append(review.total_score)
        yield review_row(review)


def reviews_csv(phase: ReviewPhase | None, *, progress: Progress | None = None) -> Iterator[str]:
    """The submitted reviews as lines of CSV, starting with a byte-order mark so that Excel
    reads the Thai as UTF-8. Lazy: for a StreamingHttpResponse or a background export."""
    rows = (
        [*row[:-1], row[-1].isoformat(sep=" ")] for row in review_rows(phase, progress=progress)
    )
    return csv_lines(review_headers(), rows)


def reviews_xlsx(
    phase: ReviewPhase | None, out: BinaryIO, *, progress: Progress | None = None
) -> None:
    """A workbook of two sheets written to `out`: "Reviews" (as the CSV) and "Summary" (per
    proposal, in rank order). Write-only, so rows go to disk as they are made: memory
    stays flat, and time grows with the rows, not with their square."""
    workbook = Workbook(write_only=True)
    totals: dict[int, list[Decimal]] = {}
    reviews = review_rows(phase, totals=totals, progress=progress)
    _write_sheet(workbook, SHEET_REVIEWS, review_headers(), reviews)
    # The summary reads the totals gathered while the first sheet was written.
    summaries = (summary_row(r) for r in summary_rows(phase, totals))
    _write_sheet(workbook, SHEET_SUMMARY, summary_headers(), summaries)
    workbook.save(out)


def _write_sheet(workbook: Workbook, title: str, headers: list[str], rows: Iterator[list]):
    sheet = workbook.create_sheet(title)
    sample = list(islice(rows, WIDTH_SAMPLE))
    for index, header in enumerate(headers):
        width = max(
            len(str(v if v is not None else "")) for v in [header, *(r[index] for r in sample)]
        )
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width, 8), 50) + 2
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_row(sheet, headers, font=Font(bold=True)))
    for row in chain(sample, rows):
        sheet.append(xlsx_row(sheet, row))


# In the background (core.exports): the same files, made by the worker with their progress.


def filename(phase: ReviewPhase | None, extension: str) -> str:
    scope = f"phase-{phase.pk}" if phase else "all-phases"
    return f"evaluation-{scope}-{timezone.localdate().isoformat()}.{extension}"


def _phase(parameters: dict) -> ReviewPhase | None:
    pk = parameters.get("phase")
    return ReviewPhase.objects.get(pk=pk) if pk else None


def _write_csv(parameters: dict, out: BinaryIO, progress: Progress) -> None:
    phase = _phase(parameters)
    progress.total(submitted_reviews(phase).count())
    for line in reviews_csv(phase, progress=progress):
        out.write(line.encode("utf-8"))


def _write_xlsx(parameters: dict, out: BinaryIO, progress: Progress) -> None:
    phase = _phase(parameters)
    progress.total(submitted_reviews(phase).count())
    reviews_xlsx(phase, out, progress=progress)


def _filename_of(extension: str):
    return lambda parameters: filename(_phase(parameters), extension)


CSV_EXPORT = export_kind(
    "reviews.evaluation_csv",
    title=gettext_lazy("Evaluation results (CSV)"),
    extension="csv",
    content_type=CSV_CONTENT_TYPE,
    permission="reviews.manage_evaluation",
    filename=_filename_of("csv"),
    write=_write_csv,
)
XLSX_EXPORT = export_kind(
    "reviews.evaluation_xlsx",
    title=gettext_lazy("Evaluation results (Excel)"),
    extension="xlsx",
    content_type=XLSX_CONTENT_TYPE,
    permission="reviews.manage_evaluation",
    filename=_filename_of("xlsx"),
    write=_write_xlsx,
)
