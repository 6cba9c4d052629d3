import datetime as dt

import pytest

from smartcity.core import dates


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("th", "long", "9 พฤศจิกายน 2565"),
        ("th", "short", "9 พ.ย. 2565"),
        ("th", "month", "พฤศจิกายน 2565"),
        ("th", "year", "2565"),
        ("en", "long", "9 November 2022"),
        ("en", "short", "9 Nov 2022"),
    ],
)
def test_format_date_shows_buddhist_era_to_thai_readers(language, style, expected):
    assert dates.format_date(dt.date(2022, 11, 9), language, style=style) == expected


def test_format_date_of_none_is_empty():
    assert dates.format_date(None, "th") == ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2022-11-09", dt.date(2022, 11, 9)),
        ("2565-11-09", dt.date(2022, 11, 9)),
        ("9/11/2565", dt.date(2022, 11, 9)),
        ("09/11/2022", dt.date(2022, 11, 9)),
        ("2400-01-01", dt.date(1857, 1, 1)),
        ("2399-01-01", dt.date(2399, 1, 1)),
    ],
)
def test_parse_date_reads_either_era_once(typed, expected):
    assert dates.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["", "yesterday", "31/02/2565", "2022-13-01", "1/1/22"])
def test_parse_date_refuses_what_it_cannot_read(typed):
    assert dates.parse_date(typed) is None


def test_conversion_round_trip_never_converts_twice():
    assert dates.normalise_year(dates.be_year(2022)) == 2022
    assert dates.normalise_year(2022) == 2022


def test_format_date_of_an_aware_datetime_uses_the_bangkok_day():
    late_utc = dt.datetime(2022, 11, 8, 20, 0, tzinfo=dt.UTC)  # 03:00 on 9 Nov in Bangkok
    assert dates.format_date(late_utc, "th") == "9 พฤศจิกายน 2565"
