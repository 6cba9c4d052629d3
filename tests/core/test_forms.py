import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from smartcity.core.forms import BahtField, BEDateField, BEYearField


class DatedForm(forms.Form):
    on = BEDateField(label="on", required=False)
    year = BEYearField(label="year", required=False)


def _bound(language: str, **data) -> tuple[dict, dict]:
    """The cleaned data and the error messages, as a reader of `language` gets them."""
    with translation.override(language):
        form = DatedForm(data)
        form.is_valid()
        return form.cleaned_data, {
            name: [str(e) for e in errors] for name, errors in form.errors.items()
        }


def _shown(language: str, **initial) -> str:
    with translation.override(language):
        return str(DatedForm(initial=initial))


def test_a_thai_year_round_trips_through_ce_storage():
    cleaned, _errors = _bound("th", year="2570")

    assert cleaned["year"] == 2027
    assert 'value="2570"' in _shown("th", year=cleaned["year"])


def test_an_english_reader_types_and_sees_ce_years():
    assert _bound("en", year="2027")[0]["year"] == 2027
    assert 'value="2027"' in _shown("en", year=2027)


def test_a_thai_date_round_trips_through_ce_storage():
    cleaned, _errors = _bound("th", on="9/11/2565")

    assert cleaned["on"] == dt.date(2022, 11, 9)
    assert 'value="09/11/2565"' in _shown("th", on=cleaned["on"])
    assert 'value="09/11/2022"' in _shown("en", on=dt.date(2022, 11, 9))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"on": "๙/๑๑/๒๕๖๕"}, dt.date(2022, 11, 9)),
        ({"on": "2022-11-09"}, dt.date(2022, 11, 9)),
        ({"year": "๒๕๗๐"}, 2027),
    ],
)
def test_thai_digits_and_the_iso_form_are_read(data, expected):
    cleaned, _errors = _bound("th", **data)

    assert cleaned[next(iter(data))] == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2027"}, "กรุณาระบุปีเป็น พ.ศ."),
        ({"on": "9/11/2022"}, "กรุณาระบุปีเป็น พ.ศ."),
        ({"on": "31/02/2565"}, "กรุณาระบุวันที่ในรูปแบบ วัน/เดือน/ปี เช่น 09/11/2565"),
        ({"on": "yesterday"}, "กรุณาระบุวันที่ในรูปแบบ วัน/เดือน/ปี เช่น 09/11/2565"),
        ({"year": "25x0"}, "กรุณาระบุปีเป็นตัวเลขสี่หลัก เช่น 2570"),
        ({"year": "2700"}, "กรุณาระบุปีระหว่าง 2543 ถึง 2643"),
    ],
)
def test_a_bad_date_or_a_ce_year_is_refused_in_thai(data, message):
    _cleaned, errors = _bound("th", **data)

    assert message in errors[next(iter(data))][0]


def test_a_ce_year_error_says_what_it_is_in_be():
    _cleaned, errors = _bound("th", year="2027")

    assert errors["year"] == ["กรุณาระบุปีเป็น พ.ศ. (ปี 2027 ดูเหมือนเป็นปี ค.ศ. ซึ่งตรงกับ พ.ศ. 2570)"]


def test_the_field_shows_its_hint_and_names_it():
    with translation.override("th"):
        html = str(DatedForm()["on"])

    assert "วว/ดด/ปปปป พ.ศ." in html
    assert 'aria-describedby="id_on_hint"' in html
    assert 'type="date"' not in html


class AmountForm(forms.Form):
    amount = BahtField(label="amount", required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("150000000", Decimal("150000000")),
        ("150,000,000", Decimal("150000000")),
        ("๑๕๐,๐๐๐,๐๐๐ บาท", Decimal("150000000")),
        ("1,234.50", Decimal("1234.50")),
    ],
)
def test_an_amount_is_read_with_or_without_separators(typed, expected):
    form = AmountForm({"amount": typed})

    assert form.is_valid()
    assert form.cleaned_data["amount"] == expected


def test_an_amount_is_shown_grouped_in_its_input():
    html = str(AmountForm(initial={"amount": Decimal("150000000.00")})["amount"])

    assert 'value="150,000,000"' in html


@pytest.mark.parametrize("typed", ["lots", "-5", "1.2.3"])
def test_what_is_not_an_amount_is_refused_and_shown_back(typed):
    with translation.override("th"):
        form = AmountForm({"amount": typed})
        errors = [str(error) for error in form.errors["amount"]]  # read in Thai
        html = str(form["amount"])

    assert errors == ["กรุณาระบุจำนวนเงินเป็นบาท เช่น 150,000,000"]
    assert f'value="{typed}"' in html
