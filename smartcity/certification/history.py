"""Reading a file of areas certified before the platform: the programme's public record
(`load_certified_areas`) and the batches the secretariat uploads (secretariat/history/).

One reader and one validation for both, so the command and the upload accept the same
file and refuse it for the same reasons. Nothing here writes: the records it returns are
applied by `services.record_certified_areas()`, which checks them again inside its
transaction. Every problem names its row (the spreadsheet's row number, the header is
row 1), its column as written in the file, and what is wrong, in the reader's language.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from smartcity.accounts.enums import OrganisationType
from smartcity.certification.enums import RecordQuality
from smartcity.certification.models import CertifiedArea
from smartcity.committee.enums import CommitteeKind, DatePrecision, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.committee.services.history import MeetingReference, parse_meeting_reference
from smartcity.core.dates import BE_THRESHOLD, be_year, format_date, parse_date
from smartcity.core.enums import Domain
from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2_000


@dataclass(frozen=True)
class Column:
    key: str  # the English header, as in the public-record file
    header_th: str  # the Thai header (not translated: it is what the file says)
    label: str
    required: bool = False
    help: str = ""


# The file's columns, in the template's order. A name and a province are required in one
# of their two forms (see REQUIRED_ONE_OF).
COLUMNS = [
    Column("name_th", "ชื่อพื้นที่ (ไทย)", gettext_lazy("Area name in Thai")),
    Column(
        "name_en",
        "ชื่อพื้นที่ (อังกฤษ)",
        gettext_lazy("Area name in English"),
        help=gettext_lazy("With the province, identifies the area; the Thai name if empty."),
    ),
    Column(
        "province_code",
        "รหัสจังหวัด",
        gettext_lazy("Province code"),
        help=gettext_lazy("The official two-digit code, e.g. 65."),
    ),
    Column(
        "province_th",
        "จังหวัด",
        gettext_lazy("Province"),
        help=gettext_lazy("Its Thai or English name; must agree with the code if both are given."),
    ),
    Column("proponent_th", "หน่วยงานที่เสนอ", gettext_lazy("Proponent")),
    Column(
        "proponent_type",
        "ประเภทหน่วยงาน",
        gettext_lazy("Proponent type"),
        help=gettext_lazy("One of the codes listed below; empty if not known."),
    ),
    Column(
        "approved_by",
        "ประชุมอนุกรรมการที่อนุมัติ",
        gettext_lazy("Sub-committee meeting that approved"),
        required=True,
        help=gettext_lazy("Its number and B.E. year, e.g. 2/2564."),
    ),
    Column(
        "approved_on",
        "วันที่ประชุมอนุกรรมการ",
        gettext_lazy("Date of that meeting"),
        help=gettext_lazy("e.g. 15/3/2564 (B.E.) or 2021-03-15 (C.E.); empty if not known."),
    ),
    Column(
        "acknowledged_by",
        "ประชุมกรรมการที่รับทราบ",
        gettext_lazy("Steering committee meeting that acknowledged"),
        required=True,
        help=gettext_lazy("Its number and B.E. year, e.g. 1/2564."),
    ),
    Column(
        "acknowledged_on",
        "วันที่รับรอง",
        gettext_lazy("Date of certification"),
        help=gettext_lazy(
            "The day of the steering committee's meeting; figures count the area from it."
        ),
    ),
    Column("logo_ceremony", "วันที่มอบตราสัญลักษณ์", gettext_lazy("Logo ceremony")),
    Column(
        "domains",
        "ด้านที่ได้รับตราสัญลักษณ์",
        gettext_lazy("Logo domains"),
        help=gettext_lazy("Domain codes separated by spaces or commas, e.g. environment mobility."),
    ),
    Column(
        "record",
        "คุณภาพของข้อมูล",
        gettext_lazy("Record quality"),
        help=gettext_lazy("confirmed (the default), inferred or title_th_unknown."),
    ),
    Column("note", "หมายเหตุ", gettext_lazy("Note")),
    Column(
        "batch",
        "ชุด",
        gettext_lazy("Batch"),
        help=gettext_lazy("Leave out: batches follow the certification date (B1 is the earliest)."),
    ),
]
TEMPLATE_COLUMNS = [c for c in COLUMNS if c.key != "batch"]
_BY_HEADER = {**{c.key: c for c in COLUMNS}, **{c.header_th: c for c in COLUMNS}}
REQUIRED_ONE_OF = [("name_th", "name_en"), ("province_code", "province_th")]
SINGLE_LINE = ("name_th", "name_en", "province_code", "province_th", "proponent_th")
MAX_LENGTH = {"name_th": 300, "name_en": 300, "proponent_th": 300, "note": 5_000}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUMBER = re.compile(r"^(?:ครั้งที่\s*)?(?P<number>\d{1,3})\s*/\s*(?P<year>\d{4})$")
_BATCH = re.compile(r"[A-Z]\d{1,3}")
_COLUMN_KIND = {
    "approved_by": CommitteeKind.SUB_COMMITTEE,
    "acknowledged_by": CommitteeKind.STEERING,
}
_DATE_COLUMN = {"approved_by": "approved_on", "acknowledged_by": "acknowledged_on"}


@dataclass
class Problem:
    """One thing wrong with the file; `line` None for the whole file."""

    message: str
    line: int | None = None
    column: str = ""

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if self.column:
            return _("Row %(line)d, column “%(column)s”: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class AreaRecord:
    """One area of the file, read and checked; plain values so it can wait in a session."""

    line: int
    name_th: str
    name_en: str
    province_code: str
    proponent_th: str
    proponent_type: str
    approved: dict  # a MeetingReference as a dict (held_on in ISO form)
    acknowledged: dict
    logo_ceremony_on: str | None
    domains: list[str] | None  # None: the file says nothing of the domains
    record_quality: str
    note: str
    batch: str = ""

    def meeting(self, which: str) -> MeetingReference:
        value = dict(getattr(self, which))
        value["held_on"] = dt.date.fromisoformat(value["held_on"]) if value["held_on"] else None
        return MeetingReference(**value)

    @property
    def ceremony(self) -> dt.date | None:
        return dt.date.fromisoformat(self.logo_ceremony_on) if self.logo_ceremony_on else None


@dataclass
class ReadFile:
    records: list[AreaRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # key -> the header as written


def digest(records: list[AreaRecord]) -> str:
    """A fingerprint of what was read: what is applied must be exactly what was previewed."""
    text = json.dumps([asdict(r) for r in records], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def records_to_session(records: list[AreaRecord]) -> list[dict]:
    return [asdict(r) for r in records]


def records_from_session(rows: list[dict]) -> list[AreaRecord]:
    return [AreaRecord(**row) for row in rows]


def template_csv() -> str:
    """The empty template: the Thai headers, behind a byte-order mark so that Excel opens
    the Thai as Thai (the reader accepts the mark)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([c.header_th for c in TEMPLATE_COLUMNS])
    return "\ufeff" + out.getvalue()


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
    _check_rows(rows, result)
    return result


def _read_header(header: list[str], result: ReadFile) -> list[str]:
    keys = []
    for position, text in enumerate(header, start=1):
        name = text.strip()
        column = _BY_HEADER.get(name)
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
            named = [_BY_HEADER[key] for key in options]
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


def _province_lookup() -> tuple[dict[str, Province], dict[str, Province]]:
    provinces = list(Province.objects.only("code", "name_th", "name_en"))
    by_name = {p.name_th: p for p in provinces}
    by_name.update({p.name_en.casefold(): p for p in provinces})
    return {p.code: p for p in provinces}, by_name


def _check_rows(rows: list[tuple[int, dict]], result: ReadFile) -> None:
    by_code, by_name = _province_lookup()
    seen: dict[tuple[str, str], int] = {}
    batch_meetings: dict[str, tuple] = {}
    for line, row in rows:
        problems = []

        def problem(column: str, message: str, line=line, problems=problems) -> None:
            problems.append(Problem(message, line, result.headers.get(column, column)))

        for key in SINGLE_LINE:
            if _CONTROL.search(row.get(key, "")):
                problem(
                    key, _("contains a line break or a control character; write it on one line.")
                )
        for key, limit in MAX_LENGTH.items():
            if len(row.get(key, "")) > limit:
                problem(key, _("is longer than %(limit)d characters.") % {"limit": limit})
        name_th = row.get("name_th", "")
        name_en = row.get("name_en", "") or name_th
        if not name_en:
            problem("name_en" if "name_en" in row else "name_th", _("the area's name is empty."))
        province = _province(row, by_code, by_name, problem)
        proponent_type = row.get("proponent_type", "")
        if proponent_type not in {"", "unknown", *OrganisationType.values}:
            problem(
                "proponent_type",
                _("unknown proponent type “%(value)s”.") % {"value": proponent_type},
            )
        quality = row.get("record", "") or RecordQuality.CONFIRMED
        if quality not in RecordQuality.values:
            problem("record", _("unknown record quality “%(value)s”.") % {"value": quality})
        ceremony = _date(row, "logo_ceremony", problem)
        meetings = {k: _meeting(row, k, problem) for k in ("approved_by", "acknowledged_by")}
        approved, acknowledged = meetings["approved_by"], meetings["acknowledged_by"]
        both_dated = approved and acknowledged and approved.held_on and acknowledged.held_on
        if both_dated and approved.held_on > acknowledged.held_on:
            problem(
                "approved_on", _("the sub-committee's meeting is after the steering committee's.")
            )
        if ceremony and acknowledged and acknowledged.held_on and ceremony < acknowledged.held_on:
            problem("logo_ceremony", _("the logo ceremony is before the certification."))
        domains = None
        if "domains" in row:
            domains = sorted(set(re.split(r"[\s,;]+", row["domains"].lower())) - {""})
            unknown = [d for d in domains if d not in Domain.values]
            if unknown:
                problem(
                    "domains",
                    _("unknown domain(s) %(codes)s; the codes are %(known)s.")
                    % {
                        "codes": ", ".join(f"“{d}”" for d in unknown),
                        "known": ", ".join(Domain.values),
                    },
                )
        batch = row.get("batch", "")
        if batch and not _BATCH.fullmatch(batch):
            problem("batch", _("“%(value)s” is not a batch code such as B1.") % {"value": batch})
        elif batch and acknowledged:
            key = (
                acknowledged.kind,
                acknowledged.number,
                acknowledged.year_be,
                acknowledged.held_on,
            )
            if batch_meetings.setdefault(batch, key) != key:
                problem(
                    "batch",
                    _("the rows of batch %(code)s name different acknowledging meetings.")
                    % {"code": batch},
                )
        if province is not None and name_en:
            key = (name_en.casefold(), province.code)
            if key in seen:
                problem(
                    "name_en" if row.get("name_en") else "name_th",
                    _("the same area as row %(other)d (same name and province).")
                    % {"other": seen[key]},
                )
            else:
                seen[key] = line
        result.problems.extend(problems)
        if problems:
            continue
        result.records.append(
            AreaRecord(
                line=line,
                name_th=name_th,
                name_en=name_en,
                province_code=province.code,
                proponent_th=row.get("proponent_th", ""),
                proponent_type=proponent_type,
                approved=_as_dict(approved),
                acknowledged=_as_dict(acknowledged),
                logo_ceremony_on=ceremony.isoformat() if ceremony else None,
                domains=domains,
                record_quality=quality,
                note=row.get("note", ""),
                batch=batch,
            )
        )
    if not result.problems:
        result.problems.extend(check_against_database(result.records, result.headers))


def _as_dict(reference: MeetingReference) -> dict:
    value = asdict(reference)
    value["held_on"] = reference.held_on.isoformat() if reference.held_on else None
    return value


def _province(row, by_code, by_name, problem) -> Province | None:
    code, name = row.get("province_code", ""), row.get("province_th", "")
    by_its_name = by_name.get(name) or by_name.get(name.casefold()) if name else None
    if code:
        province = by_code.get(code.zfill(2) if code.isdigit() else code)
        if province is None:
            problem("province_code", _("unknown province code “%(code)s”.") % {"code": code})
        elif name and by_its_name != province:
            problem(
                "province_th",
                _("the province “%(name)s” does not match the code %(code)s (%(expected)s).")
                % {"name": name, "code": province.code, "expected": province.name_th},
            )
        return province
    if not name:
        problem("province_th", _("the province is empty."))
        return None
    if by_its_name is None:
        problem(
            "province_th",
            _(
                "unknown province “%(name)s”; write its Thai name as in the list of provinces, e.g. พิษณุโลก."
            )
            % {"name": name},
        )
    return by_its_name


def _date(row, key, problem) -> dt.date | None:
    text = row.get(key, "")
    if not text:
        return None
    value = parse_date(text)
    if value is None:
        problem(
            key,
            _(
                "“%(value)s” is not a date. Write it as day/month/B.E. year, e.g. 9/11/2565, or as 2022-11-09 (C.E.)."
            )
            % {"value": text},
        )
        return None
    if value > timezone.localdate():
        problem(
            key,
            _("%(date)s is in the future; this page records history.") % {"date": _shown(value)},
        )
        return None
    return value


def _shown(value: dt.date) -> str:
    return format_date(value, get_language() or "th")


def _meeting(row, key, problem) -> MeetingReference | None:
    """A meeting as the file names it: "2/2564" (the committee is the column's) with its
    date in the next column, or the public record's "sub-committee 1/2564" forms."""
    text = row.get(key, "")
    kind = _COLUMN_KIND[key]
    date_key = _DATE_COLUMN[key]
    if not text:
        problem(key, _("the meeting is empty; write its number and B.E. year, e.g. 2/2564."))
        return None
    held_on = _date(row, date_key, problem)
    if row.get(date_key) and held_on is None:
        return None
    match = _NUMBER.match(text)
    if match:
        number, year = int(match["number"]), int(match["year"])
        if year < BE_THRESHOLD:
            problem(
                key,
                _("the year of meeting “%(value)s” must be Buddhist era, e.g. %(example)s.")
                % {"value": text, "example": f"{number}/{be_year(year)}"},
            )
            return None
        if number == 0:
            problem(key, _("meeting numbers start at 1."))
            return None
        reference = MeetingReference(
            kind, number, year, held_on, DatePrecision.DAY if held_on else DatePrecision.UNKNOWN
        )
    else:
        try:
            reference = parse_meeting_reference(text)
        except ValueError:
            problem(
                key,
                _(
                    "“%(value)s” is not a meeting number; write its number and B.E. year, e.g. 2/2564."
                )
                % {"value": text},
            )
            return None
        if reference.kind != kind:
            problem(
                key,
                _("this column names a meeting of the %(committee)s.")
                % {"committee": _committee_name(kind)},
            )
            return None
        if held_on:
            if reference.held_on and reference.held_on != held_on:
                problem(
                    date_key,
                    _("the date disagrees with the meeting “%(value)s”.") % {"value": text},
                )
                return None
            reference = MeetingReference(
                kind, reference.number, reference.year_be, held_on, DatePrecision.DAY
            )
    if (
        reference.held_on
        and reference.number
        and be_year(reference.held_on.year) != reference.year_be
    ):
        problem(
            date_key if row.get(date_key) else key,
            _("%(date)s is not in the B.E. year %(year)d of meeting %(number)d/%(year)d.")
            % {
                "date": _shown(reference.held_on),
                "year": reference.year_be,
                "number": reference.number,
            },
        )
        return None
    return reference


def _committee_name(kind: str) -> str:
    return str(CommitteeKind(kind).label).lower() if kind else ""


def check_against_database(records: list[AreaRecord], headers: dict[str, str]) -> list[Problem]:
    """What the rows say that the platform already knows otherwise: a meeting numbered
    on the platform, a meeting on record with another date, an area certified through the
    platform, an acknowledgement with no date anywhere. Two queries."""
    problems = []
    numbered = Q()
    for record in records:
        for which in ("approved", "acknowledged"):
            ref = record.meeting(which)
            if ref.number:
                numbered |= Q(committee__kind=ref.kind, year_be=ref.year_be, number=ref.number)
    known = {}
    if numbered:
        for meeting in Meeting.objects.filter(numbered).select_related("committee"):
            known[(meeting.committee.kind, meeting.year_be, meeting.number)] = meeting
    names = {r.name_en for r in records}
    platform = {
        (name.casefold(), code)
        for name, code in CertifiedArea.objects.filter(
            name_en__in=names, certificates__proposal__isnull=False
        ).values_list("name_en", "province__code")
    }
    for record in records:
        for which, column in (("approved", "approved_by"), ("acknowledged", "acknowledged_by")):
            ref = record.meeting(which)
            meeting = known.get((ref.kind, ref.year_be, ref.number)) if ref.number else None
            if meeting is None:
                if which == "acknowledged" and ref.held_on is None and not record.ceremony:
                    problems.append(
                        Problem(
                            _(
                                "the date of certification is not known: give the date of the steering committee's meeting."
                            ),
                            record.line,
                            headers.get("acknowledged_on", "acknowledged_on"),
                        )
                    )
                continue
            if meeting.status != MeetingStatus.HISTORICAL:
                problems.append(
                    Problem(
                        _(
                            "meeting %(number)d/%(year)d of the %(committee)s was scheduled on the platform; a "
                            "meeting before the platform needs a number of its own."
                        )
                        % {
                            "number": ref.number,
                            "year": ref.year_be,
                            "committee": _committee_name(ref.kind),
                        },
                        record.line,
                        headers.get(column, column),
                    )
                )
            elif ref.held_on and meeting.held_on and meeting.held_on != ref.held_on:
                problems.append(
                    Problem(
                        _(
                            "meeting %(number)d/%(year)d is on record as held on %(known)s, not %(given)s."
                        )
                        % {
                            "number": ref.number,
                            "year": ref.year_be,
                            "known": _shown(meeting.held_on),
                            "given": _shown(ref.held_on),
                        },
                        record.line,
                        headers.get(_DATE_COLUMN[column], _DATE_COLUMN[column]),
                    )
                )
            elif (
                which == "acknowledged"
                and meeting.effective_on is None
                and not ref.held_on
                and not record.ceremony
            ):
                problems.append(
                    Problem(
                        _(
                            "the date of certification is not known: give the date of the steering committee's meeting."
                        ),
                        record.line,
                        headers.get("acknowledged_on", "acknowledged_on"),
                    )
                )
        if (record.name_en.casefold(), record.province_code) in platform:
            problems.append(
                Problem(
                    _(
                        "this area was certified through the platform; its record cannot be changed here."
                    ),
                    record.line,
                    headers.get("name_en", headers.get("name_th", "name_en")),
                )
            )
    return problems


def already_applied(file_digest: str) -> bool:
    """Whether rows with this fingerprint were recorded (a second submission of a form)."""
    return AuditEntry.objects.filter(
        action="certification.history.imported", after__sha256=file_digest
    ).exists()


def _meeting_label(ref: MeetingReference, language: str, *, short: bool = False) -> str:
    """ "คณะอนุกรรมการ… 2/2564 (15 มีนาคม 2564)"; short: "2/2564 (15 มี.ค. 2564)", for a
    table whose column names the committee."""
    number = f"{ref.number}/{ref.year_be}" if ref.number else ""
    text = number if short else f"{CommitteeKind(ref.kind).label} {number}".strip()
    if ref.held_on:
        style = "month" if ref.precision == DatePrecision.MONTH else ("short" if short else "long")
        text += f" ({format_date(ref.held_on, language, style=style)})"
    return text.strip()


def preview(records: list[AreaRecord], language: str) -> dict:
    """The rows as they will be recorded, each saying whether the area is already on
    record, and the meetings the file names, each saying whether it is recorded already
    or will be. Three queries whatever the number of rows."""
    provinces = {
        p.code: p
        for p in Province.objects.filter(code__in={r.province_code for r in records}).only(
            "code", "name_th", "name_en"
        )
    }
    on_record = set(
        CertifiedArea.objects.filter(name_en__in={r.name_en for r in records}).values_list(
            "name_en", "province__code"
        )
    )
    numbered, undated = set(), set()
    for kind, number, year_be, held_on in Meeting.objects.filter(
        status=MeetingStatus.HISTORICAL
    ).values_list("committee__kind", "number", "year_be", "held_on"):
        if number is None:
            undated.add((kind, held_on))
        else:
            numbered.add((kind, number, year_be))
    meetings = {}
    rows = []
    for record in records:
        approved, acknowledged = record.meeting("approved"), record.meeting("acknowledged")
        for ref in (approved, acknowledged):
            meetings.setdefault((ref.kind, ref.year_be, ref.number or 0, ref.held_on), ref)
        rows.append(
            {
                "record": record,
                "province": provinces.get(record.province_code),
                "approved": _meeting_label(approved, language, short=True),
                "acknowledged": _meeting_label(acknowledged, language, short=True),
                "certified_on": acknowledged.held_on or record.ceremony,
                "month_only": acknowledged.precision == DatePrecision.MONTH,
                "domains": [Domain(d).label for d in record.domains or []],
                "exists": (record.name_en, record.province_code) in on_record,
            }
        )
    meeting_rows = [
        {
            "label": _meeting_label(ref, language),
            "exists": (ref.kind, ref.number, ref.year_be) in numbered
            if ref.number
            else (ref.kind, ref.held_on) in undated,
        }
        for _key, ref in sorted(
            meetings.items(),
            # The sub-committee's first, as it decides first; then by year and number.
            key=lambda item: (item[0][0] != CommitteeKind.SUB_COMMITTEE, *map(str, item[0][1:])),
        )
    ]
    return {
        "rows": rows,
        "meetings": meeting_rows,
        "n_new": sum(1 for row in rows if not row["exists"]),
        "n_existing": sum(1 for row in rows if row["exists"]),
    }
