from decimal import Decimal

import pytest
from django.utils import translation

from smartcity.core.templatetags.thai import baht


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("th", Decimal("150000000.00"), "150,000,000 บาท"),
        ("en", Decimal("150000000.00"), "150,000,000 baht"),
        ("th", "1234.5", "1,234.50 บาท"),
        ("th", 0, "0 บาท"),
        ("th", None, "ไม่มีการรายงาน"),
    ],
)
def test_baht_groups_the_amount_in_the_readers_language(language, value, expected):
    with translation.override(language):
        assert baht(value) == expected


def test_baht_bare_is_the_grouped_number_alone():
    assert baht(Decimal("5000000.00"), "bare") == "5,000,000"
