"""Meetings known from the public record, before the platform: reading a reference
("sub-committee 1/2564") and recording the meeting once."""

import datetime as dt
import re
from dataclasses import dataclass

from smartcity.committee.enums import CommitteeKind, DatePrecision, MeetingStatus
from smartcity.committee.models import Committee, Meeting
from smartcity.core import audit
from smartcity.core.dates import be_year
from smartcity.core.errors import ActionRefused


class MeetingNumberTaken(ActionRefused, ValueError):
    """A historical meeting's number is a platform meeting's (same committee and year)."""


def record_historical_meeting(
    *,
    committee: Committee,
    year_be: int,
    number: int | None,
    held_on: dt.date | None,
    precision: str,
    by=None,
) -> Meeting:
    """Find or create a meeting known from the public record.

    A meeting with a number is identified by (committee, number, year); one without a
    number by its date. A later, more precise date fills in a missing one but never
    overwrites a known one. A number the platform gave a meeting it scheduled is refused
    (MeetingNumberTaken): history cannot take over a platform meeting."""
    if number is not None:
        meeting = Meeting.objects.filter(
            committee=committee, year_be=year_be, number=number
        ).first()
        if meeting is not None and meeting.status != MeetingStatus.HISTORICAL:
            raise MeetingNumberTaken(
                f"meeting {number}/{year_be} of {committee.kind} was scheduled on the platform"
            )
    else:
        meeting = Meeting.objects.filter(
            committee=committee,
            year_be=year_be,
            number__isnull=True,
            held_on=held_on,
            held_on_precision=precision,
        ).first()
    if meeting is None:
        meeting = Meeting.objects.create(
            committee=committee,
            year_be=year_be,
            number=number,
            held_on=held_on,
            held_on_precision=precision if held_on else DatePrecision.UNKNOWN,
            status=MeetingStatus.HISTORICAL,
        )
        audit.record(
            action="committee.meeting.recorded",
            by=by,
            target=meeting,
            after=audit.snapshot(meeting, ["committee", "number", "year_be", "held_on"]),
        )
    elif held_on and meeting.held_on is None:
        before = audit.snapshot(meeting, ["held_on", "held_on_precision"])
        meeting.held_on, meeting.held_on_precision = held_on, precision
        meeting.save(update_fields=["held_on", "held_on_precision"])
        audit.record(
            action="committee.meeting.date_recorded",
            by=by,
            target=meeting,
            before=before,
            after=audit.snapshot(meeting, ["held_on", "held_on_precision"]),
        )
    return meeting


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
)}  # fmt: skip
_MEETING = re.compile(
    r"^(?P<committee>sub-committee|steering committee)"
    r"(?:\s+(?P<number>\d{1,2})/(?P<year>\d{4}))?"
    r"(?:\s*\((?P<date>\d{4}-\d{2}-\d{2})\)|,\s*(?P<month>[A-Za-z]{3})[a-z]*\s+(?P<ce>\d{4}))?$"
)


@dataclass(frozen=True)
class MeetingReference:
    kind: str
    number: int | None
    year_be: int
    held_on: dt.date | None
    precision: str


def parse_meeting_reference(text: str) -> MeetingReference:
    """Read "sub-committee 1/2564", "steering committee 1/2565 (2022-11-09)" or
    "steering committee, Nov 2021". Raises ValueError with a readable reason."""
    match = _MEETING.match((text or "").strip())
    if not match:
        raise ValueError(f"unreadable meeting reference {text!r}")
    kind = (
        CommitteeKind.SUB_COMMITTEE
        if match["committee"] == "sub-committee"
        else CommitteeKind.STEERING
    )
    number = int(match["number"]) if match["number"] else None
    held_on, precision = None, DatePrecision.UNKNOWN
    if match["date"]:
        held_on, precision = dt.date.fromisoformat(match["date"]), DatePrecision.DAY
    elif match["month"]:
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            raise ValueError(f"unknown month in {text!r}")
        held_on, precision = dt.date(int(match["ce"]), month, 1), DatePrecision.MONTH
    if match["year"]:
        year = int(match["year"])
        if year < 2400:
            raise ValueError(f"meeting year must be Buddhist era in {text!r}")
        if held_on and be_year(held_on.year) != year:
            raise ValueError(f"date and B.E. year disagree in {text!r}")
    elif held_on:
        year = be_year(held_on.year)
    else:
        raise ValueError(f"meeting {text!r} has neither a number nor a date")
    return MeetingReference(kind, number, year, held_on, precision)
