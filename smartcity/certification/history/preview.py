"""The rows as they will be recorded, and the meetings the file names, for the page the
secretariat checks before applying them."""

from smartcity.certification.history.records import AreaRecord
from smartcity.certification.models import CertifiedArea
from smartcity.committee.enums import CommitteeKind, DatePrecision, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.committee.services.history import MeetingReference
from smartcity.core.dates import format_date
from smartcity.core.enums import Domain
from smartcity.geo.models import Province


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
