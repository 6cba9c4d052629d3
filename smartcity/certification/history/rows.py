"""Each row of the file checked on its own (names, province, meetings and their dates,
domains, record quality) and against the other rows (the same area twice, a batch
naming two meetings). The good rows become AreaRecords; every problem names its row
and column."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.accounts.enums import OrganisationType
from smartcity.certification.enums import RecordQuality
from smartcity.certification.history.columns import (
    COLUMN_KIND,
    DATE_COLUMN,
    MAX_LENGTH,
    SINGLE_LINE,
)
from smartcity.certification.history.problems import Problem, committee_name, shown
from smartcity.certification.history.records import AreaRecord, ReadFile, meeting_as_dict
from smartcity.committee.enums import DatePrecision
from smartcity.committee.services.history import MeetingReference, parse_meeting_reference
from smartcity.core.dates import BE_THRESHOLD, be_year, parse_date
from smartcity.core.enums import Domain
from smartcity.geo.models import Province

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUMBER = re.compile(r"^(?:ครั้งที่\s*)?(?P<number>\d{1,3})\s*/\s*(?P<year>\d{4})$")
_BATCH = re.compile(r"[A-Z]\d{1,3}")


def _province_lookup() -> tuple[dict[str, Province], dict[str, Province]]:
    provinces = list(Province.objects.only("code", "name_th", "name_en"))
    by_name = {p.name_th: p for p in provinces}
    by_name.update({p.name_en.casefold(): p for p in provinces})
    return {p.code: p for p in provinces}, by_name


def check_rows(rows: list[tuple[int, dict]], result: ReadFile) -> None:
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
                approved=meeting_as_dict(approved),
                acknowledged=meeting_as_dict(acknowledged),
                logo_ceremony_on=ceremony.isoformat() if ceremony else None,
                domains=domains,
                record_quality=quality,
                note=row.get("note", ""),
                batch=batch,
            )
        )


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
            _("%(date)s is in the future; this page records history.") % {"date": shown(value)},
        )
        return None
    return value


def _meeting(row, key, problem) -> MeetingReference | None:
    """A meeting as the file names it: "2/2564" (the committee is the column's) with its
    date in the next column, or the public record's "sub-committee 1/2564" forms."""
    text = row.get(key, "")
    kind = COLUMN_KIND[key]
    date_key = DATE_COLUMN[key]
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
                % {"committee": committee_name(kind)},
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
                "date": shown(reference.held_on),
                "year": reference.year_be,
                "number": reference.number,
            },
        )
        return None
    return reference
