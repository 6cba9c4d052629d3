"""The secretariat's exports of a phase: every submitted review (CSV, or the first sheet of
the XLSX) and, in the XLSX, a summary per proposal in rank order. Secretariat only: the
files name the reviewers.

How they are written (docs/architecture.md, "Exports"): from values rows read in chunks of
EXPORT_CHUNK (a fixed number of queries per chunk: the reviews, their criterion results,
their proposals' provinces; for the summary, the board's rows, their totals and the
secretariat's recommendations), never a model object per row; what every row shares (the
language, the labels of recommendations and states) is worked out once. The CSV streams
in pieces of rows; the XLSX is written by openpyxl in write-only mode, row by row. Memory
stays flat however many reviews a phase has. The functions the bench calls:
`review_rows(phase)`, `reviews_csv(phase)` and `reviews_xlsx(phase, out)`."""

import statistics
from collections.abc import Iterator
from decimal import Decimal
from itertools import chain, islice
from typing import BinaryIO

from django.db.models import F, QuerySet, Window
from django.db.models.functions import Rank
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from smartcity.core.db import sort_key_ordering
from smartcity.core.exports import Progress, export_kind
from smartcity.core.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_chunks,
    xlsx_row,
    xlsx_values,
)
from smartcity.reviews import selectors, subjects
from smartcity.reviews.enums import DossierStatus, Recommendation, ReviewState
from smartcity.reviews.models import (
    CriterionResult,
    Dossier,
    Review,
    ReviewPhase,
    SummaryRecommendation,
)

SHEET_REVIEWS = "Reviews"
SHEET_SUMMARY = "Summary"


def ranked_board(phase: ReviewPhase) -> QuerySet[Dossier]:
    """selectors.evaluation_board() with each dossier's rank by mean total (1 is best;
    equal means share a rank). The database ranks, so a page of the board knows its ranks
    without reading the other pages. A proposal without a submitted review has no rank."""
    return selectors.evaluation_board(phase).annotate(
        rank=Window(Rank(), order_by=F("mean_total").desc(nulls_last=True))
    )


# What a review's row reads, joined in one query (a subject's texts and boundary, or a
# province's boundary, read once per review, once made the 100x export take a minute).
EXPORT_FIELDS = (
    "pk",
    "total_score",
    "recommendation",
    "conditions",
    "submitted_at",
    "assignment__phase__name_th",
    "assignment__phase__name_en",
    "assignment__dossier_id",
    "assignment__dossier__subject_id",
    "assignment__dossier__title_th",
    "assignment__dossier__title_en",
    "assignment__dossier__organisation__name_th",
    "assignment__dossier__organisation__name_en",
    "assignment__reviewer__user__full_name",
    "assignment__reviewer__user__email",
)


def submitted_reviews(phase: ReviewPhase | None) -> QuerySet[Review]:
    """The phase's submitted reviews (every phase's without one), in the order of the
    export: by proposal, then as they were submitted."""
    reviews = Review.objects.filter(state=ReviewState.SUBMITTED)
    if phase is not None:
        reviews = reviews.filter(assignment__phase=phase)
    return reviews.order_by("assignment__dossier_id", "submitted_at", "pk")


class _Labels:
    """What every row of one file shares, worked out once in the file's language: which
    name of a bilingual pair it shows, and the labels of pass and fail, of the
    recommendations and of the proposals' states."""

    def __init__(self):
        self.thai = (get_language() or "th").startswith("th")
        self.passed = {None: "", True: _("pass"), False: _("fail")}
        self.recommendations = {value: str(label) for value, label in Recommendation.choices}
        self.states = {value: str(label) for value, label in DossierStatus.choices}
        self.yes, self.no = _("yes"), _("no")
        self.criteria = subjects.criterion_columns()

    def name(self, thai: str | None, english: str | None) -> str:
        """The reader's variant (as core.i18n.localised), the other when it is empty."""
        thai, english = thai or "", english or ""
        return (thai or english) if self.thai else (english or thai)

    def recommendation(self, value: str | None) -> str:
        return self.recommendations.get(value, value or "")


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


def review_row(review: dict, results: dict, provinces: str, labels: _Labels) -> list:
    """A review's row from its values, its criterion results ({code: (percent, passed)})
    and its proposal's provinces (already joined)."""
    row = [
        review["assignment__dossier__subject_id"],
        review["assignment__dossier__title_th"],
        review["assignment__dossier__title_en"],
        labels.name(
            review["assignment__dossier__organisation__name_th"],
            review["assignment__dossier__organisation__name_en"],
        ),
        provinces,
        labels.name(review["assignment__phase__name_th"], review["assignment__phase__name_en"]),
        review["assignment__reviewer__user__full_name"]
        or review["assignment__reviewer__user__email"],
        review["total_score"],
    ]
    for code, _name in labels.criteria:
        percent, passed = results.get(code, (None, None))
        row += [percent, labels.passed[passed]]
    submitted = timezone.localtime(review["submitted_at"]).replace(tzinfo=None, microsecond=0)
    return [
        *row,
        labels.recommendation(review["recommendation"]),
        review["conditions"],
        submitted,
    ]


def _criterion_results(review_ids: list[int]) -> dict[int, dict[str, tuple]]:
    """{review: {criterion: (percent, passed)}} for a chunk of reviews: one query."""
    results: dict[int, dict[str, tuple]] = {pk: {} for pk in review_ids}
    for review_id, criterion, percent, passed in CriterionResult.objects.filter(
        review_id__in=review_ids
    ).values_list("review_id", "criterion", "percent", "passed"):
        results[review_id][criterion] = (percent, passed)
    return results


def _provinces(dossier_ids: set[int], labels: _Labels) -> dict[int, str]:
    """{dossier: its provinces' names, comma-separated, in Thai order} for a chunk of
    dossiers: one query."""
    names: dict[int, list[str]] = {pk: [] for pk in dossier_ids}
    through = Dossier.provinces.through
    for dossier_id, thai, english in (
        through.objects.filter(dossier_id__in=dossier_ids)
        .order_by("dossier_id", sort_key_ordering("province__sort_name"))
        .values_list("dossier_id", "province__name_th", "province__name_en")
    ):
        names[dossier_id].append(labels.name(thai, english))
    return {pk: ", ".join(values) for pk, values in names.items()}


# Rows read from the database per query (with their criterion results and provinces):
# memory stays flat however many reviews a phase has, and the number of queries grows only
# per chunk.
EXPORT_CHUNK = 2000
# The widths of the columns are measured on the first rows (write-only sheets must be
# sized before their first row is written).
WIDTH_SAMPLE = 50


def review_rows(phase: ReviewPhase | None, *, progress: Progress | None = None) -> Iterator[list]:
    """One row per submitted review, read in chunks of EXPORT_CHUNK (three queries a
    chunk). If `progress` is given, each chunk's reviews are counted in it (a background
    export's progress)."""
    labels = _Labels()
    reviews = submitted_reviews(phase).values(*EXPORT_FIELDS).iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(reviews, EXPORT_CHUNK)):
        results = _criterion_results([review["pk"] for review in chunk])
        provinces = _provinces({review["assignment__dossier_id"] for review in chunk}, labels)
        for review in chunk:
            yield review_row(
                review,
                results[review["pk"]],
                provinces[review["assignment__dossier_id"]],
                labels,
            )
        if progress is not None:
            progress.advance(len(chunk))


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


SUMMARY_FIELDS = (
    "pk",
    "subject_id",
    "title_th",
    "title_en",
    "organisation__name_th",
    "organisation__name_en",
    "status",
    "rank",
    "n_assigned",
    "n_submitted",
    "mean_total",
    "low_total",
    "high_total",
    "range_total",
)


def _round(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _totals(phase: ReviewPhase, dossier_ids: list[int]) -> dict[int, list[Decimal]]:
    """{dossier: the totals of its submitted reviews in `phase`} for a chunk: one query."""
    totals: dict[int, list[Decimal]] = {pk: [] for pk in dossier_ids}
    for dossier_id, total in (
        submitted_reviews(phase)
        .filter(assignment__dossier_id__in=dossier_ids)
        .values_list("assignment__dossier_id", "total_score")
    ):
        totals[dossier_id].append(total)
    return totals


def summary_row(dossier: dict, totals: list[Decimal], summary: str, phase, labels) -> list:
    """A proposal's summary row: its board values, the totals of its submitted reviews
    (for the median and the spread: the same definitions as the aggregate on the
    proposal's page, the population standard deviation) and the secretariat's
    recommendation."""
    disagreement = (
        dossier["range_total"] is not None
        and dossier["range_total"] >= phase.disagreement_threshold
    )
    return [
        dossier["rank"] if dossier["mean_total"] is not None else None,
        dossier["subject_id"],
        dossier["title_th"],
        dossier["title_en"],
        labels.name(dossier["organisation__name_th"], dossier["organisation__name_en"]),
        dossier["n_assigned"],
        dossier["n_submitted"],
        _round(dossier["mean_total"]),
        Decimal(str(statistics.median(totals))) if totals else None,
        selectors._spread(totals) if totals else None,
        dossier["low_total"],
        dossier["high_total"],
        labels.yes if disagreement else labels.no,
        labels.recommendation(summary),
        labels.states.get(dossier["status"], dossier["status"]),
    ]


def summary_rows(phase: ReviewPhase | None) -> Iterator[list]:
    """One row per proposal of the phase's board, best first, read in chunks of
    EXPORT_CHUNK (the board's rows, then their totals and recommendations: three queries
    a chunk). No phase, no summary."""
    if phase is None:
        return
    labels = _Labels()
    board = ranked_board(phase).values(*SUMMARY_FIELDS).iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(board, EXPORT_CHUNK)):
        ids = [dossier["pk"] for dossier in chunk]
        totals = _totals(phase, ids)
        summaries = dict(
            SummaryRecommendation.objects.filter(dossier_id__in=ids).values_list(
                "dossier_id", "recommendation"
            )
        )
        for dossier in chunk:
            pk = dossier["pk"]
            yield summary_row(dossier, totals[pk], summaries.get(pk, ""), phase, labels)


def reviews_csv(phase: ReviewPhase | None, *, progress: Progress | None = None) -> Iterator[str]:
    """The submitted reviews as CSV in pieces of rows, starting with a byte-order mark so
    that Excel reads the Thai as UTF-8. Lazy: for a StreamingHttpResponse or a background
    export."""
    rows = (
        [*row[:-1], row[-1].isoformat(sep=" ")] for row in review_rows(phase, progress=progress)
    )
    return csv_chunks(review_headers(), rows)


def reviews_xlsx(
    phase: ReviewPhase | None, out: BinaryIO, *, progress: Progress | None = None
) -> None:
    """A workbook of two sheets written to `out`: "Reviews" (as the CSV) and "Summary" (per
    proposal, in rank order). Write-only, so rows go to disk as they are made: memory
    stays flat, and time grows with the rows, not with their square."""
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, SHEET_REVIEWS, review_headers(), review_rows(phase, progress=progress))
    _write_sheet(workbook, SHEET_SUMMARY, summary_headers(), summary_rows(phase))
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
        sheet.append(xlsx_values(sheet, row))


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
