"""The file read: its bytes decoded (UTF-8, with the reasons it is not), its header matched
to the columns, its rows split; then every row checked (`rows`) and, when they are all
good, checked against the database (`database`)."""

import csv
import io

from django.utils.translation import gettext as _

from smartcity.certification.history.columns import BY_HEADER, COLUMNS, REQUIRED_ONE_OF
from smartcity.certification.history.database import check_against_database
from smartcity.certification.history.problems import Problem
from smartcity.certification.history.records import ReadFile
from smartcity.certification.history.rows import check_rows

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2_000


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, or the reason it cannot be read."""
    if len(data) > MAX_BYTES:
        return None, [file_too_big(len(data))]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                _(
                    "The file is saved as UTF-16 (“Unicode text”), not UTF-8. In Excel, save it "
                    "as “CSV UTF-8 (comma delimited)”."
                )
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [
            Problem(
                _(
                    "The file is not UTF-8 text (perhaps TIS-620 or Windows-874). In Excel, save "
                    "it as “CSV UTF-8 (comma delimited)”."
                )
            )
        ]
    return text.removeprefix("\ufeff"), []


def file_too_big(size: int) -> Problem:
    return Problem(
        _("The file is %(size)s kB; at most %(limit)s kB (about %(rows)s rows) can be read.")
        % {
            "size": f"{-(-size // 1024):,}",
            "limit": f"{MAX_BYTES // 1024:,}",
            "rows": f"{MAX_ROWS:,}",
        }
    )


def read(text: str) -> ReadFile:
    """Read and check every row; the problems name each bad row and column. Reads the
    provinces, the meetings and the areas already on record (a fixed number of queries)."""
    result = ReadFile()
    first_line = text.split("\n", 1)[0]
    if "," not in first_line:
        for name, mark in ((_("semicolons"), ";"), (_("tabs"), "\t"), (_("vertical bars"), "|")):
            if mark in first_line:
                result.problems.append(
                    Problem(
                        _(
                            "The columns are separated by %(mark)s; separate them with commas "
                            "(save as “CSV UTF-8 (comma delimited)”)."
                        )
                        % {"mark": name}
                    )
                )
                return result
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            result.problems.append(Problem(_("The file is empty: it has no header row.")))
            return result
        raw_rows = []
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue  # spreadsheets leave empty rows at the end
            if len(raw_rows) >= MAX_ROWS:
                result.problems.append(
                    Problem(
                        _("The file has more than %(rows)s rows; split it.")
                        % {"rows": f"{MAX_ROWS:,}"}
                    )
                )
                return result
            raw_rows.append((line, values))
    except csv.Error as exc:
        result.problems.append(
            Problem(_("The file is not readable as CSV: %(error)s") % {"error": exc})
        )
        return result
    keys = _read_header(header, result)
    if result.problems:
        return result
    if not raw_rows:
        result.problems.append(Problem(_("The file has a header but no rows.")))
        return result
    rows = []
    for line, values in raw_rows:
        if len(values) != len(keys):
            result.problems.append(
                Problem(
                    _(
                        "wrong number of fields: %(found)d instead of %(expected)d (a comma too many "
                        "or too few?)."
                    )
                    % {"found": len(values), "expected": len(keys)},
                    line,
                )
            )
            continue
        rows.append((line, {k: v.strip() for k, v in zip(keys, values, strict=True)}))
    check_rows(rows, result)
    if not result.problems:
        result.problems.extend(check_against_database(result.records, result.headers))
    return result


def _read_header(header: list[str], result: ReadFile) -> list[str]:
    keys = []
    for position, text in enumerate(header, start=1):
        name = text.strip()
        column = BY_HEADER.get(name)
        if column is None:
            result.problems.append(
                Problem(
                    _(
                        "Unknown column “%(name)s” (column %(position)d). The columns are listed on "
                        "this page; check the spelling."
                    )
                    % {"name": name, "position": position}
                )
            )
        elif column.key in result.headers:
            result.problems.append(
                Problem(_("The column “%(name)s” appears twice.") % {"name": name})
            )
        else:
            result.headers[column.key] = name
            keys.append(column.key)
    for column in COLUMNS:
        if column.required and column.key not in result.headers:
            result.problems.append(
                Problem(
                    _("The required column “%(th)s” (%(en)s) is missing.")
                    % {"th": column.header_th, "en": column.key}
                )
            )
    for options in REQUIRED_ONE_OF:
        if not any(key in result.headers for key in options):
            named = [BY_HEADER[key] for key in options]
            result.problems.append(
                Problem(
                    _("The file needs the column “%(a)s” (%(a_en)s) or “%(b)s” (%(b_en)s).")
                    % {
                        "a": named[0].header_th,
                        "a_en": named[0].key,
                        "b": named[1].header_th,
                        "b_en": named[1].key,
                    }
                )
            )
    return keys
