"""Text stays text in every spreadsheet the platform writes; numbers stay numbers."""

from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from smartcity.core.spreadsheets import csv_chunks, csv_lines, neutral_text, xlsx_row, xlsx_values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-1", "'-1"),  # typed text that only looks like a number is still text
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("เมือง = อัจฉริยะ", "เมือง = อัจฉริยะ"),
        ("", ""),
        (None, ""),
        (-5, -5),  # numbers are values: a negative one is not a formula
        (Decimal("-1.50"), Decimal("-1.50")),
        (-0.25, -0.25),
    ],
)
def test_neutral_text_keeps_text_from_becoming_a_formula(value, expected):
    assert neutral_text(value) == expected


def test_csv_lines_start_with_the_byte_order_mark_and_keep_a_line_break_in_its_cell():
    lines = list(csv_lines(["name"], [["บรรทัดหนึ่ง\r\nบรรทัดสอง"], ["=1"]]))

    assert lines == ["\ufeff", "name\r\n", '"บรรทัดหนึ่ง\r\nบรรทัดสอง"\r\n', "'=1\r\n"]


def test_xlsx_row_types_text_as_text_and_numbers_as_numbers():
    sheet = Workbook(write_only=True).create_sheet()

    cells = xlsx_row(sheet, ["=1+1", "@SUM(A1)", -5, Decimal("2.5"), None, "a\x00b"])

    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"),
        ("@SUM(A1)", "s"),
        (-5, "n"),
        (Decimal("2.5"), "n"),
        (None, "n"),
        ("ab", "s"),  # XLSX cannot hold a NUL character
    ]


def test_csv_chunks_write_the_same_text_as_csv_lines_a_piece_of_rows_at_a_time():
    rows = [["=1", None, -5, Decimal("2.50")], ["บรรทัด\r\nสอง", "", "@x", 0]] * 3

    pieces = list(csv_chunks(["a", "b", "c", "d"], iter(rows), rows_per_chunk=4))

    assert len(pieces) == 1 + 2  # the byte-order mark and header, then 4 + 2 rows
    assert pieces[0] == "\ufeffa,b,c,d\r\n"
    assert "".join(pieces) == "".join(csv_lines(["a", "b", "c", "d"], rows))


def test_xlsx_values_give_the_cells_xlsx_row_gives(tmp_path):
    values = ["=1+1", "@SUM(A1)", "#N/A", "ข้อความ", -5, Decimal("2.5"), None, "a\x00b", "="]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("s")
    sheet.append(xlsx_row(sheet, values))
    sheet.append(xlsx_values(sheet, values))
    workbook.save(tmp_path / "book.xlsx")

    written = load_workbook(tmp_path / "book.xlsx")["s"]

    typed, plain = ([(c.value, c.data_type) for c in row] for row in written.iter_rows())
    assert plain == typed
    assert plain[:4] == [("=1+1", "s"), ("@SUM(A1)", "s"), ("#N/A", "s"), ("ข้อความ", "s")]
    assert plain[7] == ("ab", "s")  # XLSX cannot hold a NUL character
