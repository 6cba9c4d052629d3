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

import datetime as dt
import statistics
from collections.abc import Iterator
from decimal import Decimal
from itertools import chain, islice
from typing import BinaryIO

from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Rank
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from smartcity.core.db import IdList, driver_rows, sort_key_ordering
from smartcity.core.exports import Progress, export_kind
from smartcity.core.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_chunks,
    xlsx_row,
    xlsx_values,
)
from smartcity.geo.models import Province
from smartcity.reviews import selectors, subjects
from smartcity.reviews.enums import DossierStatus, Recommendation, ReviewState
from smartcity.reviews.models import (
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


# What a review's row reads, joined in one query: the review, its proposal, proponent,
# phase and reviewer; then each criterion's result (one join per criterion, on the unique
# review and criterion index); then its proposal's province ids.
EXPORT_FIELDS = (
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


def export_query(phase: ReviewPhase | None, codes: list[str]) -> QuerySet:
    """The export's one query: a values_list of EXPORT_FIELDS, then the percent and
    pass of each criterion of `codes`, then the proposal's province ids."""
    results = {
        f"criterion_{index}": FilteredRelation(
            "criterion_results", condition=Q(criterion_results__criterion=code)
        )
        for index, code in enumerate(codes)
    }
    criteria = [
        f"criterion_{index}__{field}"
        for index in range(len(codes))
        for field in ("percent", "passed")
    ]
    provinces = (
        Dossier.provinces.through.objects.filter(dossier_id=OuterRef("assignment__dossier_id"))
        .order_by()
        .values("dossier_id")
        .annotate(ids=IdList("province_id"))
        .values("ids")
    )
    return (
        submitted_reviews(phase)
        .annotate(**results, province_ids=Subquery(provinces))
        .values_list(*EXPORT_FIELDS, *criteria, "province_ids")
    )


class _Labels:
    """What every row of one file shares, worked out once in the file's language: which
    name of a bilingual pair it shows, the labels of pass and fail, of the recommendations
    and of the proposals' states, and every province's name in the Thai order of names."""

    def __init__(self):
        self.thai = (get_language() or "th").startswith("th")
        # A boolean as the driver gives it: True or False, or 1 or 0 (equal keys).
        self.passed = {None: "", True: _("pass"), False: _("fail")}
        self.recommendations = {value: str(label) for value, label in Recommendation.choices}
        self.states = {value: str(label) for value, label in DossierStatus.choices}
        self.yes, self.no = _("yes"), _("no")
        self.criteria = subjects.criterion_columns()
        self.zone = timezone.get_current_timezone()
        self._provinces: dict[str, tuple[int, str]] | None = None

    def name(self, thai: str | None, english: str | None) -> str:
        """The reader's variant (as core.i18n.localised), the other when it is empty."""
        thai, english = thai or "", english or ""
        return (thai or english) if self.thai else (english or thai)

    def recommendation(self, value: str | None) -> str:
        return self.recommendations.get(value, value or "")

    def provinces(self, ids: str | None) -> str:
        """Province ids as the database joined them ("48,1,53") as their names,
        comma-separated, in Thai order. The 77 provinces are read once per file."""
        if not ids:
            return ""
        if self._provinces is None:
            self._provinces = {
                str(pk): (rank, self.name(thai, english))
                for rank, (pk, thai, english) in enumerate(
                    Province.objects.order_by(sort_key_ordering("sort_name"), "pk").values_list(
                        "pk", "name_th", "name_en"
                    )
                )
            }
        return ", ".join(
            name for _rank, name in sorted(map(self._provinces.__getitem__, ids.split(",")))
        )

    def local_time(self, value) -> dt.datetime:
        """A submission time as the driver gives it (naive UTC, or aware, or text) in the
        reader's time zone, to the second, without its zone (as spreadsheets hold it)."""
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(self.zone).replace(tzinfo=None, microsecond=0)


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


def _two_places(value) -> str | None:
    """A score as the CSV writes it ("64.80"), from a float or a Decimal."""
    return None if value is None else f"{value:.2f}"


def _number(value) -> Decimal | float | None:
    return value


# Rows read from the database at a time (one query for the whole file): memory stays flat
# however many reviews a phase has (one chunk, with the CSV's piece of as many rows).
EXPORT_CHUNK = 200
# The widths of the columns are measured on the first rows (write-only sheets must be
# sized before their first row is written).
WIDTH_SAMPLE = 50


def review_rows(
    phase: ReviewPhase | None, *, text: bool = False, progress: Progress | None = None
) -> Iterator[list]:
    """One row per submitted review, from one query read EXPORT_CHUNK rows at a time
    (core.db.driver_rows: the driver's values, no model object, no converter). With
    `text`, the scores and the time as the CSV writes them; otherwise as numbers and a
    date and time (the XLSX). If `progress` is given, the reviews are counted in it every
    EXPORT_CHUNK rows (a background export's progress)."""
    labels = _Labels()
    codes = [code for code, _label in labels.criteria]
    number = _two_places if text else _number
    passed = labels.passed.__getitem__
    last_dossier, last_provinces = None, ""
    count = 0
    for (
        total,
        recommendation,
        conditions,
        submitted_at,
        phase_th,
        phase_en,
        dossier_id,
        subject_id,
        title_th,
        title_en,
        proponent_th,
        proponent_en,
        reviewer_name,
        reviewer_email,
        *results,
        province_ids,
    ) in driver_rows(export_query(phase, codes), chunk_size=EXPORT_CHUNK):
        if dossier_id != last_dossier:  # rows come by proposal: its provinces once
            last_dossier, last_provinces = dossier_id, labels.provinces(province_ids)
        row = [
            subject_id,
            title_th,
            title_en,
            labels.name(proponent_th, proponent_en),
            last_provinces,
            labels.name(phase_th, phase_en),
            reviewer_name or reviewer_email,
            number(total),
        ]
        for index in range(0, len(results), 2):
            row += [number(results[index]), passed(results[index + 1])]
        submitted = labels.local_time(submitted_at)
        row += [
            labels.recommendation(recommendation),
            conditions,
            submitted.isoformat(sep=" ") if text else submitted,
        ]
        yield row
        count += 1
        if progress is not None and count % EXPORT_CHUNK == 0:
            progress.advance(EXPORT_CHUNK)
    if progress is not None and count % EXPORT_CHUNK:
        progress.advance(count % EXPORT_CHUNK)


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


def _totals(phase: ReviewPhase) -> Subquery:
    """A dossier's submitted totals in `phase`, as one text ("64.8,70.25"), read with its
    summary row."""
    return Subquery(
        submitted_reviews(phase)
        .filter(assignment__dossier_id=OuterRef("pk"))
        .order_by()
        .values("assignment__dossier_id")
        .annotate(totals=IdList("total_score"))
        .values("totals")
    )


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
    """One row per proposal of the phase's board, best first: one query (the board's
    rows with their totals and the secretariat's recommendation), read EXPORT_CHUNK rows
    at a time. No phase, no summary."""
    if phase is None:
        return
    labels = _Labels()
    recommendation = SummaryRecommendation.objects.filter(dossier_id=OuterRef("pk"))
    board = (
        ranked_board(phase)
        .annotate(
            totals=_totals(phase),
            summary=Subquery(recommendation.values("recommendation")[:1]),
        )
        .values(*SUMMARY_FIELDS, "totals", "summary")
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for dossier in board:
        totals = [_round(total) for total in (dossier["totals"] or "").split(",") if total]
        yield summary_row(dossier, totals, dossier["summary"] or "", phase, labels)


def reviews_csv(phase: ReviewPhase | None, *, progress: Progress | None = None) -> Iterator[str]:
    """The submitted reviews as CSV in pieces of rows, starting with a byte-order mark so
    that Excel reads the Thai as UTF-8. Lazy: for a StreamingHttpResponse or a background
    export."""
    return csv_chunks(review_headers(), review_rows(phase, text=True, progress=progress))


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
