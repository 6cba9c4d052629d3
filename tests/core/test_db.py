import pytest

from smartcity.core.db import sort_key_ordering, thai_sort_key
from smartcity.geo.models import Province


def test_thai_sort_key_puts_leading_vowels_after_their_consonant():
    words = ["ไก่", "เกิด", "กาล", "เป็ด", "หมู", "วัว"]
    assert sorted(words, key=thai_sort_key) == ["กาล", "เกิด", "ไก่", "เป็ด", "วัว", "หมู"]


@pytest.mark.django_db
def test_sort_key_ordering_sorts_provinces_in_dictionary_order():
    names = list(
        Province.objects.filter(code__in=["50", "57", "10", "20", "65"])
        .order_by(sort_key_ordering("sort_name"))
        .values_list("name_th", flat=True)
    )
    # กรุงเทพฯ, ชลบุรี, เชียงราย (ช + เ), เชียงใหม่, พิษณุโลก: a code-point sort would put the
    # two เชียง- names last.
    assert names == ["กรุงเทพมหานคร", "ชลบุรี", "เชียงราย", "เชียงใหม่", "พิษณุโลก"]
