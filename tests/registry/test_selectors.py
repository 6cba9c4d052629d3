import datetime as dt

import pytest

from smartcity.core.db import thai_sort_key
from smartcity.registry import selectors
from tests.certification.factories import CertifiedAreaFactory


@pytest.mark.django_db
def test_national_figures_today_read_30_areas_in_23_provinces(programme_data):
    figures = selectors.national_figures(dt.date(2026, 11, 23))

    assert (figures.areas, figures.provinces, figures.total_provinces) == (30, 23, 77)
    assert (figures.target_areas, figures.target_progress) == (105, 29)
    assert [(b.code, n) for b, n in figures.batches] == [("B1", 15), ("B2", 15)]


@pytest.mark.django_db
def test_national_figures_before_meeting_1_2565_read_15_areas_in_11_provinces(programme_data):
    figures = selectors.national_figures(dt.date(2022, 11, 8))

    assert (figures.areas, figures.provinces) == (15, 11)
    assert [(b.code, n) for b, n in figures.batches] == [("B1", 15)]


@pytest.mark.django_db
def test_national_figures_on_the_day_of_meeting_1_2565_include_batch_two(programme_data):
    assert selectors.national_figures(dt.date(2022, 11, 9)).areas == 30


@pytest.mark.django_db
def test_national_figures_before_any_certification_are_zero(programme_data):
    figures = selectors.national_figures(dt.date(2021, 1, 1))
    assert (figures.areas, figures.provinces, figures.batches) == (0, 0, [])


@pytest.mark.django_db
def test_figures_per_region_add_up_and_count_provinces(programme_data):
    figures = selectors.national_figures(dt.date(2026, 1, 1))
    by_region = {r.region.code: (r.areas, r.provinces, r.total_provinces) for r in figures.regions}

    assert by_region == {
        "north": (5, 4, 9),
        "northeast": (3, 3, 20),
        "central": (7, 3, 22),
        "east": (5, 3, 7),
        "west": (0, 0, 5),
        "south": (10, 10, 14),
    }
    assert sum(r.areas for r in figures.regions) == figures.areas


@pytest.mark.django_db
def test_domains_are_counted_where_known_and_the_rest_reported_as_unknown(programme_data):
    figures = selectors.national_figures(dt.date(2026, 1, 1))

    assert {d.code: d.areas for d in figures.domains} == dict.fromkeys(
        ["environment", "mobility", "living", "people", "energy", "economy", "governance"], 1
    )
    assert (figures.areas_with_domains, figures.areas_without_domains) == (1, 29)


@pytest.mark.django_db
def test_population_and_investment_are_not_reported_rather_than_zero(programme_data):
    figures = selectors.national_figures(dt.date(2026, 1, 1))
    assert (figures.population_total, figures.population_reported) == (None, 0)
    assert (figures.investment_total, figures.investment_reported) == (None, 0)


@pytest.mark.django_db
def test_declared_population_is_summed_over_the_areas_that_declared_it(programme_data):
    CertifiedAreaFactory(population_served=120_000, expected_investment_baht=5_000_000_000)
    CertifiedAreaFactory(population_served=30_000)

    figures = selectors.national_figures(dt.date(2026, 1, 1))

    assert (figures.population_total, figures.population_reported) == (150_000, 2)
    assert (figures.investment_total, figures.investment_reported) == (5_000_000_000, 1)


def names(areas):
    return sorted(a.name_en for a in areas)


@pytest.mark.django_db
def test_search_by_thai_province_word_finds_both_phitsanulok_areas(programme_data):
    assert names(selectors.search_areas({"q": "พิษณุโลก"})) == [
        "Phitsanulok Province Smart City",
        "Phitsanulok Sustainable Smart City",
    ]


@pytest.mark.django_db
def test_search_finds_a_word_inside_a_thai_name_without_spaces(programme_data):
    found = names(selectors.search_areas({"q": "อัจฉริยะ"}))
    assert len(found) >= 15
    assert "Korat Smart City" in found  # โคราชเมืองอัจฉริยะ
    assert "Nan towards a Smart City" in found  # เมืองน่านสู่เมืองอัจฉริยะ


@pytest.mark.django_db
def test_search_of_two_thai_words_typed_together_needs_both(programme_data):
    assert names(selectors.search_areas({"q": "ภูเก็ตอัจฉริยะ"})) == ["Phuket Smart City"]


@pytest.mark.django_db
def test_search_finds_english_names_case_insensitively(programme_data):
    assert names(selectors.search_areas({"q": "phitsanulok"})) == [
        "Phitsanulok Province Smart City",
        "Phitsanulok Sustainable Smart City",
    ]
    assert names(selectors.search_areas({"q": "Samyan"})) == ["Samyan Smart City"]


@pytest.mark.django_db
def test_search_finds_areas_by_proponent(programme_data):
    assert names(selectors.search_areas({"q": "จุฬาลงกรณ์มหาวิทยาลัย"})) == [
        "Rama 4 Smart City District",
        "Samyan Smart City",
    ]


@pytest.mark.django_db
def test_search_with_no_match_is_empty(programme_data):
    assert names(selectors.search_areas({"q": "ไม่มีพื้นที่นี้แน่นอน xyzzy"})) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"province": "65"}, 2),
        ({"region": "south"}, 10),
        ({"batch": "B1"}, 15),
        ({"proponent_type": "university"}, 3),
        ({"proponent_type": "unknown"}, 15),
        ({"domain": "mobility"}, 1),
        ({"as_of": dt.date(2022, 11, 8)}, 15),
        ({"region": "north", "batch": "B2"}, 2),
    ],
)
@pytest.mark.django_db
def test_registry_filters(programme_data, filters, expected):
    assert selectors.search_areas(filters).count() == expected


@pytest.mark.django_db
def test_registry_sorts_thai_names_in_dictionary_order(programme_data):
    ordered = [a.name_th for a in selectors.search_areas({}) if a.name_th[:1] >= "\u0e00"]

    assert ordered == sorted(ordered, key=thai_sort_key)
    # A code-point sort would put every name that starts with a leading vowel (เ, โ) last.
    assert ordered[:2] == ["กระบี่เมืองอัจฉริยะ", "การพัฒนาเมืองเก่าอย่างชาญฉลาด เทศบาลนครเชียงใหม่"]


@pytest.mark.django_db
def test_area_detail_hides_an_area_not_yet_certified(programme_data):
    future = CertifiedAreaFactory(certified_on=dt.date(2099, 1, 1))
    assert selectors.area_detail(future.pk) is None
