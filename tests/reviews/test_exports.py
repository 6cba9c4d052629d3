"""The secretariat's exports: one row per submitted review, and the ranked summary."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from smartcity.core import spreadsheets
from smartcity.core.models import AuditEntry, ExportJob
from smartcity.geo.models import Province
from smartcity.reviews import exports
from smartcity.reviews.models import Dossier, Review
from smartcity.reviews.services import (
    assign_reviewer,
    reopen_review,
    save_review_draft,
    start_review,
    write_summary,
)
from tests.reviews.factories import (
    DUE,
    FIRST,
    PERFECT,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    in_evaluation,
    reviewed,
)


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def phase(db):
    return PhaseFactory()


@pytest.fixture
def evaluated(officer, phase):
    """Three proposals: weak (64), split (64 and 100), strong (100); one review reopened,
    and a review in another phase that the export must leave out."""
    weak = reviewed(officer, phase, FIRST)
    split = reviewed(officer, phase, FIRST, PERFECT)
    strong = reviewed(officer, phase, PERFECT)
    reopened = reviewed(officer, phase, PERFECT)
    reopen_review(
        review=Review.objects.get(assignment__dossier=dossier_of(reopened)), reason="แก้", by=officer
    )
    reviewed(officer, PhaseFactory(name_th="อีกรอบ"), FIRST)
    write_summary(dossier=dossier_of(split), recommendation="approve", summary="ผ่าน", by=officer)
    return {"weak": weak, "split": split, "strong": strong, "reopened": reopened}


def body(response) -> bytes:
    """The whole file of a streamed export (read to the end, which closes it)."""
    assert response.streaming
    return b"".join(response.streaming_content)


def stored_totals(phase) -> dict[int, list[Decimal]]:
    totals: dict[int, list[Decimal]] = {}
    for proposal_id, total in Review.objects.filter(
        assignment__phase=phase, state="submitted"
    ).values_list("assignment__dossier__subject_id", "total_score"):
        totals.setdefault(proposal_id, []).append(total)
    return {k: sorted(v) for k, v in totals.items()}


def test_the_csv_has_a_bom_and_one_row_per_submitted_review(secretariat, phase, evaluated):
    response = secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="evaluation-phase-')
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(header) == 8 + 2 * 5 + 3
    assert len(rows) == 4  # weak 1, split 2, strong 1; the reopened one and the other phase's not
    totals: dict[int, list[Decimal]] = {}
    for row in rows:
        totals.setdefault(int(row[0]), []).append(Decimal(row[7]))
    assert {k: sorted(v) for k, v in totals.items()} == stored_totals(phase)


def test_the_csv_keeps_per_criterion_results_and_the_recommendation(secretariat, phase, officer):
    proposal = reviewed(officer, phase, FIRST)
    secretariat.cookies["smartcity_language"] = "en"

    response = secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})

    _header, row = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert row[:3] == [str(proposal.pk), proposal.name_th, proposal.name_en]
    assert row[8:18] == [
        "66.00", "pass", "60.00", "pass", "50.00", "fail", "94.00", "pass", "50.00", "fail"
    ]  # fmt: skip
    assert row[18] == "Approve"


def test_the_csv_keeps_a_reviewers_text_from_becoming_a_formula(secretariat, phase, officer):
    proposal = reviewed(officer, phase, FIRST)
    review = Review.objects.get(assignment__dossier=dossier_of(proposal))
    Review.objects.filter(pk=review.pk).update(conditions='=HYPERLINK("http://x")')

    response = secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})

    _header, row = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert row[-2] == '\'=HYPERLINK("http://x")'


def test_the_xlsx_has_the_reviews_and_the_ranked_summary(secretariat, phase, evaluated):
    secretariat.cookies["smartcity_language"] = "en"
    response = secretariat.get(reverse("reviews:export_xlsx"), {"phase": phase.pk})

    workbook = load_workbook(io.BytesIO(body(response)))
    assert workbook.sheetnames == ["Reviews", "Summary"]
    reviews = list(workbook["Reviews"].iter_rows(min_row=2, values_only=True))
    assert sorted(Decimal(str(r[7])) for r in reviews) == sorted(
        t for totals in stored_totals(phase).values() for t in totals
    )
    summary = list(workbook["Summary"].iter_rows(min_row=2, values_only=True))
    ranked = [(row[0], row[1]) for row in summary]
    assert ranked == [
        (1, evaluated["strong"].pk),
        (2, evaluated["split"].pk),
        (3, evaluated["weak"].pk),
        (None, evaluated["reopened"].pk),  # no submitted review: no rank
    ]
    split = summary[1]
    assert (split[5], split[6]) == (2, 2)  # reviewers assigned, reviews submitted
    assert [Decimal(str(v)) for v in split[7:12]] == [
        Decimal("82.00"),  # mean
        Decimal("82.00"),  # median
        Decimal("18.00"),  # spread
        Decimal("64.00"),  # lowest
        Decimal("100.00"),  # highest
    ]
    assert [row[12] for row in summary] == ["no", "yes", "no", "no"]  # the disagreement


def test_the_xlsx_writes_a_formula_like_text_as_text(secretariat, phase, officer):
    proposal = reviewed(officer, phase, FIRST)
    review = Review.objects.get(assignment__dossier=dossier_of(proposal))
    reopen_review(review=review, reason="x", by=officer)
    Review.objects.filter(pk=review.pk).update(state="submitted", conditions="=1+1")

    response = secretariat.get(reverse("reviews:export_xlsx"), {"phase": phase.pk})

    cell = load_workbook(io.BytesIO(body(response)))["Reviews"]["T2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_a_draft_review_is_not_exported(secretariat, phase, officer):
    done = reviewed(officer, phase, FIRST)
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    assignment = assign_reviewer(
        phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
    )
    review = start_review(assignment=assignment, by=reviewer.user)
    save_review_draft(review=review, revision=0, by=reviewer.user, recommendation="reject")

    response = secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})

    _header, *rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert [int(row[0]) for row in rows] == [done.pk]


# Text a proponent or a reviewer types, which a spreadsheet would otherwise compute.
BAD_NAME_TH = '=HYPERLINK("http://attacker.example","คลิก")'
BAD_NAME_EN = "+1"
BAD_CONDITIONS = "@SUM(A1:A9)\r\nบรรทัดที่สอง"


@pytest.fixture
def bad_input(officer, phase):
    proposal = reviewed(officer, phase, FIRST)
    type(proposal).objects.filter(pk=proposal.pk).update(name_th=BAD_NAME_TH, name_en=BAD_NAME_EN)
    Dossier.objects.filter(subject_id=proposal.pk).update(
        title_th=BAD_NAME_TH, title_en=BAD_NAME_EN
    )
    Review.objects.filter(assignment__dossier=dossier_of(proposal)).update(
        conditions=BAD_CONDITIONS
    )
    return proposal


def test_the_csv_neutralises_typed_formulas_and_keeps_a_line_break_in_its_cell(
    secretariat, phase, bad_input
):
    response = secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})

    _header, row = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert (row[1], row[2], row[-2]) == ("'" + BAD_NAME_TH, "'" + BAD_NAME_EN, "'" + BAD_CONDITIONS)
    assert Decimal(row[7]) == Decimal("64.00")  # a number stays a number


def test_the_xlsx_keeps_typed_formulas_as_text(secretariat, phase, bad_input):
    response = secretariat.get(reverse("reviews:export_xlsx"), {"phase": phase.pk})

    workbook = load_workbook(io.BytesIO(body(response)))
    row = next(workbook["Reviews"].iter_rows(min_row=2))
    summary = next(workbook["Summary"].iter_rows(min_row=2))
    assert [(c.value, c.data_type) for c in (row[1], row[2], row[19])] == [
        (BAD_NAME_TH, "s"),
        (BAD_NAME_EN, "s"),
        (BAD_CONDITIONS.replace("\r\n", "\n"), "s"),  # XML reads a CR LF as one LF
    ]
    assert (row[7].value, row[7].data_type) == (64, "n")
    assert [(c.value, c.data_type) for c in summary[2:4]] == [
        (BAD_NAME_TH, "s"),
        (BAD_NAME_EN, "s"),
    ]


def test_the_csv_streams_in_a_constant_number_of_queries(secretariat, phase, officer):
    """Streamed, so its rows are read while it is sent; the queries do not grow with the
    reviews (each chunk of rows is one query and its prefetches)."""
    url = reverse("reviews:export_csv")
    reviewed(officer, phase, FIRST)
    response = secretariat.get(url, {"phase": phase.pk})
    with CaptureQueriesContext(connection) as one:
        body(response)
    reviewed(officer, phase, FIRST, PERFECT)
    reviewed(officer, phase, PERFECT)
    response = secretariat.get(url, {"phase": phase.pk})
    with CaptureQueriesContext(connection) as four:
        rows = body(response).decode("utf-8-sig").splitlines()

    assert len(rows) == 1 + 4
    assert len(four) == len(one)


def test_the_xlsx_is_written_row_by_row_with_the_csvs_cells(secretariat, phase, evaluated):
    csv_rows = list(
        csv.reader(
            io.StringIO(
                body(secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    content = body(secretariat.get(reverse("reviews:export_xlsx"), {"phase": phase.pk}))

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    # A sheet written in openpyxl's write-only mode does not know its extent before its
    # last row, so it carries no <dimension>; a sheet held in memory does.
    assert b"<dimension" not in sheet_xml
    sheet = load_workbook(io.BytesIO(content))["Reviews"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert len(xlsx_rows) == len(csv_rows)
    for xlsx_row, csv_row in zip(xlsx_rows, csv_rows, strict=True):
        assert [as_csv_text(v, c) for v, c in zip(xlsx_row, csv_row, strict=True)] == csv_row


def as_csv_text(value, csv_text: str) -> str:
    """An XLSX value as the CSV writes it (2.5 or 64 as "2.50" or "64.00", a date and time
    with a space), to compare the two files cell by cell."""
    if value is None:
        return ""
    if isinstance(value, int | float) and Decimal(str(value)) == Decimal(csv_text):
        return csv_text
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ")
    return str(value)


def test_the_xlsx_is_made_in_a_constant_number_of_queries(secretariat, phase, officer):
    url = reverse("reviews:export_xlsx")
    reviewed(officer, phase, FIRST)
    with CaptureQueriesContext(connection) as one:
        body(secretariat.get(url, {"phase": phase.pk}))
    reviewed(officer, phase, FIRST, PERFECT)
    reviewed(officer, phase, PERFECT)
    with CaptureQueriesContext(connection) as four:
        content = body(secretariat.get(url, {"phase": phase.pk}))

    assert load_workbook(io.BytesIO(content))["Reviews"].max_row == 1 + 4
    assert len(four) == len(one)


@pytest.mark.parametrize("name", ["export_csv", "export_xlsx"])
def test_each_export_is_audited_with_who_and_from_where(secretariat_user, phase, name):
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.force_login(secretariat_user)

    response = client.get(reverse(f"reviews:{name}"), {"phase": phase.pk})
    b"".join(response.streaming_content)

    row = AuditEntry.objects.for_object(phase).get(action="reviews.export.downloaded")
    assert (row.actor, row.ip) == (secretariat_user, "203.0.113.9")
    assert row.after["filename"] == response["Content-Disposition"].split('"')[1]


# In the background: the board's buttons ask the worker for the same files ------------------


@pytest.fixture
def made(secretariat, phase, settings, tmp_path, django_capture_on_commit_callbacks):
    """Press the board's button for `format`; return the job's page and its file."""
    settings.MEDIA_ROOT = tmp_path

    def press(format: str):
        with django_capture_on_commit_callbacks(execute=True):
            response = secretariat.post(
                reverse("reviews:export_request"), {"phase": phase.pk, "format": format}
            )
        job = ExportJob.objects.get(kind=f"reviews.evaluation_{format}")
        assert response.url == reverse("core:export", args=[job.pk])
        download = secretariat.get(reverse("core:export_file", args=[job.pk]))
        return job, body(download)

    return press


def test_the_board_offers_the_exports_as_background_work(secretariat, phase, evaluated):
    html = secretariat.get(reverse("reviews:board"), {"phase": phase.pk}).content.decode()
    assert f'action="{reverse("reviews:export_request")}"' in html


def test_the_csv_made_in_the_background_is_the_streamed_csv(secretariat, phase, evaluated, made):
    direct = body(secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk}))
    job, content = made("csv")
    assert (job.status, job.done, job.total) == ("ready", 4, 4)
    assert job.filename.startswith(f"evaluation-phase-{phase.pk}-")
    assert content == direct


def test_the_xlsx_made_in_the_background_has_both_sheets(phase, evaluated, made):
    job, content = made("xlsx")
    assert (job.status, job.done, job.total) == ("ready", 4, 4)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Reviews", "Summary"]
    assert workbook["Reviews"].max_row == 5  # the header and the four submitted reviews


def test_an_unknown_format_is_refused(secretariat, phase):
    response = secretariat.post(
        reverse("reviews:export_request"), {"phase": phase.pk, "format": "pdf"}
    )
    assert response.status_code == 400
    assert ExportJob.objects.count() == 0


# Written a chunk of rows at a time: the same files whatever the chunk ---------------------


def test_the_csv_streams_in_pieces_of_rows_with_the_same_bytes(
    secretariat, phase, evaluated, monkeypatch
):
    url = reverse("reviews:export_csv")
    whole = body(secretariat.get(url, {"phase": phase.pk}))
    monkeypatch.setattr(exports, "EXPORT_CHUNK", 3)
    monkeypatch.setattr(spreadsheets, "CSV_CHUNK_ROWS", 3)

    response = secretariat.get(url, {"phase": phase.pk})
    parts = list(response.streaming_content)

    assert isinstance(response, StreamingHttpResponse)
    assert len(parts) == 1 + 2  # the header, then 3 + 1 reviews
    assert b"".join(parts) == whole


def test_the_xlsx_is_the_same_read_in_small_chunks(secretariat, phase, evaluated, monkeypatch):
    url = reverse("reviews:export_xlsx")

    def sheets():
        workbook = load_workbook(io.BytesIO(body(secretariat.get(url, {"phase": phase.pk}))))
        return {name: list(workbook[name].values) for name in workbook.sheetnames}

    whole = sheets()
    monkeypatch.setattr(exports, "EXPORT_CHUNK", 1)  # every review and proposal a chunk

    assert sheets() == whole
    assert len(whole["Summary"]) == 1 + 4


# One query for the rows, whatever their number ------------------------------------------


@pytest.mark.parametrize("name", ["export_csv", "export_xlsx"])
def test_the_rows_are_read_by_one_query_however_many_chunks(
    secretariat, phase, evaluated, monkeypatch, name
):
    """Read a chunk at a time, but by one query: a phase of 50,000 reviews asks the
    database as often as a phase of four."""
    url = reverse(f"reviews:{name}")
    with CaptureQueriesContext(connection) as whole:  # the XLSX is made before it is sent
        first = body(secretariat.get(url, {"phase": phase.pk}))
    monkeypatch.setattr(exports, "EXPORT_CHUNK", 1)  # every review and proposal a chunk
    with CaptureQueriesContext(connection) as chunked:
        again = body(secretariat.get(url, {"phase": phase.pk}))

    assert len(chunked) == len(whole)
    if name == "export_csv":
        assert again == first


def test_the_csv_names_the_provinces_in_thai_order_and_the_time_in_bangkok(
    secretariat, phase, officer
):
    proposal = reviewed(officer, phase, FIRST)
    dossier_of(proposal).provinces.set(
        [Province.objects.get(code=code) for code in ("65", "50", "10")]
    )
    review = Review.objects.get(assignment__dossier=dossier_of(proposal))

    response = secretariat.get(reverse("reviews:export_csv"), {"phase": phase.pk})

    _header, row = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    # Dictionary order (เชียงใหม่ files under ช), not the order of code points.
    assert row[4] == "กรุงเทพมหานคร, เชียงใหม่, พิษณุโลก"
    submitted = timezone.localtime(review.submitted_at).replace(tzinfo=None, microsecond=0)
    assert row[-1] == submitted.isoformat(sep=" ")
    utc = review.submitted_at.replace(tzinfo=None, microsecond=0)
    assert row[-1] != utc.isoformat(sep=" ")
