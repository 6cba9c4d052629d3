import pytest
from django.db import connection
from django.db.models import F

from smartcity.core.db import (
    IdList,
    create_byte_order_index,
    driver_rows,
    sort_key_ordering,
    thai_sort_key,
)
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


# driver_rows and IdList: the export's one query ------------------------------------------


@pytest.mark.django_db
def test_driver_rows_reads_every_row_by_one_query_in_small_chunks(django_assert_num_queries):
    provinces = Province.objects.order_by("code").values_list("pk", "code", "name_th")

    with django_assert_num_queries(1):
        rows = list(driver_rows(provinces, chunk_size=5))

    assert len(rows) == 77
    assert [tuple(row) for row in rows] == list(provinces)


@pytest.mark.django_db
def test_driver_rows_gives_the_columns_in_the_order_named():
    """An annotation named before a field still comes where it was named (the database
    selects fields before annotations)."""
    provinces = (
        Province.objects.filter(code="65")
        .annotate(region_of=F("region__code"))
        .values_list("region_of", "code")
    )

    assert list(driver_rows(provinces)) == [("central", "65")]


@pytest.mark.django_db
def test_driver_rows_reads_nothing_from_an_empty_filter(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(driver_rows(Province.objects.filter(pk__in=[]).values_list("pk", "code"))) == []


def test_driver_rows_wants_a_values_list():
    with pytest.raises(TypeError):
        list(driver_rows(Province.objects.all()))


@pytest.mark.django_db
def test_id_list_joins_a_groups_ids_on_both_databases():
    by_region = dict(
        Province.objects.order_by()
        .values("region__code")
        .annotate(ids=IdList("pk"))
        .values_list("region__code", "ids")
    )

    expected: dict[str, set[str]] = {}
    for region, pk in Province.objects.values_list("region__code", "pk"):
        expected.setdefault(region, set()).add(str(pk))
    assert {region: set(ids.split(",")) for region, ids in by_region.items()} == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an index of PostgreSQL")
@pytest.mark.django_db
def test_the_queue_sorted_by_name_can_walk_an_index_on_postgresql():
    """Its order is sort_name COLLATE "C": without an index in that collation PostgreSQL
    must sort every proposal for a deep page, however the planner is steered."""
    from smartcity.proposals.enums import ProposalState
    from smartcity.proposals.selectors import screening_queue

    every_state = sorted(ProposalState.seen_by_secretariat())
    ordered = screening_queue({"state": every_state, "sort": "name"}).values_list("sort_name", "id")
    sql, params = ordered[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "proposal_queue_name_bytes" in plan
    assert "Sort" not in plan


def test_a_byte_order_index_is_made_only_on_postgresql():
    executed = []

    class Editor:
        connection = type("Connection", (), {"vendor": "sqlite"})()
        quote_name = staticmethod(lambda name: f'"{name}"')
        execute = staticmethod(executed.append)

    create_byte_order_index(Editor, table="t", name="i", columns=["sort_name", "id"])
    assert executed == []
    Editor.connection.vendor = "postgresql"
    create_byte_order_index(Editor, table="t", name="i", columns=["sort_name", "id"])
    assert executed == ['CREATE INDEX IF NOT EXISTS "i" ON "t" ("sort_name" COLLATE "C", "id")']
