"""One thing wrong with a file of areas, and how problems name dates and committees."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartcity.committee.enums import CommitteeKind
from smartcity.core.dates import format_date


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


def shown(value: dt.date) -> str:
    """A date as a problem names it, in the reader's language."""
    return format_date(value, get_language() or "th")


def committee_name(kind: str) -> str:
    return str(CommitteeKind(kind).label).lower() if kind else ""
