"""What a checked row of the file becomes (`AreaRecord`), the file as read (`ReadFile`),
its fingerprint and the form in which the records wait in a session for the preview."""

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field

from smartcity.certification.history.problems import Problem
from smartcity.committee.services.history import MeetingReference


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


def meeting_as_dict(reference: MeetingReference) -> dict:
    """A meeting reference as AreaRecord keeps it (held_on in ISO form)."""
    value = asdict(reference)
    value["held_on"] = reference.held_on.isoformat() if reference.held_on else None
    return value
