"""Buddhist-era dates: stored in C.E., shown in B.E. to Thai readers.

This module is the only place that converts between the eras, so a date is never
converted twice. English readers see the Christian era, as English documents do.
"""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

BE_OFFSET = 543
# A typed year of 2400 or more is Buddhist era (2400 B.E. is 1857 C.E.).
BE_THRESHOLD = 2400

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be_year_value: int) -> int:
    return be_year_value - BE_OFFSET


def normalise_year(year: int) -> int:
    """Return a C.E. year from a year a person typed in either era."""
    return ce_year(year) if year >= BE_THRESHOLD else year


def format_date(value: dt.date | None, language: str, *, style: str = "long") -> str:
    """Format a date for display: B.E. with Thai month names in Thai, C.E. in English.

    style: "long" (9 พฤศจิกายน 2565), "short" (9 พ.ย. 2565), "month" (พฤศจิกายน 2565),
    "year" (2565).
    """
    if not isinstance(value, dt.date):
        return ""  # None, or "" from a filter such as localtime applied to nothing
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value)  # the reader's day, not UTC's
        value = value.date()
    thai = language.startswith("th")
    year = be_year(value.year) if thai else value.year
    month_index = value.month - 1
    if style == "year":
        return str(year)
    if thai:
        month = THAI_MONTHS_SHORT[month_index] if style == "short" else THAI_MONTHS[month_index]
    else:
        month = ENGLISH_MONTHS[month_index][:3] if style == "short" else ENGLISH_MONTHS[month_index]
    if style == "month":
        return f"{month} {year}"
    return f"{value.day} {month} {year}"


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_date(text: str) -> dt.date | None:
    """Read a date typed as YYYY-MM-DD or DD/MM/YYYY, in either era; None if unreadable."""
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(normalise_year(year), month, day)
    except ValueError:
        return None


# Thai digits are as good as Arabic ones in a typed date or year.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


class TypedDateError(ValueError):
    """What a person typed is not a date (code "invalid") or, for a Thai reader, carries a
    year that looks C.E. where B.E. is expected (code "ce_year", with the typed year)."""

    def __init__(self, code: str, year: int | None = None):
        super().__init__(code)
        self.code = code
        self.year = year


def _expects_be(language: str) -> bool:
    return language.startswith("th")


def read_year(text: str, language: str) -> int:
    """The C.E. year of a year typed by a reader: B.E. in Thai (a C.E.-looking year is
    refused, not guessed), C.E. or B.E. in English (a year of 2400 or more is B.E.)."""
    match = _YEAR.match(str(text).translate(_THAI_DIGITS))
    if not match:
        raise TypedDateError("invalid")
    year = int(match.group(1))
    if _expects_be(language) and year < BE_THRESHOLD:
        raise TypedDateError("ce_year", year)
    return normalise_year(year)


def read_date(text: str, language: str) -> dt.date:
    """The date a reader typed as dd/mm/yyyy, in B.E. for a Thai reader (C.E. in English;
    an English reader's year of 2400 or more is B.E.). YYYY-MM-DD, the machine form kept in
    links and bookmarks, is read as parse_date reads it. Raises TypedDateError."""
    text = str(text).translate(_THAI_DIGITS).strip()
    if _ISO.match(text):
        parsed = parse_date(text)
        if parsed is None:
            raise TypedDateError("invalid")
        return parsed
    match = _DMY.match(text.replace("-", "/").replace(".", "/"))
    if not match:
        raise TypedDateError("invalid")
    day, month, year = (int(g) for g in match.groups())
    if _expects_be(language) and year < BE_THRESHOLD:
        raise TypedDateError("ce_year", year)
    try:
        return dt.date(normalise_year(year), month, day)
    except ValueError:
        raise TypedDateError("invalid") from None


def typed_date(value: dt.date, language: str) -> str:
    """A date as a reader types it: 09/11/2565 in Thai, 09/11/2022 in English."""
    year = be_year(value.year) if _expects_be(language) else value.year
    return f"{value.day:02d}/{value.month:02d}/{year}"


def typed_year(value: int, language: str) -> str:
    """A stored (C.E.) year as a reader types it: 2570 in Thai, 2027 in English."""
    return str(be_year(value) if _expects_be(language) else value)


def check_new_due_date(
    *, current: dt.date | None, due_on: dt.date | None, reason: str, error=ValueError
) -> None:
    """The rule for moving any due date (a proposal's missing information, a review): a
    reason, and a new date that is neither in the past nor on or before the current one (a
    second click of the same change is refused here, so it is recorded once). Raises
    `error` (the calling app's refusal) with the message for the person acting."""
    if due_on is None:
        raise error(_("Give the new due date."))
    if not reason.strip():
        raise error(_("Give the reason for moving the due date."))
    if due_on < timezone.localdate():
        raise error(_("The new due date is in the past."))
    if current is not None and due_on <= current:
        raise error(
            _("The new due date must be later than the current one (%(date)s).")
            % {"date": format_date(current, get_language() or "th")}
        )
