"""Meetings and deadlines as iCalendar (RFC 5545): .ics attachments on the emails that
announce them, and each person's calendar feed at a secret address.

Times are written in UTC (RFC 5545 3.3.5, form 2), so no VTIMEZONE is needed and every
calendar shows them in its reader's zone; a deadline is an all-day event on its date (the
date in Bangkok). Summaries are evaluated in the reader's language: pass lazy strings.

The feed gathers items from the apps that own them: each registers a source in a module
named `calendars.py` (discovered like `jobs.py`):

    @calendar_source
    def review_deadlines(user) -> Iterable[CalendarItem]: ...
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import import_module

import icalendar
from django.apps import apps
from django.utils import timezone, translation

PRODID = "-//Smart City Thailand//smartcity//TH"
UID_DOMAIN = "smartcity.depa.or.th"
ICS_MIMETYPE = "text/calendar"


@dataclass(frozen=True)
class CalendarItem:
    """One meeting (`start` a datetime, `end` optional: one hour) or deadline (`start` a
    date: an all-day event). `key` makes the UID stable across emails and the feed, so a
    calendar updates the event instead of adding a second one."""

    key: str
    summary: object  # str or lazy string, read in the reader's language
    start: dt.datetime | dt.date
    end: dt.datetime | None = None
    location: object = ""
    description: object = ""
    url: str = ""


def _utc(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(dt.UTC)


def _vevent(item: CalendarItem, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{item.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", str(item.summary))
    if isinstance(item.start, dt.datetime):
        start = _utc(item.start)
        event.add("dtstart", start)
        event.add("dtend", _utc(item.end) if item.end else start + dt.timedelta(hours=1))
    else:
        event.add("dtstart", item.start)  # VALUE=DATE
        event.add("dtend", item.start + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    if str(item.location):
        event.add("location", str(item.location))
    if str(item.description):
        event.add("description", str(item.description))
    if item.url:
        event.add("url", item.url)
    return event


def calendar_text(items: Iterable[CalendarItem], *, language: str, name: object = "") -> str:
    """An iCalendar document of `items`, their text in `language`."""
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    with translation.override(language):
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        if str(name):
            calendar.add("x-wr-calname", str(name))
        for item in items:
            calendar.add_component(_vevent(item, stamp))
        return calendar.to_ical().decode()


# The feed's sources ---------------------------------------------------------------------------

_sources: list[Callable] = []


def calendar_source(func: Callable):
    """Register `func(user) -> Iterable[CalendarItem]` as a source of every person's feed."""
    if func not in _sources:
        _sources.append(func)
    return func


def discover() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("smartcity."):
            try:
                import_module(f"{config.name}.calendars")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.calendars":
                    raise


def items_for(user) -> list[CalendarItem]:
    discover()
    items: list[CalendarItem] = []
    for source in _sources:
        items.extend(source(user))
    return items


def attachment(items: Sequence[CalendarItem], *, language: str, filename="invite.ics") -> dict:
    return {
        "filename": filename,
        "content": calendar_text(items, language=language),
        "mimetype": ICS_MIMETYPE,
    }
