import datetime as dt

import pytest

from smartcity.committee.enums import CommitteeKind, DatePrecision
from smartcity.committee.models import Meeting
from smartcity.committee.services.committees import ensure_committees
from smartcity.committee.services.history import parse_meeting_reference, record_historical_meeting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sub-committee 1/2564",
            (CommitteeKind.SUB_COMMITTEE, 1, 2564, None, DatePrecision.UNKNOWN),
        ),
        (
            "steering committee 1/2565 (2022-11-09)",
            (CommitteeKind.STEERING, 1, 2565, dt.date(2022, 11, 9), DatePrecision.DAY),
        ),
        (
            "steering committee, Nov 2021",
            (CommitteeKind.STEERING, None, 2564, dt.date(2021, 11, 1), DatePrecision.MONTH),
        ),
    ],
)
def test_parse_meeting_reference_reads_the_public_record(text, expected):
    ref = parse_meeting_reference(text)
    assert (ref.kind, ref.number, ref.year_be, ref.held_on, ref.precision) == expected


@pytest.mark.parametrize(
    "text",
    [
        "board meeting 1/2565",
        "sub-committee 1/2022",  # a C.E. year where B.E. is meant
        "steering committee 1/2565 (2021-11-09)",  # date and B.E. year disagree
        "steering committee",  # neither number nor date
        "steering committee, Foo 2021",
    ],
)
def test_parse_meeting_reference_refuses_unreadable_text(text):
    with pytest.raises(ValueError):
        parse_meeting_reference(text)


@pytest.mark.django_db
def test_month_only_meeting_counts_from_the_last_day_of_the_month():
    steering = ensure_committees()[CommitteeKind.STEERING]
    meeting = record_historical_meeting(
        committee=steering,
        year_be=2564,
        number=None,
        held_on=dt.date(2021, 11, 1),
        precision=DatePrecision.MONTH,
    )
    assert meeting.effective_on == dt.date(2021, 11, 30)


@pytest.mark.django_db
def test_recording_a_known_meeting_again_fills_a_missing_date_once():
    sub = ensure_committees()[CommitteeKind.SUB_COMMITTEE]
    first = record_historical_meeting(
        committee=sub, year_be=2565, number=1, held_on=None, precision=DatePrecision.UNKNOWN
    )
    second = record_historical_meeting(
        committee=sub,
        year_be=2565,
        number=1,
        held_on=dt.date(2022, 10, 1),
        precision=DatePrecision.DAY,
    )
    third = record_historical_meeting(
        committee=sub,
        year_be=2565,
        number=1,
        held_on=dt.date(2022, 10, 5),
        precision=DatePrecision.DAY,
    )

    assert first.pk == second.pk == third.pk
    assert Meeting.objects.get(pk=first.pk).held_on == dt.date(2022, 10, 1)
    assert str(Meeting.objects.get(pk=first.pk).reference) == "1/2565"
