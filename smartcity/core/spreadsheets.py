"""Every CSV and XLSX the platform writes goes through here, so that text typed by an
applicant, a reviewer or an officer stays text in a spreadsheet (no formula injection), and
so that a file of any size streams in constant memory.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read
by Excel or LibreOffice as a formula (`=HYPERLINK(...)` sends the reader anywhere).
- In CSV, which has no types, such text gets a leading apostrophe (OWASP's advice): the
  spreadsheet shows the text and computes nothing.
- In XLSX every text cell is written as a typed string, which a spreadsheet never
  evaluates, so the text is kept exactly as typed.
Numbers (int, float, Decimal) are values, not text: a negative number stays a number.
"""

import csv
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# So that spreadsheet programs read the Thai text as UTF-8.
BYTE_ORDER_MARK = "\ufeff"


def neutral_text(value):
    """A CSV cell's value: text that a spreadsheet would compute gets a leading
    apostrophe; None is empty; anything else is unchanged."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The byte-order mark, the header, then one line per row, each cell neutralised.
    Lazy: a row is read from `rows` only when its line is wanted."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutral_text(v) for v in row])


def in_language(lines: Iterable[str], language: str) -> Iterator[str]:
    """`lines` made in `language`: a streamed file is read after its view has returned."""
    with translation.override(language):
        yield from lines


def csv_response(lines: Iterable[str], *, filename: str) -> StreamingHttpResponse:
    """A CSV download streamed line by line (`filename` is ours, never typed by a user)."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(workbook_file, *, filename: str) -> FileResponse:
    """A finished workbook (an open binary file, at its start) streamed as a download; the
    file is closed with the response."""
    return FileResponse(
        workbook_file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def xlsx_row(sheet, values: Iterable, *, font=None) -> list[WriteOnlyCell]:
    """Cells for a write-only sheet: text typed as a string (never a formula), without
    the control characters XLSX cannot hold."""
    cells = []
    for value in values:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells
